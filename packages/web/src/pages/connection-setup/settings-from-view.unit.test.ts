import { describe, expect, it } from 'vitest';
import { settingsFromView } from './settings-from-view.js';

const TENANT = '6e1f3a4b-0c2d-4e5f-8a9b-0c1d2e3f4a5b';
const VIEW_KEYS = { id: 'c1', hasSecret: true, secretUpdatedAt: null, createdAt: 'x', updatedAt: 'y', lastTest: null, availableFieldsAt: null };

describe('settingsFromView', () => {
  it('fills the defaults a sparse view leaves out and drops the view-only keys', () => {
    const settings = settingsFromView({ ...VIEW_KEYS, name: 'Old', tenantId: TENANT, clientId: TENANT, filters: { excludeDesktops: true } });
    expect(settings).not.toHaveProperty('id');
    expect(settings).not.toHaveProperty('clientSecret');
    expect(settings.filters).toMatchObject({ excludeDesktops: true, corporateOnly: true });
    expect(settings.classification.mode).toBe('deviceType');
    expect(settings.schedule).toBe('0 2 * * *');
  });

  it('keeps a view the schema refuses as it is, so the page can show it', () => {
    const view = { ...VIEW_KEYS, name: 'Bad', tenantId: 'not-a-guid', clientId: TENANT };
    expect(settingsFromView(view)).toBe(view);
  });
});
