import type { JsonObject } from '../../domain/json.js';
import type { Prng } from './prng.js';
import type { ModelSpec } from './catalogue.js';

export interface HardwareFacts {
  readonly spec: ModelSpec;
  readonly serialNumber: string;
  readonly model: string;
  readonly osVersion: string;
  readonly totalStorage: number;
  readonly freeStorage: number;
  readonly imei: string | null;
  readonly meid: string | null;
  readonly phoneNumber: string | null;
  readonly carrier: string | null;
  readonly wifiMac: string | null;
  readonly isSupervised: boolean;
  readonly isEncrypted: boolean;
  readonly deviceName: string;
}

/** The beta hardwareInformation Intune reports for a device, consistent with its model and platform. */
export function hardwareInformationFor(prng: Prng, facts: HardwareFacts): JsonObject {
  const { spec } = facts;
  const isWindows = spec.platform === 'windows';
  const isVirtual = spec.formFactor === 'vm' || spec.formFactor === 'cloudPc';
  const hasBattery = !isVirtual && spec.formFactor !== 'desktop';
  const ip = `10.${prng.int(0, 40)}.${prng.int(0, 255)}.${prng.int(2, 254)}`;
  return {
    serialNumber: facts.serialNumber,
    totalStorageSpace: facts.totalStorage,
    freeStorageSpace: facts.freeStorage,
    imei: facts.imei,
    meid: facts.meid,
    manufacturer: spec.manufacturer,
    model: facts.model,
    phoneNumber: facts.phoneNumber,
    subscriberCarrier: facts.carrier,
    cellularTechnology: facts.imei === null ? null : 'LTE',
    wifiMac: facts.wifiMac,
    operatingSystemLanguage: 'en-US',
    isSupervised: facts.isSupervised,
    isEncrypted: facts.isEncrypted,
    batterySerialNumber: hasBattery && isWindows ? `${prng.chars('0123456789ABCDEF', 4)}${prng.digits(6)}` : null,
    batteryHealthPercentage: hasBattery ? prng.int(72, 100) : 0,
    batteryChargeCycles: hasBattery ? prng.int(10, 900) : 0,
    batteryLevelPercentage: hasBattery ? prng.int(5, 100) : null,
    isSharedDevice: false,
    sharedDeviceCachedUsers: [],
    residentUsersCount: null,
    tpmSpecificationVersion: isWindows ? '2.0, 0, 1.59' : null,
    tpmManufacturer: isWindows ? (isVirtual ? 'MSFT' : prng.pick(['INTC', 'IFX', 'STM'])) : null,
    tpmVersion: isWindows ? '2.0' : null,
    operatingSystemEdition: isWindows ? 'Enterprise' : null,
    operatingSystemProductType: isWindows ? 4 : 0,
    osBuildNumber: isWindows ? facts.osVersion : null,
    deviceFullQualifiedDomainName: isWindows ? facts.deviceName : null,
    deviceGuardVirtualizationBasedSecurityHardwareRequirementState: isVirtual ? 'hyperVNotSupportedForGuestVM' : 'meetHardwareRequirements',
    deviceGuardVirtualizationBasedSecurityState: isWindows && !isVirtual ? 'running' : 'notConfigured',
    deviceGuardLocalSystemAuthorityCredentialGuardState: isWindows && !isVirtual ? 'running' : 'notConfigured',
    deviceLicensingStatus: isWindows ? 'deviceLicenseRefreshSucceed' : 'unknown',
    deviceLicensingLastErrorCode: 0,
    deviceLicensingLastErrorDescription: null,
    ipAddressV4: ip,
    subnetAddress: isWindows ? '255.255.252.0' : null,
    wiredIPv4Addresses: isWindows && spec.formFactor === 'desktop' ? [ip] : [],
    esimIdentifier: null,
    systemManagementBIOSVersion: isWindows ? biosVersionFor(prng, spec) : null,
    productName: spec.productName,
  };
}

function biosVersionFor(prng: Prng, spec: ModelSpec): string {
  switch (spec.serialStyle) {
    case 'dell':
      return `1.${prng.int(10, 24)}.${prng.int(0, 3)}`;
    case 'hp':
      return `V70 Ver. 01.${prng.int(10, 16)}.${prng.int(0, 9)}0`;
    case 'lenovo':
    case 'lenovoDesktop':
      return `N3${prng.chars('ABCDEFGHJK', 1)}ET${prng.int(40, 90)}W (1.${prng.int(10, 60)} )`;
    case 'vm':
      return 'Hyper-V UEFI Release v4.1';
    default:
      return `${prng.int(10, 25)}.${prng.int(0, 200)}.${prng.int(0, 999)}`;
  }
}
