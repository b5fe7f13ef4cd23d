// prepareOutputDir / prepareOutputFile / writeOutputFile: every bad output path is a one-line UsageError naming it.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInputDir, prepareOutputDir, prepareOutputFile, writeOutputFile } from './output-path.ts';
import { UsageError } from './errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-out-'));
const file = join(dir, 'a-file');
writeFileSync(file, 'x');
mkdirSync(join(dir, 'a-folder'));

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a UsageError');
}

describe('prepareOutputDir', () => {
  it('creates missing folders, one level or several, and accepts an existing folder', () => {
    expect(prepareOutputDir(join(dir, 'new', 'deeper'), '--out')).toBe(join(dir, 'new', 'deeper'));
    expect(statSync(join(dir, 'new', 'deeper')).isDirectory()).toBe(true);
    expect(prepareOutputDir(join(dir, 'a-folder'), '--out')).toBe(join(dir, 'a-folder'));
  });

  it('refuses a file, or a path below a file, naming the flag, the path and the file in the way', () => {
    expect(refusal(() => prepareOutputDir(file, '--failures-dir'))).toBe(
      `--failures-dir ${file}: is a file, not a folder`,
    );
    expect(refusal(() => prepareOutputDir(join(file, 'x', 'y'), '--out'))).toBe(
      `--out ${join(file, 'x', 'y')}: ${file} is a file, not a folder`,
    );
  });

  it("refuses a place where folders cannot be made, without hanging (Node's recursive mkdir loops in /proc)", () => {
    if (!existsSync('/proc/self')) return;
    expect(refusal(() => prepareOutputDir('/proc/loopcheck-nope/x', '--out'))).toMatch(
      /^--out \/proc\/loopcheck-nope\/x: cannot create \/proc\/loopcheck-nope \(ENOENT/,
    );
  });

  it('refuses an empty path', () => {
    expect(refusal(() => prepareOutputDir('', '--out'))).toBe('--out: the path is empty');
  });
});

describe('prepareOutputFile and writeOutputFile', () => {
  it('creates the parent folders of a file', () => {
    const target = join(dir, 'reports', 'sub', 'junit.xml');
    expect(prepareOutputFile(target, '--junit')).toBe(target);
    writeOutputFile(target, '<x/>', '--junit');
    expect(readFileSync(target, 'utf8')).toBe('<x/>');
  });

  it('refuses a folder where a file is due, and a parent that is a file', () => {
    expect(refusal(() => prepareOutputFile(join(dir, 'a-folder'), '--timeline'))).toBe(
      `--timeline ${join(dir, 'a-folder')}: is a folder, not a file`,
    );
    expect(refusal(() => prepareOutputFile(join(file, 'x.svg'), '--timeline'))).toBe(
      `--timeline ${join(file, 'x.svg')}: ${file} is a file, not a folder`,
    );
    expect(refusal(() => writeOutputFile(join(dir, 'a-folder'), 'x', '--emit-test'))).toBe(
      `--emit-test ${join(dir, 'a-folder')}: is a folder, not a file`,
    );
  });
});

describe('checkInputDir', () => {
  it('accepts a folder or nothing, refuses a file', () => {
    expect(checkInputDir(join(dir, 'a-folder'), '--failures-dir')).toBe(join(dir, 'a-folder'));
    expect(checkInputDir(join(dir, 'nothing-here'), '--failures-dir')).toBe(join(dir, 'nothing-here'));
    expect(refusal(() => checkInputDir(file, '--failures-dir'))).toBe(
      `--failures-dir ${file}: is a file, not a folder`,
    );
  });
});
