import type { JsonValue } from './json.js';

/**
 * A managedDevice as Graph returns it (v1.0 fields, plus the beta-only ones when enrichment reads beta).
 * Generated from data/graph/managedDevice.{v1,beta}.json. Every field but `id` is optional because `$select`
 * decides which come back; enums are open strings (Graph adds members after unknownFutureValue).
 */
export interface ManagedDevice {
  readonly id: string;
  readonly activationLockBypassCode?: string | null;
  readonly androidSecurityPatchLevel?: string | null;
  readonly azureADDeviceId?: string | null;
  readonly azureADRegistered?: boolean | null;
  readonly complianceGracePeriodExpirationDateTime?: string;
  readonly complianceState?: string; // enum complianceState
  readonly configurationManagerClientEnabledFeatures?: JsonValue | null;
  readonly deviceActionResults?: readonly JsonValue[] | null;
  readonly deviceCategoryDisplayName?: string | null;
  readonly deviceEnrollmentType?: string; // enum deviceEnrollmentType
  readonly deviceHealthAttestationState?: JsonValue | null;
  readonly deviceName?: string | null;
  readonly deviceRegistrationState?: string; // enum deviceRegistrationState
  readonly easActivated?: boolean;
  readonly easActivationDateTime?: string;
  readonly easDeviceId?: string | null;
  readonly emailAddress?: string | null;
  readonly enrolledDateTime?: string;
  readonly enrollmentProfileName?: string | null;
  readonly ethernetMacAddress?: string | null;
  readonly exchangeAccessState?: string; // enum deviceManagementExchangeAccessState
  readonly exchangeAccessStateReason?: string; // enum deviceManagementExchangeAccessStateReason
  readonly exchangeLastSuccessfulSyncDateTime?: string;
  readonly freeStorageSpaceInBytes?: number;
  readonly iccid?: string | null;
  readonly imei?: string | null;
  readonly isEncrypted?: boolean;
  readonly isSupervised?: boolean;
  readonly jailBroken?: string | null;
  readonly lastSyncDateTime?: string;
  readonly managedDeviceName?: string | null;
  readonly managedDeviceOwnerType?: string; // enum managedDeviceOwnerType
  readonly managementAgent?: string; // enum managementAgentType
  readonly managementCertificateExpirationDate?: string;
  readonly managementState?: string; // enum managementState
  readonly manufacturer?: string | null;
  readonly meid?: string | null;
  readonly model?: string | null;
  readonly notes?: string | null;
  readonly operatingSystem?: string | null;
  readonly osVersion?: string | null;
  readonly partnerReportedThreatState?: string; // enum managedDevicePartnerReportedHealthState
  readonly phoneNumber?: string | null;
  readonly physicalMemoryInBytes?: number;
  readonly remoteAssistanceSessionErrorDetails?: string | null;
  readonly remoteAssistanceSessionUrl?: string | null;
  readonly requireUserEnrollmentApproval?: boolean | null;
  readonly serialNumber?: string | null;
  readonly subscriberCarrier?: string | null;
  readonly totalStorageSpaceInBytes?: number;
  readonly udid?: string | null;
  readonly userDisplayName?: string | null;
  readonly userId?: string | null;
  readonly userPrincipalName?: string | null;
  readonly wiFiMacAddress?: string | null;
  // beta only
  readonly aadRegistered?: boolean | null;
  readonly autopilotEnrolled?: boolean;
  readonly azureActiveDirectoryDeviceId?: string | null;
  readonly bootstrapTokenEscrowed?: boolean;
  readonly chassisType?: string; // enum chassisType
  readonly chromeOSDeviceInfo?: readonly JsonValue[] | null;
  readonly cloudPcRemoteActionResults?: readonly JsonValue[] | null;
  readonly configurationManagerClientHealthState?: JsonValue | null;
  readonly configurationManagerClientInformation?: JsonValue | null;
  readonly deviceFirmwareConfigurationInterfaceManaged?: boolean;
  readonly deviceType?: string; // enum deviceType
  readonly enrolledByUserPrincipalName?: string | null;
  readonly hardwareInformation?: JsonValue | null;
  readonly joinType?: string; // enum joinType
  readonly lostModeState?: string; // enum lostModeState
  readonly managementFeatures?: string; // enum managedDeviceManagementFeatures
  readonly ownerType?: string; // enum ownerType
  readonly preferMdmOverGroupPolicyAppliedDateTime?: string;
  readonly processorArchitecture?: string; // enum managedDeviceArchitecture
  readonly retireAfterDateTime?: string;
  readonly roleScopeTagIds?: readonly JsonValue[] | null;
  readonly securityPatchLevel?: string | null;
  readonly skuFamily?: string | null;
  readonly skuNumber?: number;
  readonly specificationVersion?: string | null;
  readonly usersLoggedOn?: readonly JsonValue[] | null;
  readonly windowsActiveMalwareCount?: number;
  readonly windowsRemediatedMalwareCount?: number;
}

