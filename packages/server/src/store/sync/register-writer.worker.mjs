// The register writer thread's entry (register-writer.ts). why plain JavaScript: a worker thread does not inherit
// the TypeScript loader the CLI registered in the main thread, so it registers tsx itself before loading the host.
import { register } from 'tsx/esm/api';

register();
await import('./register-writer-host.ts');
