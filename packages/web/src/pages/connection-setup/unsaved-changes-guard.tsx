import { useContext, useEffect } from 'react';
import { UNSAFE_DataRouterContext, useBlocker } from 'react-router';
import { Button, Dialog } from '../../components/index.js';

function InAppGuard({ when }: { readonly when: boolean }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);
  return (
    <Dialog
      open={blocker.state === 'blocked'}
      title="Leave without saving?"
      onClose={() => blocker.reset?.()}
      footer={(
        <>
          <Button onClick={() => blocker.reset?.()}>Stay on this page</Button>
          <Button variant="danger" onClick={() => blocker.proceed?.()}>Discard changes</Button>
        </>
      )}
    >
      <p>The connection has unsaved changes. They are lost if you leave this page.</p>
    </Dialog>
  );
}

const LEAVE_QUESTION = 'The connection has unsaved changes. Leave this page and lose them?';

/** Under a declarative router there is no blocker: catch link clicks that leave the page before the router does. */
function LinkClickGuard({ when }: { readonly when: boolean }) {
  useEffect(() => {
    if (!when) return undefined;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === '_blank') return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname === window.location.pathname) return;
      if (!window.confirm(LEAVE_QUESTION)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('click', onClick, true);
    return () => window.removeEventListener('click', onClick, true);
  }, [when]);
  return null;
}

/**
 * Warns before unsaved edits are lost: the browser's own prompt on reload/close, and on in-app navigation a
 * dialog under a data router (`useBlocker` only exists there; a declarative router would throw) or a confirm
 * on leaving link clicks otherwise.
 */
export function UnsavedChangesGuard({ when }: { readonly when: boolean }) {
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  useEffect(() => {
    if (!when) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => { event.preventDefault(); };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);
  return dataRouter === null ? <LinkClickGuard when={when} /> : <InAppGuard when={when} />;
}
