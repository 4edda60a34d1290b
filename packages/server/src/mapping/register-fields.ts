import { DEFAULT_FIELD_MAPPING, DEFAULT_SOURCE_OF_TRUTH } from '@intune-assets/contracts';
import type { SourceOfTruth } from '@intune-assets/contracts';
import { MAPPED_FIELDS } from '../sync/plan.js';
import type { MappedField } from '../sync/plan.js';
import { TARGET_KINDS } from './convert-value.js';
import type { TargetKind } from './convert-value.js';

const LABELS: Readonly<Record<MappedField, string>> = {
  name: 'Name', serialNumber: 'Serial number', make: 'Make', model: 'Model', os: 'Operating system', osVersion: 'OS version',
  memoryGb: 'Memory (GB)', storageGb: 'Storage (GB)', storageType: 'Storage type', imei: 'IMEI', meid: 'MEID',
  wifiMac: 'Wi-Fi MAC address', ethernetMac: 'Ethernet MAC address', colour: 'Colour', displaySize: 'Display size',
  releaseDate: 'Release date', intuneDeviceId: 'Intune device id', azureAdDeviceId: 'Azure AD device id',
  activationLockBypassCode: 'Activation lock bypass code', managementState: 'Management state', lastSeenInSourceAt: 'Last seen in Intune',
};

/** One standard asset field a key field mapping may target. */
export interface RegisterField {
  readonly target: MappedField;
  readonly label: string;
  readonly type: TargetKind;
  readonly defaultExpression: string | null;
  readonly defaultSourceOfTruth: SourceOfTruth;
}

/**
 * The mappable standard fields with their labels and stored types: built from the lists the mapper converts with
 * (`MAPPED_FIELDS`, `TARGET_KINDS`) and the shipped defaults, so the setup page offers exactly what a save accepts.
 */
export function registerFields(): RegisterField[] {
  return MAPPED_FIELDS.map((target) => ({
    target,
    label: LABELS[target],
    type: TARGET_KINDS[target],
    defaultExpression: DEFAULT_FIELD_MAPPING[target] ?? null,
    defaultSourceOfTruth: DEFAULT_SOURCE_OF_TRUTH[target],
  }));
}
