// The child process a user's adapter runs in: loads the module, runs one scenario per request, validates each result.
// Spoken to over Node's IPC channel; stdout and stderr belong to the adapter (the parent writes them to a log file).
import { pathToFileURL } from 'node:url';
import type { Scenario } from '../../model/scenario-types.ts';
import type { Target, TargetResult } from '../../properties/target.ts';
import { targetResultError } from './validate-outcome.ts';
import type { HostReply, HostRequest } from './protocol.ts';

const file = process.argv[2]!;
/** A case is in flight: an uncaught error now is that case's crash. */
let running = false;

function firstLine(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return text.split('\n')[0] ?? '';
}

function send(reply: HostReply, then?: () => void): void {
  if (!process.connected) {
    then?.();
    return;
  }
  process.send!(reply, undefined, {}, () => then?.());
}

/** An uncaught exception or unhandled rejection: the case in flight crashed; the process ends (the parent starts a new one). */
function die(what: string, error: unknown): void {
  process.stderr.write(
    `loopcheck: ${what}${running ? '' : ' between cases'}: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  const exit = () => process.exit(70);
  if (running)
    send({ type: 'result', result: { ok: false, kind: 'crash', error: `${what}: ${firstLine(error)}` } }, exit);
  else exit();
}
process.on('uncaughtException', (error) => die('uncaught exception', error));
process.on('unhandledRejection', (reason) => die('unhandled rejection', reason));
// loopcheck has gone (ended, or killed): so does the adapter, whatever it still has running.
process.on('disconnect', () => process.exit(0));

function isTarget(value: unknown): value is Target {
  const t = value as Partial<Target> | null;
  return typeof t === 'object' && t !== null && typeof t.name === 'string' && typeof t.run === 'function';
}

async function load(): Promise<Target | undefined> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    send({ type: 'load-error', message: `failed to load: ${firstLine(error)}` });
    return undefined;
  }
  const target = isTarget(module.default) ? module.default : isTarget(module.target) ? module.target : undefined;
  if (target === undefined) {
    send({
      type: 'load-error',
      message: 'exports no Target (export default or `target`: { name, description, profile, run })',
    });
    return undefined;
  }
  return target;
}

async function runCase(target: Target, scenario: Scenario, timeoutMs: number): Promise<TargetResult> {
  try {
    const results: unknown = await target.run([scenario], { timeoutMs });
    if (!Array.isArray(results) || results.length !== 1) {
      return {
        ok: false,
        kind: 'crash',
        error: `run() must return one result per scenario (an array of 1), got ${Array.isArray(results) ? `${results.length} results` : typeof results}`,
      };
    }
    const invalid = targetResultError(results[0], scenario);
    if (invalid !== null) return { ok: false, kind: 'crash', error: `invalid result: ${invalid}` };
    return results[0] as TargetResult;
  } catch (error) {
    return { ok: false, kind: 'crash', error: `run() threw: ${firstLine(error)}` };
  }
}

const target = await load();
if (target === undefined) {
  process.disconnect?.();
} else {
  process.on('message', (request: HostRequest) => {
    if (request.type === 'close') {
      void Promise.resolve(target.close?.()).finally(() => process.exit(0));
      return;
    }
    running = true;
    void runCase(target, request.scenario, request.timeoutMs).then((result) => {
      running = false;
      send({ type: 'result', result });
    });
  });
  send({
    type: 'ready',
    name: target.name,
    description: typeof target.description === 'string' ? target.description : '',
    profile: typeof target.profile === 'string' ? target.profile : target.name,
  });
}
