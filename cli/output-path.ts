// Prepares the paths commands write to (--out, --failures-dir, --junit, --timeline, --emit-test): a bad one is a UsageError.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors.ts';

const PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory, or none can be made there',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'name too long',
};

function problem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== undefined && Object.hasOwn(PROBLEMS, code)) return `${code}, ${PROBLEMS[code]}`;
  return code ?? (e instanceof Error ? e.message.split('\n')[0]! : String(e));
}

function kindOf(path: string): 'folder' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return 'missing'; // an ancestor is a file: found on the way up
    throw e;
  }
}

/**
 * Makes `dir` an existing folder, creating the missing ones level by level (not `mkdirSync(recursive)`, which loops
 * forever where mkdir answers ENOENT under an existing parent, as in /proc). Returns `dir`; throws a one-line
 * UsageError `<flag> <dir>: <problem>` naming the path in the way.
 */
export function prepareOutputDir(dir: string, flag: string): string {
  if (dir === '') throw new UsageError(`${flag}: the path is empty`);
  ensureFolder(dir, `${flag} ${dir}`, true);
  return dir;
}

/** Creates `dir` level by level; `label` starts every message, `named` says whether `dir` is the path the label names. */
function ensureFolder(dir: string, label: string, named: boolean): void {
  const fail = (what: string): never => {
    throw new UsageError(`${label}: ${what}`);
  };
  const missing: string[] = [];
  let at = resolve(dir);
  try {
    for (;;) {
      const kind = kindOf(at);
      if (kind === 'file')
        fail(named && missing.length === 0 ? 'is a file, not a folder' : `${at} is a file, not a folder`);
      if (kind === 'folder') break;
      missing.unshift(at);
      const up = dirname(at);
      if (up === at) break;
      at = up;
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    fail(`cannot look at ${at} (${problem(e)})`);
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && kindOf(folder) === 'folder') continue; // made meanwhile
      fail(`cannot create ${folder} (${problem(e)})`);
    }
  }
}

/** Makes sure `file` can be written: its folder exists (created if missing) and it is not itself a folder. */
export function prepareOutputFile(file: string, flag: string): string {
  if (file === '') throw new UsageError(`${flag}: the path is empty`);
  if (kindOf(resolve(file)) === 'folder') throw new UsageError(`${flag} ${file}: is a folder, not a file`);
  ensureFolder(dirname(file), `${flag} ${file}`, false);
  return file;
}

/** Writes `text` to `file` (preparing it first); a failure is a one-line UsageError naming the path. */
export function writeOutputFile(file: string, text: string, flag: string): void {
  prepareOutputFile(file, flag);
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(`${flag} ${file}: cannot write (${problem(e)})`);
  }
}

/** A folder the command reads if it exists (graph's --failures-dir): something else there is a UsageError. */
export function checkInputDir(dir: string, flag: string): string {
  let kind: 'folder' | 'file' | 'missing';
  try {
    kind = kindOf(resolve(dir));
  } catch (e) {
    throw new UsageError(`${flag} ${dir}: cannot look at it (${problem(e)})`);
  }
  if (kind === 'file') throw new UsageError(`${flag} ${dir}: is a file, not a folder`);
  return dir;
}
