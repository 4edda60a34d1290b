import type { ManagedDevice } from '../../domain/managed-device.js';

// Device shapes as the v1.0 list call returns them (data/graph/examples/managedDevices.list.v1.realworld-cloudpc.json),
// with the defaults Graph fills in: '' for missing text, 0001-01-01 for missing dates, 0 for physicalMemoryInBytes.
const listDefaults = {
  userId: '',
  managedDeviceOwnerType: 'company',
  enrolledDateTime: '2024-02-01T09:12:44Z',
  lastSyncDateTime: '2024-05-20T07:45:10Z',
  complianceState: 'compliant',
  jailBroken: 'Unknown',
  managementAgent: 'mdm',
  easActivated: false,
  easDeviceId: '',
  easActivationDateTime: '0001-01-01T00:00:00Z',
  azureADRegistered: true,
  deviceRegistrationState: 'registered',
  deviceCategoryDisplayName: 'Unknown',
  isSupervised: false,
  exchangeLastSuccessfulSyncDateTime: '0001-01-01T00:00:00Z',
  isEncrypted: true,
  emailAddress: '',
  userPrincipalName: '',
  userDisplayName: '',
  imei: '',
  meid: '',
  phoneNumber: '',
  wiFiMacAddress: '',
  ethernetMacAddress: null,
  physicalMemoryInBytes: 0,
  activationLockBypassCode: null,
  managementState: 'managed',
} as const;

export const LAPTOP: ManagedDevice = {
  ...listDefaults,
  id: '1f0c3a52-8d1e-4c55-9a7b-33e1d2f4a001',
  deviceName: 'CONTOSO-LT-0142',
  managedDeviceName: 'ana.silva_Windows_2/1/2024_9:12 AM',
  operatingSystem: 'Windows',
  osVersion: '10.0.22631.3593',
  deviceEnrollmentType: 'windowsAzureADJoin',
  azureADDeviceId: '7b1d9c0e-2f4a-4e8b-9c3d-5a6b7c8d9e01',
  emailAddress: 'ana.silva@contoso.com',
  userPrincipalName: 'ana.silva@contoso.com',
  userDisplayName: 'Ana Silva',
  userId: '0c9e7a11-5b2d-4f3e-8a1c-9d8e7f6a5b40',
  model: 'Latitude 5440',
  manufacturer: 'Dell Inc.',
  serialNumber: '8HXK2Y3',
  wiFiMacAddress: '7C2A3186A0F1',
  totalStorageSpaceInBytes: 510_770_802_688,
  freeStorageSpaceInBytes: 301_458_092_032,
};

export const IPHONE: ManagedDevice = {
  ...listDefaults,
  id: '2a7d4b63-9e2f-4d66-8b8c-44f2e3a5b002',
  deviceName: "Ana's iPhone",
  managedDeviceName: 'ana.silva_iPhone_3/4/2024_2:30 PM',
  operatingSystem: 'iOS',
  osVersion: '17.4.1',
  deviceEnrollmentType: 'appleBulkWithUser',
  azureADDeviceId: '8c2e0d1f-3a5b-4f9c-8d4e-6b7c8d9e0f12',
  userPrincipalName: 'ana.silva@contoso.com',
  emailAddress: 'ana.silva@contoso.com',
  model: 'iPhone 15 Pro',
  manufacturer: 'Apple',
  serialNumber: 'F2LZK1ABN72J',
  imei: '35 391811 234567 8',
  meid: '35391811234567',
  phoneNumber: '+351912345678',
  wiFiMacAddress: 'a4c3f0e1b2d3',
  isSupervised: true,
  totalStorageSpaceInBytes: 128_000_000_000,
  freeStorageSpaceInBytes: 61_000_000_000,
};

/** The real-world Cloud PC of data/graph/examples, field for field. */
export const CLOUD_PC: ManagedDevice = {
  ...listDefaults,
  id: '9b5ca08f-2311-4164-b725-2d29609b35f2',
  deviceName: 'CPC-achak-A17OZ',
  enrolledDateTime: '2023-12-14T18:05:18Z',
  lastSyncDateTime: '2024-04-13T20:23:18Z',
  operatingSystem: 'Windows',
  complianceState: 'noncompliant',
  osVersion: '10.0.19044.3693',
  deviceEnrollmentType: 'windowsAzureADJoin',
  azureADDeviceId: '21fa9ef6-f319-4ee2-8c87-097e34eeada7',
  isEncrypted: false,
  model: 'Cloud PC Enterprise 2vCPU/4GB/128GB',
  manufacturer: 'Microsoft Corporation',
  serialNumber: '0000-0014-0657-8375-4585-0309-11',
  totalStorageSpaceInBytes: 136_844_410_880,
  freeStorageSpaceInBytes: 110_705_508_352,
  managedDeviceName: '21fa9ef6-f319-4ee2-8c87-097e34eeada7_Windows_12/14/2023_6:05 PM',
};

export const PERSONAL_ANDROID: ManagedDevice = {
  ...listDefaults,
  id: '3b8e5c74-af30-4e77-9c9d-55a3f4b6c003',
  deviceName: 'Galaxy S23',
  managedDeviceOwnerType: 'personal',
  operatingSystem: 'Android',
  osVersion: '14',
  model: 'SM-S911B',
  manufacturer: 'samsung',
  serialNumber: 'R5CW1234ABC',
};

export const OEM_DESKTOP: ManagedDevice = {
  ...listDefaults,
  id: '4c9f6d85-b041-4f88-8dae-66b4a5c7d004',
  deviceName: 'CONTOSO-DT-0007',
  operatingSystem: 'Windows',
  osVersion: '10.0.19045.4291',
  model: 'OptiPlex 7010',
  manufacturer: 'Dell Inc.',
  serialNumber: 'To be filled by O.E.M.',
};

export const DEFENDER_ONLY: ManagedDevice = {
  ...listDefaults,
  id: '5dae7e96-c152-4099-9ebf-77c5b6d8e005',
  deviceName: 'SRV-BUILD-02',
  managementAgent: 'msSense',
  operatingSystem: 'Windows',
  osVersion: '10.0.20348.2402',
  model: 'ProLiant DL360 Gen10',
  manufacturer: 'HPE',
  serialNumber: 'CZJ9320ABC',
};

export const UNKNOWN_MODEL: ManagedDevice = {
  ...listDefaults,
  id: '6ebf8fa7-d263-41aa-8fc0-88d6c7e9f006',
  deviceName: 'KIOSK-LOBBY',
  operatingSystem: 'Windows',
  osVersion: '10.0.19045.4291',
  model: 'Model 7',
  manufacturer: 'Acme',
  serialNumber: 'ACME7-000123',
};

export const ALL_SAMPLES = [LAPTOP, IPHONE, CLOUD_PC, PERSONAL_ANDROID, OEM_DESKTOP, DEFENDER_ONLY, UNKNOWN_MODEL] as const;
