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

/**
 * Warns before unsaved edits are lost: the browser's own prompt on reload/close, and a dialog on in-app
 * navigation (only under a data router, where `useBlocker` exists; a declarative router would throw).
 */
export function UnsavedChangesGuard({ when }: { readonly when: boolean }) {
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  useEffect(() => {
    if (!when) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => { event.preventDefault(); };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);
  return dataRouter === null ? null : <InAppGuard when={when} />;
}
