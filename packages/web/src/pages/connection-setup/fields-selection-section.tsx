import { useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Button, Notice } from '../../components/index.js';
import { addFields, removeFields, splitFields } from './dual-list.js';
import { fieldId } from './issue-paths.js';
import type { SetupSectionProps } from './section-props.js';

export interface FieldListing {
  readonly fields: readonly { readonly name: string; readonly type: string; readonly getOnly: boolean; readonly betaOnly?: boolean }[];
  readonly source: 'live' | 'stored' | 'schema';
  readonly at: string | null;
  readonly notice?: string | null | undefined;
}

export interface FieldsSelectionSectionProps extends Pick<SetupSectionProps, 'form' | 'update' | 'errorFor'> {
  readonly listing: FieldListing | null;
  readonly loadError: string | null;
  readonly loading?: boolean;
}

function selectedValues(select: HTMLSelectElement): string[] {
  return [...select.selectedOptions].map((o) => o.value);
}

/** Intune Fields Selection: available ↔ selected, with search, add/remove/all and keyboard (Enter moves). */
export function FieldsSelectionSection({ form, update, errorFor, listing, loadError, loading = false }: FieldsSelectionSectionProps) {
  const [search, setSearch] = useState('');
  const [pickAvailable, setPickAvailable] = useState<string[]>([]);
  const [pickSelected, setPickSelected] = useState<string[]>([]);
  const all = useMemo(() => listing?.fields.map((f) => f.name) ?? [], [listing]);
  const selected = form.selectedFields ?? all;
  const { available, selected: shownSelected } = splitFields({ all, selected, search });
  const info = new Map(listing?.fields.map((f) => [f.name, f]) ?? []);
  const label = (name: string) => {
    const f = info.get(name);
    const tags = [f?.getOnly === true ? 'per-device GET' : null, f?.betaOnly === true ? 'beta' : null].filter((t) => t !== null);
    return tags.length === 0 ? name : `${name} (${tags.join(', ')})`;
  };
  const setSelected = (names: readonly string[]) => update((f) => ({ ...f, selectedFields: [...names] }));
  const add = (names: readonly string[]) => { setSelected(addFields(selected, names)); setPickAvailable([]); };
  const remove = (names: readonly string[]) => { setSelected(removeFields(selected, names)); setPickSelected([]); };
  const onKey = (event: KeyboardEvent<HTMLSelectElement>, move: (names: string[]) => void) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      move(selectedValues(event.currentTarget));
    }
  };

  return (
    <div className="stack">
      {loadError !== null && <Notice tone="warning" title="The field list could not be loaded">{loadError}</Notice>}
      {listing?.notice !== undefined && listing.notice !== null && listing.source !== 'live' && (
        <Notice tone="warning" title={listing.source === 'stored' ? 'Showing the stored field list' : 'Showing the Graph schema'}>{listing.notice}</Notice>
      )}
      {listing === null && loading && <p className="muted small" role="status">Loading the field list…</p>}
      {listing === null && loadError === null && !loading && <Notice>Run <strong>Test connection</strong> to list the device fields of the tenant.</Notice>}
      <p className="small muted" style={{ margin: 0 }}>
        Only selected fields are requested from Intune and offered to mappings and rules.
        {form.selectedFields === null ? ' No selection is saved yet: every field is synced.' : ` ${selected.length} of ${all.length} selected.`}
        {' '}Fields marked “per-device GET” cost one extra request per new or changed device.
      </p>
      <div className="row">
        <label className="field-label" htmlFor={fieldId('selectedFields', 'search')}>Search fields</label>
        <input id={fieldId('selectedFields', 'search')} className="input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        {form.selectedFields !== null && <Button size="sm" variant="ghost" onClick={() => update((f) => ({ ...f, selectedFields: null }))}>Sync every field</Button>}
      </div>
      <div className="dual-list">
        <div className="field">
          <label className="field-label" htmlFor={fieldId('selectedFields', 'available')}>Available fields ({available.length})</label>
          <select id={fieldId('selectedFields', 'available')} multiple value={pickAvailable} onChange={(e) => setPickAvailable(selectedValues(e.currentTarget))} onKeyDown={(e) => onKey(e, add)} onDoubleClick={(e) => add(selectedValues(e.currentTarget))} className="select">
            {available.map((n) => <option key={n} value={n}>{label(n)}</option>)}
          </select>
        </div>
        <div className="dual-list-buttons">
          <Button size="sm" onClick={() => add(pickAvailable)} disabled={pickAvailable.length === 0}>Add selected →</Button>
          <Button size="sm" onClick={() => add(available)} disabled={available.length === 0}>Add all →</Button>
          <Button size="sm" onClick={() => remove(pickSelected)} disabled={pickSelected.length === 0}>← Remove selected</Button>
          <Button size="sm" onClick={() => remove(shownSelected)} disabled={shownSelected.length === 0}>← Remove all</Button>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={fieldId('selectedFields')}>Selected fields ({shownSelected.length})</label>
          <select id={fieldId('selectedFields')} multiple value={pickSelected} onChange={(e) => setPickSelected(selectedValues(e.currentTarget))} onKeyDown={(e) => onKey(e, remove)} onDoubleClick={(e) => remove(selectedValues(e.currentTarget))} className="select" aria-describedby={errorFor(fieldId('selectedFields')) === undefined ? undefined : `${fieldId('selectedFields')}-error`}>
            {shownSelected.map((n) => <option key={n} value={n}>{label(n)}</option>)}
          </select>
          {errorFor(fieldId('selectedFields')) !== undefined && <span id={`${fieldId('selectedFields')}-error`} className="field-error">{errorFor(fieldId('selectedFields'))}</span>}
        </div>
      </div>
      <p className="small muted" style={{ margin: 0 }}>Keyboard: select with the arrow keys (Shift or Ctrl for several), Enter moves them to the other list.</p>
    </div>
  );
}
