/**
 * The run report of SPEC §4.13 as the UI reads it. The API types it as an open record (its shape is owned by the
 * sync), so it is read defensively here: a missing part becomes empty rather than crashing the run page.
 */
export interface DeviceError {
  readonly deviceId: string;
  readonly stage: string;
  readonly code: string;
  readonly message: string;
}

export interface FieldChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

export interface DeviceDiff {
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly action: string;
  readonly reason?: string;
  readonly changes?: readonly FieldChange[];
}

export interface RunReport {
  readonly status: string;
  readonly dryRun: boolean;
  readonly durationMs: number;
  readonly counts: Readonly<Record<string, unknown>>;
  readonly errors: readonly DeviceError[];
  readonly errorsOmitted: number;
  readonly stages: Readonly<Record<string, { readonly ms: number; readonly devices: number }>>;
  readonly graph: { readonly requests: number; readonly requestsPerDevice: number };
  readonly notices: readonly string[];
  readonly fetchComplete: boolean;
  /** Only for a dry run. */
  readonly diff?: readonly DeviceDiff[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function toError(value: unknown): DeviceError | null {
  if (!isRecord(value)) return null;
  return { deviceId: str(value.deviceId), stage: str(value.stage), code: str(value.code), message: str(value.message) };
}

function toDiff(value: unknown): DeviceDiff | null {
  if (!isRecord(value) || typeof value.deviceId !== 'string' || typeof value.action !== 'string') return null;
  const changes = Array.isArray(value.changes)
    ? value.changes.filter(isRecord).map((c) => ({ field: str(c.field), old: c.old, new: c.new }))
    : undefined;
  return {
    deviceId: value.deviceId,
    deviceName: typeof value.deviceName === 'string' ? value.deviceName : null,
    action: value.action,
    ...(typeof value.reason === 'string' && { reason: value.reason }),
    ...(changes !== undefined && { changes }),
  };
}

/** Null when there is no report (run not finished) or it is not an object. */
export function toRunReport(value: unknown): RunReport | null {
  if (!isRecord(value)) return null;
  const stages: Record<string, { ms: number; devices: number }> = {};
  if (isRecord(value.stages)) {
    for (const [name, stage] of Object.entries(value.stages)) {
      if (isRecord(stage)) stages[name] = { ms: num(stage.ms), devices: num(stage.devices) };
    }
  }
  const graph = isRecord(value.graph) ? value.graph : {};
  return {
    status: str(value.status),
    dryRun: value.dryRun === true,
    durationMs: num(value.durationMs),
    counts: isRecord(value.counts) ? value.counts : {},
    errors: Array.isArray(value.errors) ? value.errors.map(toError).filter((e) => e !== null) : [],
    errorsOmitted: num(value.errorsOmitted),
    stages,
    graph: { requests: num(graph.requests), requestsPerDevice: num(graph.requestsPerDevice) },
    notices: Array.isArray(value.notices) ? value.notices.filter((n): n is string => typeof n === 'string') : [],
    fetchComplete: value.fetchComplete !== false,
    ...(Array.isArray(value.diff) && { diff: value.diff.map(toDiff).filter((d) => d !== null) }),
  };
}

/** Skip reasons present in the report's counts (for the device table's reason filter). */
export function reportReasons(report: RunReport): string[] {
  const skipped = report.counts.skipped;
  return isRecord(skipped) ? Object.keys(skipped) : [];
}
