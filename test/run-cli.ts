// Runs the loopcheck CLI like `spawnSync('node', ['bin/loopcheck.js', …])` but in one warm thread per test file:
// the end-to-end suites made ~60 such calls, each paying a Node and tsx start-up. Synchronous, as spawnSync is.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export interface CliRun {
  /** The exit code `node bin/loopcheck.js ARGS` exits with. */
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface Thread {
  readonly worker: Worker;
  readonly signal: Int32Array;
  readonly replies: MessagePort;
}

let thread: Thread | undefined;

function start(): Thread {
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./cli-worker.js', import.meta.url), {
    workerData: { signal, replies: port2 },
    transferList: [port2],
  });
  worker.unref();
  port1.unref();
  return { worker, signal: new Int32Array(signal), replies: port1 };
}

/**
 * `loopcheck ARGS` with `env` laid over process.env for the call ('' for a variable the run must not see); throws if
 * the command has not finished after `timeoutMs`.
 */
export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  timeoutMs = 60_000,
): CliRun {
  thread ??= start();
  const { worker, signal, replies } = thread;
  Atomics.store(signal, 0, 0);
  worker.postMessage({ args: [...args], env });
  if (Atomics.wait(signal, 0, 0, timeoutMs) === 'timed-out') {
    void worker.terminate();
    thread = undefined;
    throw new Error(`loopcheck ${args.join(' ')}: no answer after ${timeoutMs} ms`);
  }
  const reply = receiveMessageOnPort(replies)?.message as (CliRun & { error?: string }) | undefined;
  if (reply === undefined) throw new Error(`loopcheck ${args.join(' ')}: the CLI thread sent no reply`);
  if (reply.error !== undefined) throw new Error(`loopcheck ${args.join(' ')} threw: ${reply.error}`);
  return { status: reply.status, stdout: reply.stdout, stderr: reply.stderr };
}
