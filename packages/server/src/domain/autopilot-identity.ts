/**
 * A Windows Autopilot device identity (`GET /deviceManagement/windowsAutopilotDeviceIdentities`): the serial
 * source for devices registered but not yet enrolled. `managedDeviceId` joins to `ManagedDevice.id`.
 */
export interface AutopilotIdentity {
  readonly id: string;
  readonly serialNumber?: string | null;
  readonly manufacturer?: string | null;
  readonly model?: string | null;
  readonly managedDeviceId?: string | null;
  readonly azureActiveDirectoryDeviceId?: string | null;
  readonly groupTag?: string | null;
  readonly purchaseOrderIdentifier?: string | null;
  /** enum windowsAutopilotEnrollmentState: unknown, enrolled, pendingReset, failed, notContacted. */
  readonly enrollmentState?: string;
  readonly lastContactedDateTime?: string;
  readonly userPrincipalName?: string | null;
  readonly addressableUserName?: string | null;
  readonly displayName?: string | null;
  readonly productKey?: string | null;
  readonly resourceName?: string | null;
  readonly skuNumber?: string | null;
  readonly systemFamily?: string | null;
}
