import { z } from 'zod';

export const DEVICE_TYPES = ['laptop', 'desktop', 'tablet', 'mobile', 'virtual'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

const pattern = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .superRefine((source, ctx) => {
    try {
      new RegExp(source, 'i');
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a valid regular expression (${error instanceof Error ? error.message : String(error)})` });
    }
  });

/**
 * One device type detection rule (SPEC §4.3): every pattern given must match its device field (case-insensitive
 * regex sources); the first matching rule wins. The server also vets each pattern against catastrophic
 * backtracking when the connection is saved.
 *
 * @example
 * deviceTypeRuleSchema.parse({ type: 'laptop', model: 'latitude|xps' });
 */
export const deviceTypeRuleSchema = z.strictObject({
  type: z.enum(DEVICE_TYPES),
  os: pattern.optional(),
  manufacturer: pattern.optional(),
  model: pattern.optional(),
  note: z.string().max(500).optional(),
});
export type DeviceTypeRule = z.output<typeof deviceTypeRuleSchema>;

/**
 * The shipped rules (SPEC §4.3, allwhere): platform first, then Windows model families. Editable per
 * connection; order matters (towers before the laptop-named families that also make towers).
 */
export const DEFAULT_DEVICE_TYPE_RULES: readonly DeviceTypeRule[] = [
  { type: 'tablet', os: '^(ipados|ios)', model: 'ipad' },
  { type: 'mobile', os: '^ios', note: 'iPhone and iPod' },
  { type: 'laptop', os: '^mac', model: 'macbook' },
  { type: 'desktop', os: '^mac', note: 'iMac, Mac mini, Mac Studio, Mac Pro' },
  { type: 'tablet', os: '^android', model: '\\b(tab|tablet|pad)\\b|^sm-[tpx]\\d|^lenovo tb|^tb-' },
  { type: 'mobile', os: '^android' },
  { type: 'virtual', model: 'virtual machine|cloud ?pc|vmware|virtualbox|^kvm|hvm domu|qemu|parallels' },
  { type: 'tablet', model: 'surface (pro|go)' },
  { type: 'desktop', model: '\\btower\\b|\\bsff\\b|optiplex|elitedesk|prodesk|elite ?one|thinkcentre|thinkstation|\\bz[2468] g\\d|all-in-one|\\baio\\b' },
  { type: 'laptop', model: 'latitude|\\bxps\\b|precision|vostro|inspiron' },
  { type: 'laptop', model: 'elitebook|probook|zbook|spectre|envy|dragonfly|pavilion' },
  { type: 'laptop', model: 'thinkpad|thinkbook|ideapad|yoga|legion' },
  { type: 'laptop', manufacturer: 'lenovo', model: '^2[01][a-z0-9]{2}', note: 'ThinkPad machine types 20xx/21xx' },
  { type: 'desktop', manufacturer: 'lenovo', model: '^1[0-2][a-z0-9]{2}', note: 'ThinkCentre machine types 10xx-12xx' },
  { type: 'laptop', model: 'surface (laptop|book)|galaxy ?book|macbook|notebook|laptop' },
];

/** Category names for the detected device types (classification mode `deviceType`, SPEC §4.11b). */
export const DEFAULT_DEVICE_TYPE_CATEGORIES: Readonly<Record<DeviceType, string>> = {
  laptop: 'Laptop',
  desktop: 'Desktop',
  tablet: 'Tablet',
  mobile: 'Mobile Phone',
  virtual: 'Virtual Machine',
};
