import { connectionInputSchema } from '@intune-assets/contracts';
import type { ConnectionDocument, ConnectionSettings, ConnectionSummary, ConnectionView } from '@intune-assets/contracts';
import type { Connection } from '../domain/connection.js';
import { AppError } from '../errors/app-error.js';
import { parseStoredFields } from './available-fields.js';
import type { ConnectionHistory } from './connection-history.js';

/** The stored settings parsed back into the document shape (they were validated when saved). */
export function settingsOf(connection: Connection): ConnectionSettings {
  // The secret is not stored in settings; a placeholder satisfies the schema, then is dropped again.
  const parsed = connectionInputSchema.safeParse({ ...connection.settings, clientSecret: 'stored-separately' });
  if (!parsed.success) {
    throw new AppError('input_invalid', `The stored settings of connection "${connection.name}" no longer validate; edit and save it again.`);
  }
  const { clientSecret: _dropped, ...settings } = parsed.data;
  return settings;
}

export function withoutSecret(document: ConnectionDocument): ConnectionSettings {
  const { clientSecret: _dropped, ...settings } = document;
  return settings;
}

export function toSummary(connection: Connection): ConnectionSummary {
  const fields = parseStoredFields(connection.availableFields?.fields ?? []);
  return {
    id: connection.id,
    name: connection.name,
    settings: settingsOf(connection),
    hasClientSecret: connection.credentialsEncrypted !== null,
    availableFields: fields.map((f) => f.name),
    availableFieldsAt: connection.availableFields?.at ?? null,
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
  };
}

/** The API's view: every setting, whether a secret is stored and when it was set, never the secret itself. */
export function toView(connection: Connection, history: ConnectionHistory): ConnectionView {
  return {
    ...settingsOf(connection),
    id: connection.id,
    hasSecret: connection.credentialsEncrypted !== null,
    secretUpdatedAt: connection.credentialsEncrypted === null ? null : (history.secretUpdatedAt ?? connection.createdAt),
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
    lastTest: history.lastTest,
    availableFieldsAt: connection.availableFields?.at ?? null,
  };
}
