import { connectionInputSchema } from '@intune-assets/contracts';
import type { ConnectionSettings } from '@intune-assets/contracts';

// Keys a GET /connections/:name view adds to the settings (contracts CONNECTION_VIEW_ONLY_KEYS).
const VIEW_ONLY_KEYS = ['id', 'hasSecret', 'secretUpdatedAt', 'createdAt', 'updatedAt', 'lastTest', 'availableFieldsAt'] as const;

/**
 * The settings of a connection view with every default filled in, so a view stored before a setting existed
 * still gives a complete form. A view the schema refuses (a stored value later rules reject) is used as it is:
 * the page shows it and the save names what to fix.
 *
 * @example
 * formFromDocument(settingsFromView(view), { hasSecret: view.hasSecret });
 */
export function settingsFromView(view: Readonly<Record<string, unknown>>): ConnectionSettings {
  const document: Record<string, unknown> = { ...view, clientSecret: 'kept' };
  for (const key of VIEW_ONLY_KEYS) delete document[key];
  const parsed = connectionInputSchema.safeParse(document);
  if (!parsed.success) return view as unknown as ConnectionSettings;
  const { clientSecret: _kept, ...settings } = parsed.data;
  return settings;
}
