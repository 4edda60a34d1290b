import { useEffect, useState } from 'react';
import { ErrorNotice, Notice, Spinner } from '../../components/index.js';
import type { ConnectionDraft } from './form-to-document.js';
import { setupApi } from './setup-api.js';
import type { MappingPreview, PreviewValue } from './setup-api.js';

const DEBOUNCE_MS = 700;

type PreviewState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly last: MappingPreview | null }
  | { readonly kind: 'ready'; readonly preview: MappingPreview }
  | { readonly kind: 'failed'; readonly error: unknown };

/** POSTs the unsaved draft to mapping-preview once typing pauses; a newer draft cancels the older answer. */
function useMappingPreview(savedName: string | null, draft: ConnectionDraft): PreviewState {
  const [state, setState] = useState<PreviewState>({ kind: 'idle' });
  const key = JSON.stringify(draft);
  useEffect(() => {
    if (savedName === null) return undefined;
    let cancelled = false;
    setState((s) => ({ kind: 'loading', last: s.kind === 'ready' ? s.preview : s.kind === 'loading' ? s.last : null }));
    const timer = setTimeout(() => {
      const { clientSecret: _secret, ...settings } = JSON.parse(key) as ConnectionDraft;
      setupApi.mappingPreview(savedName, settings).then(
        (preview) => { if (!cancelled) setState({ kind: 'ready', preview }); },
        (error: unknown) => { if (!cancelled) setState({ kind: 'failed', error }); },
      );
    }, DEBOUNCE_MS);
    return () => { cancelled = true; clearTimeout(timer); };
  }, [savedName, key]);
  return state;
}

function show(value: PreviewValue): string {
  if (value === null) return '—';
  return typeof value === 'string' ? value : String(value);
}

export interface MappingPreviewTableProps {
  readonly savedName: string | null;
  readonly draft: ConnectionDraft;
  readonly targets: readonly string[];
}

/** The live preview: the draft's mapped values on sample devices of the tenant. */
export function MappingPreviewTable({ savedName, draft, targets }: MappingPreviewTableProps) {
  const state = useMappingPreview(savedName, draft);
  if (savedName === null) return <Notice>Save the connection to preview the mapping on sample devices from the tenant.</Notice>;
  if (state.kind === 'failed') return <ErrorNotice error={state.error} title="The preview could not be computed" />;
  const preview = state.kind === 'ready' ? state.preview : state.kind === 'loading' ? state.last : null;
  return (
    <div className="stack-sm" aria-busy={state.kind === 'loading'}>
      <div className="row"><h3 className="cs-subhead" style={{ margin: 0 }}>Live preview</h3>{state.kind === 'loading' && <Spinner />}</div>
      {preview !== null && preview.issues.length > 0 && (
        <Notice tone="warning" title="The draft has problems">
          <ul>{preview.issues.map((i) => <li key={`${i.path}:${i.message}`}><code>{i.path}</code>: {i.message}</li>)}</ul>
        </Notice>
      )}
      {preview !== null && preview.rows.length === 0 && <p className="muted">The tenant returned no sample devices.</p>}
      {preview !== null && preview.rows.length > 0 && (
        <div className="cs-preview-wrap" tabIndex={0} role="region" aria-label="Mapping preview values">
          <table className="table" aria-label="Mapping preview">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Type</th>
                <th scope="col">Category</th>
                {targets.map((t) => <th scope="col" key={t}>{t}</th>)}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.deviceId}>
                  <th scope="row">
                    {row.deviceName ?? row.deviceId}
                    {!row.included && <div className="small muted">skipped: {row.skipReason ?? 'filtered out'}</div>}
                  </th>
                  <td>{row.deviceType ?? '—'}</td>
                  <td>{row.category ?? '—'}</td>
                  {targets.map((t) => {
                    const cell = row.fields[t];
                    if (cell === undefined) return <td key={t} className="muted">—</td>;
                    const text = cell.error ?? show(cell.value);
                    return <td key={t} className={cell.error === undefined ? undefined : 'cell-error'} title={text}>{text}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
