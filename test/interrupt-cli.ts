// Test helper: runs `loopcheck ARGS` as a process with progress on (LOOPCHECK_PROGRESS=always, although stderr is a
// pipe) and sends it SIGINT as soon as its stderr matches `when`: what a user's Ctrl-C does during a long run.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Interrupted {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export function interruptCli(
  root: string,
  args: readonly string[],
  when: RegExp,
  env: Record<string, string> = {},
): Promise<Interrupted> {
  const child = spawn(process.execPath, [join(root, 'bin', 'loopcheck.js'), ...args], {
    cwd: root,
    env: { ...process.env, LOOPCHECK_PROGRESS: 'always', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  let sent = false;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!sent && when.test(stderr)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  return new Promise((done) => child.on('exit', (code, signal) => done({ code, signal, stdout, stderr })));
}
