// Worker entry: Node 20 resolves a worker's entry before --import hooks apply, so register tsx
// here and then load the TypeScript worker (and through it, the handler modules).
import { register } from 'tsx/esm/api';

register();
await import('./tenant-worker.ts');
