import { useEffect } from 'react';
import type { ReactNode } from 'react';

/** Sets `document.title` to "<title> · Intune Assets" while the page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const previous = document.title;
    document.title = title === '' ? 'Intune Assets' : `${title} · Intune Assets`;
    return () => { document.title = previous; };
  }, [title]);
}

export interface PageHeaderProps {
  /** The page's h1; also the document title unless `documentTitle` is given. */
  readonly title: string;
  readonly documentTitle?: string;
  readonly description?: ReactNode;
  readonly breadcrumb?: ReactNode;
  readonly actions?: ReactNode;
  readonly badge?: ReactNode;
}

export function PageHeader({ title, documentTitle, description, breadcrumb, actions, badge }: PageHeaderProps) {
  useDocumentTitle(documentTitle ?? title);
  return (
    <header>
      {breadcrumb !== undefined && <nav className="breadcrumb" aria-label="Breadcrumb">{breadcrumb}</nav>}
      <div className="page-header">
        <div>
          <div className="row"><h1>{title}</h1>{badge}</div>
          {description !== undefined && <p>{description}</p>}
        </div>
        {actions !== undefined && <div className="row">{actions}</div>}
      </div>
    </header>
  );
}
