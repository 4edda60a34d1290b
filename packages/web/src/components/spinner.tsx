export function Spinner({ label = 'Loading…' }: { readonly label?: string }) {
  return (
    <span className="spinner" role="status">
      <span className="spinner-circle" aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}
