// A long-lived child process spoken to in JSON lines (one request, one reply), restarted after a timeout or crash.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import type { Scenario } from '../../model/scenario-types.ts';
import type { TargetResult } from '../../properties/target.ts';

export const DEFAULT_CASE_TIMEOUT_MS = 5_000;
const STDERR_TAIL_CHARS = 400;
const STARTUP_TIMEOUT_MS = 60_000;

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

interface Pending {
  resolve: (result: TargetResult | true) => void;
  timer: NodeJS.Timeout;
  /** Waiting for the process's `{"ready": true}` line rather than a result. */
  startup?: boolean;
}

/**
 * The process first writes one line (`{"ready": true}`) when it has started, then runs scenarios one at a time:
 * it reads `{"scenario": …}` lines and writes one TargetResult
 * line each. A case that times out or kills the process gets `ok: false`; the next case starts a fresh process.
 */
export class LineProcess {
  private child: Child | undefined;
  private buffer = '';
  private stderrTail = '';
  private pending: Pending | undefined;
  private ready = false;

  constructor(
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly label: string,
  ) {}

  async runBatch(scenarios: Scenario[], timeoutMs = DEFAULT_CASE_TIMEOUT_MS): Promise<TargetResult[]> {
    const results: TargetResult[] = [];
    for (const scenario of scenarios) results.push(await this.runOne(scenario, timeoutMs));
    this.idle();
    return results;
  }

  async runOne(scenario: Scenario, timeoutMs = DEFAULT_CASE_TIMEOUT_MS): Promise<TargetResult> {
    let child: Child;
    try {
      child = this.ensureChild();
      (child.stdout as unknown as Socket).ref();
      child.ref();
      // The per-case timeout starts once the process has said it is ready: start-up is not the case's time.
      const ready = await this.waitReady();
      if (ready !== true) return ready;
    } catch (error) {
      return { ok: false, kind: 'crash', error: `${this.label}: cannot start: ${String(error)}` };
    }
    return new Promise<TargetResult>((resolve) => {
      const timer = setTimeout(() => {
        this.settle({ ok: false, kind: 'timeout', error: `${this.label}: no result within ${timeoutMs} ms` });
        this.kill();
      }, timeoutMs);
      // A result line is never `true` (that is only the ready handshake, settled before this point).
      this.pending = {
        resolve: (r) => resolve(r === true ? { ok: false, kind: 'crash', error: 'unexpected' } : r),
        timer,
      };
      child.stdin.write(`${JSON.stringify({ scenario })}\n`);
    });
  }

  private waitReady(): Promise<true | TargetResult> {
    if (this.ready) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle({ ok: false, kind: 'crash', error: `${this.label}: not ready within ${STARTUP_TIMEOUT_MS} ms` });
        this.kill();
      }, STARTUP_TIMEOUT_MS);
      this.pending = { resolve: (r) => resolve(r), timer, startup: true };
    });
  }

  /** Stops the process (the next case starts a new one). */
  kill(): void {
    const child = this.child;
    this.child = undefined;
    this.buffer = '';
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  private idle(): void {
    // Let the host exit while the process waits for the next batch; close() ends it for good.
    this.child?.unref();
    if (this.child) (this.child.stdout as unknown as Socket).unref();
  }

  private settle(result: TargetResult | true): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(result);
  }

  private ensureChild(): Child {
    if (this.child) return this.child;
    const child = spawn(this.command, [...this.args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.ready = false;
    this.buffer = '';
    this.stderrTail = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (this.child !== child) return;
      this.buffer += chunk;
      for (let newline = this.buffer.indexOf('\n'); newline >= 0; newline = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        if (line.trim() === '') continue;
        if (!this.ready) {
          this.ready = true;
          if (this.pending?.startup) this.settle(true);
          continue; // the first line is the process's `{"ready": true}`
        }
        this.settle(parseReply(line, this.label));
      }
    });
    child.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    child.stdin.on('error', () => {}); // a dead process is reported by 'exit'
    child.on('error', (error) => {
      if (this.child !== child) return; // an old process killed after a timeout
      this.child = undefined;
      this.settle({ ok: false, kind: 'crash', error: `${this.label}: ${error.message}` });
    });
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      const why = signal ? `signal ${signal}` : `exit code ${code}`;
      const tail = this.stderrTail.trim().split('\n').slice(-1)[0] ?? '';
      this.settle({
        ok: false,
        kind: 'crash',
        error: `${this.label}: process ended (${why})${tail ? `: ${tail}` : ''}`,
      });
    });
    return child;
  }
}

function parseReply(line: string, label: string): TargetResult {
  try {
    const reply = JSON.parse(line) as TargetResult;
    if (reply && typeof reply === 'object' && typeof reply.ok === 'boolean') return reply;
  } catch {
    // fall through
  }
  return { ok: false, kind: 'crash', error: `${label}: unreadable reply: ${line.slice(0, 200)}` };
}
