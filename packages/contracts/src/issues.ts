import type { z } from 'zod';

/** One problem in a document, located by a JSON-ish path such as `devices[3].serialNumber`. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
  /** A machine-readable code when the problem has one (an expression error's `unknown_field`, …). */
  readonly code?: string;
  /** Where in the field's text the problem is (source offsets of an expression), for the UI to underline. */
  readonly span?: { readonly start: number; readonly end: number };
}

/** Turns zod issues into located, one-line messages, so every error names the field that is wrong. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const base = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => (base ? `${base}.${k}` : k));
      return { path: keys.join(', '), message: `unknown ${keys.length === 1 ? 'key' : 'keys'} (not part of the schema)` };
    }
    return { path: base || '(document)', message: issue.message };
  });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
