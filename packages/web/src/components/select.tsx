import type { ReactNode, SelectHTMLAttributes } from 'react';
import { FormField } from './form-field.js';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
  readonly disabled?: boolean;
}

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  readonly label: ReactNode;
  readonly options: readonly SelectOption[];
  /** Adds a first option with value '' (e.g. "All categories"). */
  readonly placeholder?: string;
  readonly hint?: ReactNode;
  readonly error?: ReactNode;
  readonly id?: string;
}

export function Select({ label, options, placeholder, hint, error, id, required, className, ...rest }: SelectProps) {
  return (
    <FormField label={label} hint={hint} error={error} required={required === true} {...(id === undefined ? {} : { id })}>
      {(control) => (
        <select {...rest} {...control} required={required} className={className === undefined ? 'select' : `select ${className}`}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>{o.label}</option>
          ))}
        </select>
      )}
    </FormField>
  );
}
