import type { ManagedDevice } from '../../domain/managed-device.js';
import type { Prng } from './prng.js';
import type { ModelSpec } from './catalogue.js';
import type { EmulatedUser } from './users.js';
import { CARRIERS, GARBAGE_SERIALS, MODEL_CATALOGUE, OPERATING_SYSTEM_NAMES, OS_VERSIONS } from './catalogue.js';
import { hardwareInformationFor } from './hardware-information.js';
import { imeiFor, isoSeconds, macFor, managedDeviceNameFor, phoneNumberFor, serialFor } from './identifiers.js';

const DAY_MS = 86_400_000;
const EPOCH_ZERO = '0001-01-01T00:00:00Z';
const MODEL_WEIGHTS = MODEL_CATALOGUE.map((spec) => [spec, spec.sharePct] as const);

export interface DeviceContext {
  readonly prng: Prng;
  readonly nowMs: number;
  readonly users: readonly EmulatedUser[];
}

export function pickModel(prng: Prng): ModelSpec {
  return prng.weighted(MODEL_WEIGHTS);
}

function platformToken(spec: ModelSpec, isPersonal: boolean): string {
  switch (spec.platform) {
    case 'windows':
      return 'Windows';
    case 'ios':
      return 'IPhone';
    case 'ipados':
      return 'IPad';
    case 'android':
      return isPersonal ? 'AndroidForWork' : 'AndroidEnterprise';
    case 'macos':
      return 'MacOS';
  }
}

function deviceNameFor(prng: Prng, spec: ModelSpec, serial: string, user: EmulatedUser | undefined): string {
  const owner = user?.givenName ?? null;
  switch (spec.formFactor) {
    case 'vm':
      return `AVD-POOL${prng.int(1, 4)}-${prng.int(0, 40)}`;
    case 'cloudPc':
      return `CPC-${(user?.onPremisesSamAccountName ?? 'user').slice(0, 5)}-${prng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 5)}`;
    case 'phone':
    case 'tablet':
      if (spec.platform === 'windows') break;
      return owner !== null && prng.chance(0.6) ? `${owner}'s ${spec.productName}` : spec.productName;
    default:
      break;
  }
  if (spec.platform === 'macos') return owner !== null && prng.chance(0.7) ? `${owner}'s ${spec.productName}` : `MAC-${serial}`;
  const roll = prng.next();
  if (roll < 0.55 && serial.length >= 7) return `CTS${spec.formFactor === 'desktop' ? 'D' : 'L'}-${serial.slice(-7)}`;
  if (roll < 0.9) return `DESKTOP-${prng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 7)}`;
  return `LAPTOP-${prng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 8)}`;
}

function enrollmentTypeFor(prng: Prng, spec: ModelSpec, isPersonal: boolean, agent: string): string {
  if (agent === 'msSense') return 'unknown';
  if (agent === 'configurationManagerClientMdm') return 'windowsCoManagement';
  switch (spec.platform) {
    case 'windows':
      if (isPersonal) return 'windowsAutoEnrollment';
      return prng.weighted([['windowsAzureADJoin', 75], ['windowsAutoEnrollment', 15], ['windowsBulkUserless', 5], ['windowsAzureADJoinUsingDeviceAuth', 5]]);
    case 'ios':
    case 'ipados':
    case 'macos':
      if (isPersonal) return prng.chance(0.5) ? 'userEnrollment' : 'appleUserEnrollment';
      return prng.chance(0.85) ? 'appleBulkWithUser' : 'deviceEnrollmentManager';
    case 'android':
      // Beta-only members; v1.0 shows them as unknownFutureValue, as Graph does.
      return isPersonal ? 'userEnrollment' : 'androidEnterpriseFullyManaged';
  }
}

function deviceTypeFor(spec: ModelSpec, isPersonal: boolean): string {
  if (spec.formFactor === 'cloudPc') return 'cloudPC';
  switch (spec.platform) {
    case 'windows':
      return 'windowsRT';
    case 'ios':
      return 'iPhone';
    case 'ipados':
      return 'iPad';
    case 'macos':
      return 'macMDM';
    case 'android':
      return isPersonal ? 'androidForWork' : 'androidEnterprise';
  }
}

function chassisTypeFor(spec: ModelSpec): string {
  if (spec.formFactor === 'vm' || spec.formFactor === 'cloudPc') return 'unknown';
  return spec.formFactor;
}

function storageBytes(gb: number): number {
  // Drives report formatted capacity: roughly 93 % of the marketing size.
  return Math.round(gb * 1e9 * 0.93 / 4096) * 4096;
}

/** Builds one full (beta-shaped) managedDevice; every property is present so projection is a lookup. */
export function buildDevice(ctx: DeviceContext, spec: ModelSpec = pickModel(ctx.prng)): ManagedDevice {
  const { prng, nowMs } = ctx;
  const isWindows = spec.platform === 'windows';
  const isApple = spec.platform === 'ios' || spec.platform === 'ipados' || spec.platform === 'macos';
  const isPhone = spec.formFactor === 'phone';
  const isPhysicalPc = isWindows && spec.formFactor !== 'vm' && spec.formFactor !== 'cloudPc';
  const isPersonal = prng.chance(spec.personalShare);
  const user = ctx.users.length > 0 && !prng.chance(0.05) ? prng.pick(ctx.users) : undefined;

  let serial = serialFor(prng, spec.serialStyle);
  if (!isApple && spec.serialStyle !== 'vm' && prng.chance(0.028)) serial = prng.pick(GARBAGE_SERIALS);

  const lastSyncMs = prng.chance(0.04) ? nowMs - prng.int(91, 400) * DAY_MS - prng.int(0, DAY_MS) : nowMs - prng.int(0, 30 * DAY_MS);
  const enrolledMs = lastSyncMs - prng.int(1, 3 * 365) * DAY_MS - prng.int(0, DAY_MS);
  const agent = isPhysicalPc
    ? prng.weighted([['mdm', 82], ['configurationManagerClientMdm', 16], ['msSense', 1.6]] as const)
    : 'mdm';
  const complianceState =
    agent === 'msSense'
      ? 'unknown'
      : agent === 'configurationManagerClientMdm' && prng.chance(0.15)
        ? 'configManager'
        : prng.weighted([['compliant', 82], ['noncompliant', 9], ['inGracePeriod', 3], ['unknown', 4], ['error', 2]] as const);
  const isEncrypted = isApple ? !(isPersonal && spec.platform === 'macos' && prng.chance(0.3)) : spec.platform === 'android' || prng.chance(spec.formFactor === 'vm' ? 0.5 : 0.92);
  const isSupervised = isApple && spec.platform !== 'macos' && !isPersonal;
  const azureAdDeviceId = prng.uuid();
  const model = prng.pick(spec.models);
  const osVersion = prng.weighted(OS_VERSIONS[spec.platform]);
  const totalStorage = storageBytes(prng.pick(spec.storageGB));
  const freeStorage = Math.round(totalStorage * (0.1 + prng.next() * 0.75) / 4096) * 4096;
  const imei = isPhone ? imeiFor(prng) : null;
  const meid = imei !== null && spec.platform === 'ios' ? imei.slice(0, 14) : null;
  const phoneNumber = isPhone && prng.chance(0.6) ? phoneNumberFor(prng) : null;
  const carrier = isPhone ? prng.pick(CARRIERS) : null;
  const wifiMac = spec.formFactor === 'cloudPc' ? null : macFor(prng);
  const deviceName = deviceNameFor(prng, spec, serial, user);
  const enrollmentType = enrollmentTypeFor(prng, spec, isPersonal, agent);
  const isAutopilot = isPhysicalPc && !isPersonal && enrollmentType === 'windowsAzureADJoin' && prng.chance(0.9);
  const isAde = enrollmentType === 'appleBulkWithUser';
  const upn = user?.userPrincipalName ?? '';
  const ownerType = isPersonal ? 'personal' : 'company';
  const patchLevel = spec.platform === 'android' ? `2024-0${prng.int(5, 9)}-01` : null;
  const hardwareInformation = hardwareInformationFor(prng, {
    spec, serialNumber: serial, model, osVersion, totalStorage, freeStorage, imei, meid, phoneNumber, carrier, wifiMac, isSupervised, isEncrypted, deviceName,
  });

  return {
    id: prng.uuid(),
    userId: user?.id ?? '',
    deviceName,
    managedDeviceOwnerType: ownerType,
    enrolledDateTime: isoSeconds(enrolledMs),
    lastSyncDateTime: isoSeconds(lastSyncMs),
    operatingSystem: OPERATING_SYSTEM_NAMES[spec.platform],
    complianceState,
    jailBroken: isApple && spec.platform !== 'macos' ? 'False' : spec.platform === 'android' ? 'False' : 'Unknown',
    managementAgent: agent,
    osVersion,
    easActivated: false,
    easDeviceId: '',
    easActivationDateTime: EPOCH_ZERO,
    azureADRegistered: agent !== 'msSense',
    deviceEnrollmentType: enrollmentType,
    activationLockBypassCode: isSupervised ? `${prng.chars('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 5)}-${prng.chars('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 5)}-${prng.chars('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 5)}` : null,
    emailAddress: user?.mail ?? '',
    azureADDeviceId: azureAdDeviceId,
    deviceRegistrationState: agent === 'msSense' ? 'notRegistered' : 'registered',
    deviceCategoryDisplayName: 'Unknown',
    isSupervised,
    exchangeLastSuccessfulSyncDateTime: EPOCH_ZERO,
    exchangeAccessState: 'none',
    exchangeAccessStateReason: 'none',
    remoteAssistanceSessionUrl: null,
    remoteAssistanceSessionErrorDetails: null,
    isEncrypted,
    userPrincipalName: upn,
    model,
    manufacturer: spec.manufacturer,
    imei: imei ?? '',
    complianceGracePeriodExpirationDateTime: complianceState === 'compliant' ? '9999-12-31T23:59:59Z' : isoSeconds(lastSyncMs + 7 * DAY_MS),
    serialNumber: serial,
    phoneNumber: phoneNumber ?? '',
    androidSecurityPatchLevel: patchLevel ?? '',
    userDisplayName: user?.displayName ?? '',
    configurationManagerClientEnabledFeatures: null,
    wiFiMacAddress: wifiMac ?? '',
    deviceHealthAttestationState: null,
    subscriberCarrier: carrier ?? '',
    meid: meid ?? '',
    totalStorageSpaceInBytes: totalStorage,
    freeStorageSpaceInBytes: freeStorage,
    managedDeviceName: managedDeviceNameFor(upn === '' ? azureAdDeviceId : (upn.split('@')[0] ?? upn), platformToken(spec, isPersonal), enrolledMs),
    partnerReportedThreatState: agent === 'msSense' || prng.chance(0.3) ? 'activated' : 'unknown',
    requireUserEnrollmentApproval: null,
    managementCertificateExpirationDate: isoSeconds(enrolledMs + 365 * DAY_MS * Math.ceil((lastSyncMs - enrolledMs) / (365 * DAY_MS) + 0.01)),
    iccid: isPhone ? `89${prng.digits(18)}` : null,
    udid: isApple ? (spec.platform === 'macos' ? prng.uuid().toUpperCase() : prng.chars('0123456789abcdef', 40)) : null,
    notes: null,
    ethernetMacAddress: isPhysicalPc && (spec.formFactor === 'desktop' || prng.chance(0.4)) ? macFor(prng) : null,
    physicalMemoryInBytes: prng.pick(spec.memoryGiB) * 1024 ** 3,
    enrollmentProfileName: isAutopilot ? 'Autopilot - User Driven' : isAde ? 'Corporate ADE' : null,
    deviceActionResults: [],
    // beta only
    aadRegistered: agent !== 'msSense',
    autopilotEnrolled: isAutopilot,
    azureActiveDirectoryDeviceId: azureAdDeviceId,
    bootstrapTokenEscrowed: spec.platform === 'macos' && !isPersonal,
    chassisType: chassisTypeFor(spec),
    chromeOSDeviceInfo: [],
    cloudPcRemoteActionResults: [],
    configurationManagerClientHealthState: null,
    configurationManagerClientInformation: null,
    deviceFirmwareConfigurationInterfaceManaged: false,
    deviceType: deviceTypeFor(spec, isPersonal),
    enrolledByUserPrincipalName: upn,
    hardwareInformation,
    joinType: !isWindows ? 'azureADRegistered' : isPersonal ? 'azureADRegistered' : agent === 'configurationManagerClientMdm' ? 'hybridAzureADJoined' : 'azureADJoined',
    lostModeState: 'disabled',
    managementFeatures: 'none',
    managementState: prng.weighted([['managed', 985], ['retirePending', 7], ['wipePending', 3], ['retireIssued', 3], ['deletePending', 2]] as const),
    ownerType,
    preferMdmOverGroupPolicyAppliedDateTime: EPOCH_ZERO,
    processorArchitecture: spec.arm === true || (spec.productName === 'Surface Pro 9' && prng.chance(0.2)) ? 'arM64' : isWindows ? 'x64' : 'unknown',
    retireAfterDateTime: EPOCH_ZERO,
    roleScopeTagIds: ['0'],
    securityPatchLevel: patchLevel,
    skuFamily: isWindows ? 'Enterprise' : '',
    skuNumber: isWindows ? 4 : 0,
    specificationVersion: null,
    usersLoggedOn: isWindows && user !== undefined ? [{ userId: user.id, lastLogOnDateTime: isoSeconds(lastSyncMs - prng.int(0, 3 * DAY_MS)) }] : [],
    windowsActiveMalwareCount: 0,
    windowsRemediatedMalwareCount: isWindows && prng.chance(0.05) ? prng.int(1, 3) : 0,
  };
}
