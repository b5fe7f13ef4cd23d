// A worker thread of a parallel exploration: loads the TypeScript worker through tsx (workers do not inherit it).
import { register } from 'tsx/esm/api';
register();
await import('./worker.ts');
