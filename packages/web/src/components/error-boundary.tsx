import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { Notice } from './notice.js';

interface ErrorBoundaryProps {
  readonly children: ReactNode;
}

interface ErrorBoundaryState {
  readonly error: Error | null;
}

/**
 * A page that throws while rendering shows a readable notice instead of a blank screen; the rest of the shell
 * (navigation, sign-out) keeps working. Give it `key={pathname}` so navigating away clears it.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('The page failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <Notice
        tone="error"
        title="This page could not be shown"
        actions={<button type="button" className="btn btn-sm" onClick={() => this.setState({ error: null })}>Try again</button>}
      >
        <p>Something in the page went wrong: {this.state.error.message}. Other pages still work; reload to try again.</p>
      </Notice>
    );
  }
}
