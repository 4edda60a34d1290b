// The sync bench's results side by side: one column per (database, fleet size), one row per figure, and the
// target of SPEC §9 / issue 5 at the end of each row (targets are for 100,000 devices).

export interface SyncRunFigure {
  readonly ms: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly stages: Readonly<Record<string, { readonly ms: number; readonly devices: number }>>;
  readonly requestsPerDevice: number;
}

export interface SyncBenchResult {
  readonly dialect: string;
  readonly devices: number;
  readonly first: SyncRunFigure;
  readonly unchanged: SyncRunFigure & { readonly registerWrites: number };
  readonly changed1pct: SyncRunFigure;
  readonly peakRssMb: number;
  readonly peakHeapUsedMb?: number;
}

const STAGES = ['users', 'groups', 'fetch', 'filter', 'lookup', 'map', 'enrich', 'diff', 'write', 'reconcile'] as const;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (devices: number, ms: number): string => (ms <= 0 || devices <= 0 ? '—' : `${Math.round(devices / (ms / 1000)).toLocaleString('en-US')}/s`);
const sizeName = (devices: number): string => (devices % 1000 === 0 ? `${String(devices / 1000)}k` : String(devices));

function stageCell(run: SyncRunFigure, stage: string): string {
  const figure = run.stages[stage];
  if (figure === undefined || figure.ms === 0) return '—';
  return figure.devices > 0 ? `${String(figure.ms)} ms ${perSecond(figure.devices, figure.ms)}` : `${String(figure.ms)} ms`;
}

/** The table as lines of text; `rssRatio` per dialect compares the largest fleet with the smallest. */
export function syncTable(results: readonly SyncBenchResult[]): string[] {
  const rows: Array<[string, (r: SyncBenchResult) => string, string]> = [
    ['first full sync', (r) => seconds(r.first.ms), '≤ 15 s'],
    ['  devices/s', (r) => perSecond(r.devices, r.first.ms), ''],
    ...STAGES.map((stage): [string, (r: SyncBenchResult) => string, string] => [`  stage ${stage}`, (r) => stageCell(r.first, stage), '']),
    ['  assets created', (r) => String(r.first.counts['created'] ?? 0), ''],
    ['  Graph requests/device', (r) => String(r.first.requestsPerDevice), 'pages + enrichment'],
    ['re-sync, nothing changed', (r) => seconds(r.unchanged.ms), '≤ 5 s'],
    ['  register row writes', (r) => String(r.unchanged.registerWrites), '0'],
    ['  Graph requests/device', (r) => String(r.unchanged.requestsPerDevice), ''],
    ['re-sync, 1% changed', (r) => seconds(r.changed1pct.ms), '≤ 6 s'],
    ['  updated', (r) => String(r.changed1pct.counts['updated'] ?? 0), ''],
    ['  stage users (directory)', (r) => stageCell(r.changed1pct, 'users'), ''],
    ['peak RSS', (r) => `${String(r.peakRssMb)} MB`, ''],
    ['  peak V8 heap used', (r) => (r.peakHeapUsedMb === undefined ? '—' : `${String(r.peakHeapUsedMb)} MB`), ''],
  ];
  const headers = results.map((r) => `${r.dialect} ${sizeName(r.devices)}`);
  const cells = rows.map(([, cell]) => results.map(cell));
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (label: string, values: readonly string[], target: string): string =>
    `${label.padEnd(labelWidth)}  ${values.map((v, i) => v.padStart(widths[i] ?? 0)).join('  ')}  ${target}`.trimEnd();
  const out = [line('', headers, 'target (100k)'), ...rows.map(([label, , target], i) => line(label, cells[i] ?? [], target))];
  for (const dialect of [...new Set(results.map((r) => r.dialect))]) {
    const runs = results.filter((r) => r.dialect === dialect).sort((a, b) => a.devices - b.devices);
    const small = runs[0];
    const large = runs[runs.length - 1];
    if (small !== undefined && large !== undefined && runs.length > 1) {
      out.push(`${dialect}: peak RSS ${sizeName(large.devices)} / ${sizeName(small.devices)} = ${(large.peakRssMb / small.peakRssMb).toFixed(2)} (target ≤ 1.5)`);
    }
  }
  return out;
}
