import type { FieldIssue } from '@intune-assets/contracts';
import { pathSegments } from './issue-paths.js';

/**
 * The value at an issue path in a document. Keys may contain dots (`mapping.fields.category.RAM`), so at each
 * object the longest run of path parts that is a key wins.
 */
export function valueAtPath(document: unknown, path: string): unknown {
  const parts = pathSegments(path);
  let current: unknown = document;
  let i = 0;
  while (i < parts.length) {
    const part = parts[i];
    if (typeof part === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[part];
      i += 1;
      continue;
    }
    if (typeof current !== 'object' || current === null) return undefined;
    const record = current as Record<string, unknown>;
    let matched = 0;
    for (let j = parts.length; j > i; j--) {
      const run = parts.slice(i, j);
      if (run.some((p) => typeof p === 'number')) continue;
      if (Object.hasOwn(record, run.join('.'))) { matched = j - i; break; }
    }
    if (matched === 0) return undefined;
    current = record[parts.slice(i, i + matched).join('.')];
    i += matched;
  }
  return current;
}

/**
 * The issues of the last save that still apply: an issue goes away once the value at its path differs from
 * the value it was reported for, so a fixed field stops showing a stale error before the next save.
 *
 * @example
 * liveIssues(issues, documentAtSave, currentDocument);
 */
export function liveIssues(issues: readonly FieldIssue[], reportedFor: unknown, current: unknown): readonly FieldIssue[] {
  return issues.filter((issue) => {
    const path = (issue.path.split(', ')[0] ?? '').trim();
    if (path === '' || path === '(document)') return true;
    return JSON.stringify(valueAtPath(reportedFor, path)) === JSON.stringify(valueAtPath(current, path));
  });
}
