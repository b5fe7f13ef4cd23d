// The child process of compiled-js.ts: `node --expose-gc js-workloads-child.js OPTIONS_JSON` prints jsWorkloads' figures as JSON.
import { jsWorkloads, type JsWorkloadOptions } from './js-workloads.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as JsWorkloadOptions;
process.stdout.write(`${JSON.stringify(await jsWorkloads(options))}\n`);
