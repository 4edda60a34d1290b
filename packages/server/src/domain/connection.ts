import type { JsonObject, JsonValue } from './json.js';
import type { IsoTimestamp } from './timestamp.js';

export const AVAILABLE_FIELDS_SOURCES = ['live', 'schema'] as const;
export type AvailableFieldsSource = (typeof AVAILABLE_FIELDS_SOURCES)[number];

/** The device fields last reported by "Test connection", kept so the UI can show them when a later call fails. */
export interface AvailableFields {
  readonly fields: readonly JsonValue[];
  readonly at: IsoTimestamp;
  readonly source: AvailableFieldsSource;
}

/** One Intune tenant. `settings` is the validated connection document without secrets. */
export interface Connection {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly departmentId: string;
  readonly isActive: boolean;
  readonly settings: JsonObject;
  /** Opaque ciphertext from the secret box; the store never reads inside it. */
  readonly credentialsEncrypted: string | null;
  readonly availableFields: AvailableFields | null;
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
}
