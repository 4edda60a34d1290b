import { useState } from 'react';
import { registerApi } from '../../api/register.js';
import { Button, Dialog, ErrorNotice, Notice } from '../../components/index.js';

/** "Reveal activation lock bypass code": admins only, confirmed, audited (SPEC §8). */
export function BypassCodeReveal({ assetId, assetTag }: { readonly assetId: string; readonly assetTag: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const reveal = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setCode((await registerApi.revealBypassCode(assetId)).code);
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack-sm">
      {code === null ? (
        <div><Button onClick={() => setOpen(true)}>Reveal activation lock bypass code</Button></div>
      ) : (
        <Notice tone="warning" title="Activation lock bypass code">
          <p><code data-testid="bypass-code" style={{ fontSize: 'var(--font-size-lg)' }}>{code}</code></p>
          <p>This reveal was recorded in the audit log.</p>
        </Notice>
      )}
      <Dialog
        open={open}
        title="Reveal the bypass code?"
        onClose={() => setOpen(false)}
        footer={<><Button onClick={() => setOpen(false)}>Cancel</Button><Button variant="danger" busy={busy} onClick={() => void reveal()}>Reveal code</Button></>}
      >
        <p style={{ marginTop: 0 }}>The activation lock bypass code of <strong>{assetTag}</strong> unlocks the device. Revealing it is recorded in the audit log with your account.</p>
        {error !== undefined && <ErrorNotice error={error} title="The code could not be revealed" />}
      </Dialog>
    </div>
  );
}
