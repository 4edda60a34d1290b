import { compile } from '@intune-assets/expr';
import type { DeviceTypeRule, FieldIssue } from '@intune-assets/contracts';

const PATTERN_KEYS = ['os', 'manufacturer', 'model'] as const;

/**
 * Every pattern of the rules through the expression language's regex vetting (the one REGEXP_LIKE uses), so
 * an editable rule cannot bring catastrophic backtracking into a sync. Issues name the rule and its key.
 */
export function vetDeviceTypeRules(rules: readonly DeviceTypeRule[], pathPrefix = 'deviceTypes.rules'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  rules.forEach((rule, index) => {
    for (const key of PATTERN_KEYS) {
      const pattern = rule[key];
      if (pattern === undefined) continue;
      // The vetting is only exposed through REGEXP_LIKE's compile-time check, so wrap the pattern in one.
      const result = compile(`REGEXP_LIKE('', '${pattern.replaceAll("'", "''")}', 'i')`, { fields: [] });
      if (result.ok) continue;
      for (const error of result.errors) {
        issues.push({ path: `${pathPrefix}[${index}].${key}`, code: error.code, message: error.summary.replace(/^REGEXP_LIKE: /, '') });
      }
    }
  });
  return issues;
}
