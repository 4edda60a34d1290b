import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import type { LinkProps } from 'react-router';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  readonly variant?: ButtonVariant;
  readonly size?: 'md' | 'sm';
  /** Shows a spinner and disables the button while an action is in flight. */
  readonly busy?: boolean;
  readonly children?: ReactNode;
}

export function buttonClass(variant: ButtonVariant = 'secondary', size: 'md' | 'sm' = 'md'): string {
  const classes = ['btn'];
  if (variant !== 'secondary') classes.push(`btn-${variant}`);
  if (size === 'sm') classes.push('btn-sm');
  return classes.join(' ');
}

export function Button({ variant = 'secondary', size = 'md', busy = false, disabled, type = 'button', className, children, ...rest }: ButtonProps) {
  const classes = className === undefined ? buttonClass(variant, size) : `${buttonClass(variant, size)} ${className}`;
  return (
    <button {...rest} type={type} className={classes} disabled={disabled === true || busy} aria-busy={busy || undefined}>
      {busy && <span className="spinner-circle" aria-hidden="true" />}
      {children}
    </button>
  );
}

export interface ButtonLinkProps extends LinkProps {
  readonly variant?: ButtonVariant;
  readonly size?: 'md' | 'sm';
}

/** A link that looks like a button (navigation stays a link for screen readers and middle-click). */
export function ButtonLink({ variant = 'secondary', size = 'md', className, ...rest }: ButtonLinkProps) {
  const classes = className === undefined ? buttonClass(variant, size) : `${buttonClass(variant, size)} ${className}`;
  return <Link {...rest} className={classes} />;
}
