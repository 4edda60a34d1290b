import { useId } from 'react';
import type { ReactNode } from 'react';

export interface CardProps {
  readonly title?: ReactNode;
  /** Heading level of the title; 2 by default. */
  readonly level?: 2 | 3;
  readonly actions?: ReactNode;
  /** No padding in the body, for tables that run edge to edge. */
  readonly flush?: boolean;
  readonly className?: string;
  readonly children?: ReactNode;
  readonly 'data-testid'?: string;
}

export function Card({ title, level = 2, actions, flush = false, className, children, ...rest }: CardProps) {
  const titleId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={className === undefined ? 'card' : `card ${className}`} aria-labelledby={title === undefined ? undefined : titleId} data-testid={rest['data-testid']}>
      {(title !== undefined || actions !== undefined) && (
        <div className="card-header">
          {title !== undefined && <Heading id={titleId} style={{ fontSize: 'var(--font-size-lg)' }}>{title}</Heading>}
          {actions !== undefined && <div className="row">{actions}</div>}
        </div>
      )}
      <div className={flush ? 'card-body flush' : 'card-body'}>{children}</div>
    </section>
  );
}

export interface SectionProps {
  readonly title: ReactNode;
  readonly description?: ReactNode;
  readonly actions?: ReactNode;
  readonly level?: 2 | 3;
  readonly id?: string;
  readonly children?: ReactNode;
}

/** A titled block inside a page or card (the seeds' setup sections). */
export function Section({ title, description, actions, level = 2, id, children }: SectionProps) {
  const titleId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="section" aria-labelledby={titleId} id={id}>
      <div className="row-between section-header">
        <div>
          <Heading id={titleId}>{title}</Heading>
          {description !== undefined && <p>{description}</p>}
        </div>
        {actions !== undefined && <div className="row">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
