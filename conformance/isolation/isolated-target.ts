// A user's adapter as a Target that runs in its own child process (adapter-host.ts), restarted after a hang or crash.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Scenario } from '../../model/scenario-types.ts';
import type { Target, TargetResult } from '../../properties/target.ts';
import type { HostReply, HostRequest } from './protocol.ts';
import { targetResultError } from './validate-outcome.ts';
import { DEFAULT_CASE_TIMEOUT_MS } from '../targets/line-process.ts';

const STARTUP_TIMEOUT_MS = 60_000;
const CLOSE_GRACE_MS = 2_000;

/** In a checkout the host is TypeScript; installed from npm it is the compiled `.js` beside this file. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const HOST = fileURLToPath(new URL(`./adapter-host.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url));
/** tsx, resolved from loopcheck itself (not from the current directory), so a TypeScript adapter loads anywhere. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** A Target whose adapter runs isolated; its output (stdout, stderr) goes to `logFile`, created on the first byte. */
export interface IsolatedTarget extends Target {
  readonly isolated: true;
  readonly logFile: string;
}

export function isIsolatedTarget(target: Target): target is IsolatedTarget {
  return (target as Partial<IsolatedTarget>).isolated === true;
}

interface Pending {
  settle: (reply: HostReply | { type: 'ended'; why: string }) => void;
}

/** One adapter process at a time: started on demand, killed on a timeout, replaced after it ends. */
class AdapterProcess {
  private child: ChildProcess | undefined;
  private ready: Promise<HostReply | { type: 'ended'; why: string }> | undefined;
  private pending: Pending | undefined;

  constructor(
    private readonly file: string,
    readonly logFile: string,
  ) {}

  private log(chunk: Buffer | string): void {
    if (!existsSync(dirname(this.logFile))) mkdirSync(dirname(this.logFile), { recursive: true });
    appendFileSync(this.logFile, chunk);
  }

  /** Starts the process if none runs; resolves with its `ready` (or `load-error`, or how it ended). */
  start(): Promise<HostReply | { type: 'ended'; why: string }> {
    if (this.child !== undefined && this.ready !== undefined) return this.ready;
    const child = spawn(process.execPath, ['--import', TSX, HOST, this.file], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => this.log(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.log(chunk));
    child.on('message', (reply: HostReply) => {
      if (this.child === child) this.pending?.settle(reply);
    });
    const ended = (why: string) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.ready = undefined;
      this.pending?.settle({ type: 'ended', why });
    };
    child.on('error', (error) => ended(error.message));
    child.on('close', (code, signal) => ended(signal ? `signal ${signal}` : `exit code ${code}`));
    this.idle();
    this.ready = this.await(STARTUP_TIMEOUT_MS, `not ready within ${STARTUP_TIMEOUT_MS} ms`);
    return this.ready;
  }

  /** The next reply, or `ended` when the process ends or `ms` pass (then it is killed). */
  private await(ms: number, late: string): Promise<HostReply | { type: 'ended'; why: string }> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.kill();
        resolve({ type: 'ended', why: late });
      }, ms);
      this.pending = {
        settle: (reply) => {
          clearTimeout(timer);
          this.pending = undefined;
          resolve(reply);
        },
      };
    });
  }

  async runOne(name: string, scenario: Scenario, timeoutMs: number): Promise<TargetResult> {
    const started = await this.start();
    if (started.type !== 'ready') {
      const why =
        started.type === 'load-error' ? started.message : started.type === 'ended' ? started.why : started.type;
      return { ok: false, kind: 'crash', error: `${name}: the adapter process did not start: ${why}` };
    }
    const child = this.child!;
    child.ref();
    const reply = this.await(timeoutMs, 'timeout');
    child.send({ type: 'run', scenario, timeoutMs } satisfies HostRequest);
    const answer = await reply;
    this.idle();
    if (answer.type === 'result') {
      // Checked in the adapter's process already; checked again here, as what crossed the channel is what is judged.
      const invalid = targetResultError(answer.result, scenario);
      if (invalid !== null) return { ok: false, kind: 'crash', error: `${name}: invalid result: ${invalid}` };
      const r = answer.result;
      return r.ok ? r : { ...r, error: `${name}: ${r.error}` };
    }
    if (answer.type === 'ended' && answer.why === 'timeout') {
      return {
        ok: false,
        kind: 'timeout',
        error: `${name}: no result within ${timeoutMs} ms (the adapter's process was stopped)`,
      };
    }
    const why = answer.type === 'ended' ? answer.why : answer.type;
    return {
      ok: false,
      kind: 'crash',
      error: `${name}: the adapter's process ended (${why})${existsSync(this.logFile) ? `; its output: ${display(this.logFile)}` : ''}`,
    };
  }

  /** Lets loopcheck exit while the process waits for the next case. */
  private idle(): void {
    const child = this.child;
    if (child === undefined) return;
    child.unref();
    (child as unknown as { channel?: { unref(): void } }).channel?.unref();
    for (const s of [child.stdout, child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
  }

  kill(): void {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  /** Asks the adapter to close (its `close()`), then ends the process. */
  async close(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    if (child.connected) {
      child.ref();
      const done = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_GRACE_MS);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      child.send({ type: 'close' } satisfies HostRequest);
      await done;
    }
    this.kill();
  }
}

function display(file: string): string {
  const r = relative(process.cwd(), file);
  return r.startsWith('..') ? file : r;
}

/**
 * Starts the adapter module `file` (absolute) in its own process and resolves with its Target once it has loaded;
 * throws an Error with a one-line message when it does not load or exports no Target.
 */
export async function loadIsolatedTarget(file: string, spec: string, logFile: string): Promise<IsolatedTarget> {
  const process_ = new AdapterProcess(file, logFile);
  const started = await process_.start();
  if (started.type !== 'ready') {
    process_.kill();
    const log = existsSync(logFile) ? `; its output: ${display(logFile)}` : '';
    const why =
      started.type === 'load-error'
        ? started.message
        : `did not start (${started.type === 'ended' ? started.why : started.type}${log})`;
    throw new Error(`target module ${spec} ${why}`);
  }
  const { name } = started;
  return {
    isolated: true,
    logFile,
    name,
    description: started.description,
    profile: started.profile,
    async run(scenarios: Scenario[], options?: { timeoutMs?: number }): Promise<TargetResult[]> {
      const timeoutMs = options?.timeoutMs ?? DEFAULT_CASE_TIMEOUT_MS;
      const results: TargetResult[] = [];
      for (const scenario of scenarios) results.push(await process_.runOne(name, scenario, timeoutMs));
      return results;
    },
    close: () => process_.close(),
  };
}
