import { useId } from 'react';
import type { ReactNode } from 'react';

/** What a control needs to be labelled and described by its FormField. */
export interface FieldControlProps {
  readonly id: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': true | undefined;
}

export interface FormFieldProps {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  /** Shown under the control in red and announced through aria-describedby. */
  readonly error?: ReactNode;
  readonly required?: boolean;
  readonly id?: string;
  readonly className?: string;
  readonly children: (control: FieldControlProps) => ReactNode;
}

/**
 * Label + control + hint + error text. The control is rendered by `children` with the ids it must carry.
 * @example <FormField label="Tenant id" error={err}>{(p) => <input className="input" {...p} />}</FormField>
 */
export function FormField({ label, hint, error, required = false, id, className, children }: FormFieldProps) {
  const generated = useId();
  const controlId = id ?? `f${generated}`;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const describedBy = [hint !== undefined ? hintId : null, hasError ? errorId : null].filter((x) => x !== null).join(' ');
  return (
    <div className={className === undefined ? 'field' : `field ${className}`}>
      <label className="field-label" htmlFor={controlId}>
        {label}
        {required && <span className="field-required" aria-hidden="true">*</span>}
      </label>
      {children({ id: controlId, 'aria-describedby': describedBy === '' ? undefined : describedBy, 'aria-invalid': hasError ? true : undefined })}
      {hint !== undefined && <span id={hintId} className="field-hint">{hint}</span>}
      {hasError && <span id={errorId} className="field-error">{error}</span>}
    </div>
  );
}
