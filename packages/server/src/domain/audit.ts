import type { JsonValue } from './json.js';
import type { IsoTimestamp } from './timestamp.js';

export const ACTOR_TYPES = ['user', 'run', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Who made a change: a signed-in user, a connector run, or the system itself (migrations, housekeeping). */
export type Actor =
  | { readonly type: 'user'; readonly id: string }
  | { readonly type: 'run'; readonly id: string }
  | { readonly type: 'system'; readonly id: string | null };

/** `bypass_code_revealed`: an admin read an activation lock bypass code (SPEC §8); no value is logged. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'bypass_code_revealed'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  readonly id: number;
  readonly entityType: string;
  readonly entityId: string;
  readonly action: AuditAction;
  /** Null for whole-record events (create, delete). */
  readonly field: string | null;
  readonly oldValue: JsonValue;
  readonly newValue: JsonValue;
  readonly actor: Actor;
  readonly runId: string | null;
  readonly at: IsoTimestamp;
}

/** `intune:<connectionId>`, `user:<userId>` or `import`. */
export type ProvenanceSource = `intune:${string}` | `user:${string}` | 'import';

/** Which source last set one field of one asset, and when. */
export interface FieldProvenance {
  readonly assetId: string;
  readonly field: string;
  readonly source: ProvenanceSource;
  readonly runId: string | null;
  readonly setAt: IsoTimestamp;
}

export interface AllocationEntry {
  readonly id: number;
  readonly assetId: string;
  /** The user the asset went to, or (for `unallocated`) the one it left. */
  readonly userId: string;
  readonly action: 'allocated' | 'unallocated';
  readonly actor: Actor;
  readonly runId: string | null;
  readonly at: IsoTimestamp;
}

export function isProvenanceSource(value: string): value is ProvenanceSource {
  return value === 'import' || /^(intune|user):.+$/.test(value);
}
