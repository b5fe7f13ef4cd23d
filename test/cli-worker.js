// The thread behind test/run-cli.ts: loads the TypeScript CLI once (through tsx, as bin/loopcheck.js does), then runs
// `loopcheck ARGS` for each request with stdout, stderr, the exit code and the environment captured per call.
import { register } from 'tsx/esm/api';
import { parentPort, workerData } from 'node:worker_threads';

register();
const cli = import('../cli/main.ts');
const signal = new Int32Array(workerData.signal);
/** @type {import('node:worker_threads').MessagePort} */
const replies = workerData.replies;

parentPort.on('message', async ({ args, env }) => {
  let main;
  try {
    ({ main } = await cli);
  } catch (e) {
    return reply({ status: -1, stdout: '', stderr: '', error: e instanceof Error ? e.stack : String(e) });
  }
  const output = { stdout: '', stderr: '' };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = (stream) => (chunk, encoding, callback) => {
    output[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(done);
    return true;
  };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  process.exitCode = undefined;
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  let error;
  try {
    await main(['node', 'loopcheck', ...args]);
  } catch (e) {
    error = e instanceof Error ? e.stack : String(e);
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  reply({ status: Number(process.exitCode ?? 0), ...output, error });
  process.exitCode = undefined;
});

function reply(message) {
  replies.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}
