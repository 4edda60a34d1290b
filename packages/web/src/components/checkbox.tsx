import { useId } from 'react';
import type { InputHTMLAttributes, ReactNode } from 'react';

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
}

export function Checkbox({ label, hint, id, ...rest }: CheckboxProps) {
  const generated = useId();
  const inputId = id ?? `c${generated}`;
  const hintId = `${inputId}-hint`;
  return (
    <div className="field">
      <label className="checkbox" htmlFor={inputId}>
        <input {...rest} id={inputId} type="checkbox" aria-describedby={hint === undefined ? undefined : hintId} />
        <span>{label}</span>
      </label>
      {hint !== undefined && <span id={hintId} className="field-hint">{hint}</span>}
    </div>
  );
}

export interface SwitchProps {
  readonly label: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly disabled?: boolean;
  readonly hint?: ReactNode;
  readonly id?: string;
}

/** An on/off toggle (role="switch"), for settings that apply at once such as "Is active". */
export function Switch({ label, checked, onChange, disabled = false, hint, id }: SwitchProps) {
  const generated = useId();
  const switchId = id ?? `s${generated}`;
  const hintId = `${switchId}-hint`;
  return (
    <div className="field">
      <button
        id={switchId}
        type="button"
        role="switch"
        className="switch"
        aria-checked={checked}
        aria-describedby={hint === undefined ? undefined : hintId}
        disabled={disabled}
        onClick={() => onChange(!checked)}
      >
        <span className="switch-track" aria-hidden="true"><span className="switch-thumb" /></span>
        <span>{label}</span>
      </button>
      {hint !== undefined && <span id={hintId} className="field-hint">{hint}</span>}
    </div>
  );
}
