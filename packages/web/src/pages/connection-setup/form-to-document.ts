import { DEFAULT_FIELD_MAPPING, MAPPING_TARGETS } from '@intune-assets/contracts';
import type { ConnectionInput, FieldIssue } from '@intune-assets/contracts';
import { defaultSourceOfTruth } from './form-state.js';
import type { ConnectionForm, MappingRowForm, PlaceForm } from './form-state.js';

/** The document the API takes; `clientSecret` may be left out on PUT to keep the stored one. */
export type ConnectionDraft = Omit<ConnectionInput, 'clientSecret'> & { clientSecret?: string };

type MappingEntry = { expression?: string; sourceOfTruth?: MappingRowForm['sourceOfTruth'] } | null;

/** The document to PUT/POST and the problems found before sending it (numbers that are not numbers, …). */
export interface DocumentFromForm {
  readonly document: ConnectionDraft;
  readonly issues: readonly FieldIssue[];
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value);

function list(value: string, separator: RegExp): string[] | null {
  const items = value.split(separator).map((s) => s.trim()).filter((s) => s !== '');
  return items.length === 0 ? null : items;
}

function place(value: PlaceForm): PlaceForm | null {
  if (value.site.trim() === '' && value.location.trim() === '' && value.store.trim() === '') return null;
  return { site: value.site, location: value.location, store: value.store };
}

function mappingFields(rows: readonly MappingRowForm[], issues: FieldIssue[]): Record<string, MappingEntry> {
  const fields: Record<string, MappingEntry> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const target = row.target.trim();
    if (seen.has(target)) issues.push({ path: `mapping.fields.${target}`, message: `${target} is mapped twice; keep one row` });
    seen.add(target);
    const fallback = (DEFAULT_FIELD_MAPPING as Readonly<Record<string, string | undefined>>)[target];
    const entry: { expression?: string; sourceOfTruth?: MappingRowForm['sourceOfTruth'] } = {};
    if (row.expression !== fallback) entry.expression = row.expression;
    if (row.sourceOfTruth !== defaultSourceOfTruth(target)) entry.sourceOfTruth = row.sourceOfTruth;
    if (entry.expression !== undefined || entry.sourceOfTruth !== undefined) fields[target] = entry;
  }
  // A shipped default the analyst removed must be sent as null, or the server merges it back in.
  for (const target of MAPPING_TARGETS) {
    if (DEFAULT_FIELD_MAPPING[target] !== undefined && !seen.has(target)) fields[target] = null;
  }
  return fields;
}

function wholeNumber(value: string, path: string, issues: FieldIssue[]): number {
  const trimmed = value.trim();
  if (!/^-?\d+$/.test(trimmed)) {
    issues.push({ path, message: trimmed === '' ? 'enter a whole number' : `'${value}' is not a whole number` });
    return Number.NaN;
  }
  return Number(trimmed);
}

function decimal(value: string, path: string, issues: FieldIssue[]): number {
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) {
    issues.push({ path, message: trimmed === '' ? 'enter a number' : `'${value}' is not a number` });
    return Number.NaN;
  }
  return Number(trimmed);
}

/**
 * The connection document for the form: the whole document (the API replaces, never patches), with settings
 * left at a shipped default written out as the form shows them, except the mapping, which only lists what
 * differs from the shipped mapping (its entries merge over it). An empty secret with one stored is left out (kept).
 *
 * @example
 * const { document, issues } = documentFromForm(form);
 * if (issues.length === 0) await api.put(`/connections/${name}`, document);
 */
export function documentFromForm(form: ConnectionForm): DocumentFromForm {
  const issues: FieldIssue[] = [];
  const c = form.classification;
  const document: ConnectionDraft = {
    name: form.name.trim(),
    description: form.description,
    department: form.department,
    integrationUser: form.integrationUser,
    isActive: form.isActive,
    enabledForInstances: [...form.enabledForInstances],
    tenantId: form.tenantId.trim(),
    clientId: form.clientId.trim(),
    authMode: form.authMode,
    cloud: form.cloud,
    graphApiVersion: form.graphApiVersion,
    syncMode: form.syncMode,
    moveToCmdb: form.moveToCmdb,
    schedule: form.schedule.trim(),
    ...(form.scheduleTimezone.trim() === '' ? {} : { scheduleTimezone: form.scheduleTimezone.trim() }),
    syncNowDebounceMinutes: wholeNumber(form.syncNowDebounceMinutes, 'syncNowDebounceMinutes', issues),
    batchSize: wholeNumber(form.batchSize, 'batchSize', issues),
    retireSafetyPercent: decimal(form.retireSafetyPercent, 'retireSafetyPercent', issues),
    filters: {
      corporateOnly: form.filters.corporateOnly,
      requireValidSerial: form.filters.requireValidSerial,
      excludeDesktops: form.filters.excludeDesktops,
      excludeDefenderOnly: form.filters.excludeDefenderOnly,
      excludeUnknownType: form.filters.excludeUnknownType,
      platforms: list(form.filters.platforms, /,/),
      groupIds: list(form.filters.groupIds, /[\s,;]+/),
      condition: orNull(form.filters.condition),
    },
    deviceTypes: {
      rules: form.deviceTypeRules.map((r) => ({
        type: r.type,
        ...(r.os.trim() === '' ? {} : { os: r.os }),
        ...(r.manufacturer.trim() === '' ? {} : { manufacturer: r.manufacturer }),
        ...(r.model.trim() === '' ? {} : { model: r.model }),
        ...(r.note.trim() === '' ? {} : { note: r.note }),
      })),
    },
    classification: {
      mode: c.mode,
      deviceTypeCategories: { ...c.deviceTypeCategories },
      category: orNull(c.category),
      field: orNull(c.field),
      rules: c.rules.map((r) => ({ category: r.category, condition: r.condition })),
      fallback: orNull(c.fallback),
      group: c.group,
      keepExistingCategory: c.keepExistingCategory,
      categoryDefaults: Object.fromEntries(c.categoryDefaults.map((d) => {
        const store = place(d);
        return [d.category, {
          ...(d.condition.trim() === '' ? {} : { condition: d.condition }),
          ...(d.subStatus.trim() === '' ? {} : { subStatus: d.subStatus }),
          ...(store === null ? {} : { store }),
        }];
      })),
    },
    mapping: { fields: mappingFields(form.mapping, issues) },
    matching: { ...form.matching },
    allocation: {
      ...form.allocation,
      subStatus: orNull(form.allocation.subStatus),
      usageType: orNull(form.allocation.usageType),
      floor: orNull(form.allocation.floor),
      purpose: orNull(form.allocation.purpose),
    },
    defaults: { store: place(form.defaultStore) },
    lifecycle: {
      newStatus: form.lifecycle.newStatus,
      deletedStatus: form.lifecycle.deletedStatus === '' ? null : form.lifecycle.deletedStatus,
      recoveredStatus: form.lifecycle.recoveredStatus === '' ? null : form.lifecycle.recoveredStatus,
      inactiveAfterDays: form.lifecycle.inactiveAfterDays.trim() === ''
        ? null
        : wholeNumber(form.lifecycle.inactiveAfterDays, 'lifecycle.inactiveAfterDays', issues),
      inactiveStatus: form.lifecycle.inactiveStatus,
    },
  };
  if (form.clientSecret !== '' || !form.hasSecret) document.clientSecret = form.clientSecret;
  if (form.authorityUrl.trim() !== '') document.authorityUrl = form.authorityUrl.trim();
  if (form.graphUrl.trim() !== '') document.graphUrl = form.graphUrl.trim();
  if (form.caCertFile.trim() !== '') document.caCertFile = form.caCertFile.trim();
  if (form.selectedFields !== null) document.selectedFields = [...form.selectedFields];
  const names = c.categoryDefaults.map((d) => d.category);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) issues.push({ path: `classification.categoryDefaults.${name}`, message: `${name} has defaults twice; keep one row` });
  });
  return { document, issues };
}
