import type { FieldScope } from './expression-check.js';
import type { ConnectionForm } from './form-state.js';
import type { ReferenceData } from './setup-api.js';

/** What every section of the setup page gets: the form, a way to change it, and the issues to show. */
export interface SetupSectionProps {
  readonly form: ConnectionForm;
  readonly update: (change: (form: ConnectionForm) => ConnectionForm) => void;
  /** The messages of the issues that belong to an input id, joined; undefined when none. */
  readonly errorFor: (fieldId: string) => string | undefined;
  readonly reference: ReferenceData | null;
  /** Intune fields for expressions; null until a field list is known. */
  readonly scope: FieldScope | null;
}

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The as-you-type GUID message: none while empty (the save reports a missing value). */
export function guidError(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || GUID_PATTERN.test(trimmed)) return undefined;
  return 'must be a GUID: 32 hexadecimal digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';
}

export function options(values: readonly string[], labels?: Readonly<Record<string, string>>): { value: string; label: string }[] {
  return values.map((value) => ({ value, label: labels?.[value] ?? value }));
}
