// A rehearsal function's worker: tsx first (as tenant-worker-bootstrap.mjs), then the SDK call
// check (sdk-capture.ts), then the same worker loop as a tenant's (../tenant-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./sdk-capture.ts');
await import('../tenant-worker.ts');
