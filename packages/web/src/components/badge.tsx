import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

export function Badge({ tone = 'neutral', children, title }: { readonly tone?: BadgeTone; readonly children: ReactNode; readonly title?: string }) {
  return <span className={tone === 'neutral' ? 'badge' : `badge badge-${tone}`} title={title}>{children}</span>;
}

const STATUS_TONES: Readonly<Record<string, BadgeTone>> = {
  succeeded: 'success',
  partial: 'warning',
  failed: 'danger',
  running: 'info',
  queued: 'neutral',
  active: 'success',
  inactive: 'neutral',
  created: 'success',
  updated: 'info',
  unchanged: 'neutral',
  skipped: 'warning',
  duplicate: 'warning',
  retired: 'danger',
  restored: 'success',
  create: 'success',
  update: 'info',
  skip: 'warning',
  fail: 'danger',
  retire: 'danger',
  restore: 'success',
  inactivate: 'warning',
  allocated: 'info',
  in_store: 'neutral',
  in_transit: 'info',
  in_repair: 'warning',
  missing: 'warning',
};

export function statusTone(status: string): BadgeTone {
  return STATUS_TONES[status] ?? 'neutral';
}

/** "in_store" → "In store". */
export function humanize(value: string): string {
  const text = value.replace(/[_-]+/g, ' ').trim();
  return text === '' ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** A run, device outcome or asset status, coloured by meaning. */
export function StatusBadge({ status, label }: { readonly status: string; readonly label?: string }) {
  return <Badge tone={statusTone(status)}>{label ?? humanize(status)}</Badge>;
}
