/** Which section of the asset detail page each register field goes in; unknown fields land in "Other". */
export const FIELD_GROUPS = ['Identity', 'Hardware', 'Allocation', 'Lifecycle', 'Intune', 'Other'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

const GROUP_OF: Readonly<Record<string, FieldGroup>> = {
  assetTag: 'Identity', name: 'Identity', serialNumber: 'Identity', category: 'Identity', categoryId: 'Identity',
  make: 'Hardware', model: 'Hardware', os: 'Hardware', osVersion: 'Hardware', memoryGb: 'Hardware', storageGb: 'Hardware',
  storageType: 'Hardware', imei: 'Hardware', meid: 'Hardware', wifiMac: 'Hardware', ethernetMac: 'Hardware', colour: 'Hardware',
  displaySize: 'Hardware', releaseDate: 'Hardware',
  allocatedUser: 'Allocation', allocatedUserId: 'Allocation', allocatedAt: 'Allocation', allocatedBy: 'Allocation',
  site: 'Allocation', siteId: 'Allocation', location: 'Allocation', locationId: 'Allocation', store: 'Allocation', storeId: 'Allocation',
  floor: 'Allocation', floorId: 'Allocation', usageType: 'Allocation', purpose: 'Allocation',
  status: 'Lifecycle', statusKey: 'Lifecycle', subStatus: 'Lifecycle', subStatusId: 'Lifecycle', condition: 'Lifecycle',
  conditionId: 'Lifecycle', createdAt: 'Lifecycle', updatedAt: 'Lifecycle', source: 'Lifecycle',
  intuneDeviceId: 'Intune', azureAdDeviceId: 'Intune', managementState: 'Intune', lastSeenInSourceAt: 'Intune',
  sourceConnection: 'Intune', sourceConnectionId: 'Intune', lastSeenRunId: 'Intune',
};

export function fieldGroupOf(field: string): FieldGroup {
  return GROUP_OF[field] ?? 'Other';
}

/** Fields in their groups, in FIELD_GROUPS order, keeping the server's order inside a group; empty groups left out. */
export function groupFields<T extends { readonly field: string }>(fields: readonly T[]): { group: FieldGroup; fields: T[] }[] {
  const buckets = new Map<FieldGroup, T[]>();
  for (const field of fields) {
    const group = fieldGroupOf(field.field);
    const bucket = buckets.get(group);
    if (bucket === undefined) buckets.set(group, [field]);
    else bucket.push(field);
  }
  return FIELD_GROUPS.flatMap((group) => {
    const bucket = buckets.get(group);
    return bucket === undefined ? [] : [{ group, fields: bucket }];
  });
}
