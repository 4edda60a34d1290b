import type { ManagedDevice } from '../domain/managed-device.js';
import type { DeviceType, DeviceTypeRule } from './device-type-rules.js';

interface CompiledRule {
  readonly type: DeviceType;
  readonly os: RegExp | undefined;
  readonly manufacturer: RegExp | undefined;
  readonly model: RegExp | undefined;
}

// beta chassisType, used when no rule names the model (rules carry knowledge the firmware often lacks).
const CHASSIS: Readonly<Record<string, DeviceType>> = {
  laptop: 'laptop',
  desktop: 'desktop',
  worksWorkstation: 'desktop',
  enterpriseServer: 'desktop',
  tablet: 'tablet',
  phone: 'mobile',
  mobileOther: 'mobile',
  mobileUnknown: 'mobile',
};

/** Compiles the rules once per run; `detect` then answers per device without building regexes. */
export function compileDeviceTypeRules(rules: readonly DeviceTypeRule[]): (device: ManagedDevice) => DeviceType | null {
  const compiled: CompiledRule[] = rules.map((rule) => ({
    type: rule.type,
    os: rule.os === undefined ? undefined : new RegExp(rule.os, 'i'),
    manufacturer: rule.manufacturer === undefined ? undefined : new RegExp(rule.manufacturer, 'i'),
    model: rule.model === undefined ? undefined : new RegExp(rule.model, 'i'),
  }));
  return (device) => {
    const os = device.operatingSystem ?? '';
    const manufacturer = device.manufacturer ?? '';
    const model = (device.model ?? '').trim();
    for (const rule of compiled) {
      if (rule.os && !rule.os.test(os)) continue;
      if (rule.manufacturer && !rule.manufacturer.test(manufacturer)) continue;
      if (rule.model && !rule.model.test(model)) continue;
      return rule.type;
    }
    return device.chassisType ? (CHASSIS[device.chassisType] ?? null) : null;
  };
}
