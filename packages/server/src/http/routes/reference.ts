import { DEFAULT_DEVICE_TYPE_CATEGORIES, DEFAULT_DEVICE_TYPE_RULES, deviceTypeRulesSchema, referenceDataSchema } from '@intune-assets/contracts';
import { readReferenceData } from '../../connections/reference-data.js';
import type { Store } from '../../store/connect.js';
import type { RouteModule } from '../api-server.js';
import { API_PREFIX } from '../api-server.js';

const TAGS = ['reference'];

/** The setup page's dropdowns and the shipped device type rules. */
export function referenceRoutes(deps: { readonly store: Store }): RouteModule {
  return (server) => {
    server.get(`${API_PREFIX}/reference`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'Departments, asset groups, categories (with required fields), statuses, sub-statuses, conditions, sites, stores, usage types, mappable register fields.', response: { 200: referenceDataSchema } },
    }, async () => readReferenceData(deps.store));

    server.get(`${API_PREFIX}/device-type-rules/default`, {
      config: { access: 'viewer' },
      schema: { tags: TAGS, summary: 'The shipped device type rules (ordered; first match wins) and the category of each type.', response: { 200: deviceTypeRulesSchema } },
    }, async () => ({ rules: DEFAULT_DEVICE_TYPE_RULES.map((r) => ({ ...r })), categories: { ...DEFAULT_DEVICE_TYPE_CATEGORIES } }));
  };
}
