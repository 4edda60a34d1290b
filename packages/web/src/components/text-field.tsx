import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { FormField } from './form-field.js';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: ReactNode;
  readonly id?: string;
  readonly fieldClassName?: string;
}

export function TextField({ label, hint, error, id, required, fieldClassName, className, ...rest }: TextFieldProps) {
  return (
    <FormField label={label} hint={hint} error={error} required={required === true} {...(id === undefined ? {} : { id })} {...(fieldClassName === undefined ? {} : { className: fieldClassName })}>
      {(control) => <input {...rest} {...control} required={required} className={className === undefined ? 'input' : `input ${className}`} />}
    </FormField>
  );
}

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: ReactNode;
  readonly id?: string;
}

export function TextAreaField({ label, hint, error, id, required, className, ...rest }: TextAreaFieldProps) {
  return (
    <FormField label={label} hint={hint} error={error} required={required === true} {...(id === undefined ? {} : { id })}>
      {(control) => <textarea {...rest} {...control} required={required} className={className === undefined ? 'textarea' : `textarea ${className}`} />}
    </FormField>
  );
}
