import { evaluate } from '@intune-assets/expr';
import { connectionInputSchema } from '@intune-assets/contracts';

export function App() {
  return <p>Intune Assets {String(typeof evaluate)} {String(typeof connectionInputSchema)}</p>;
}
