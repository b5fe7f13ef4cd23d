// Provisions headless Chromium for the browser test from the npm package @sparticuz/chromium, with no system browser.
//
// The package ships a brotli-packed chrome-headless-shell for Linux x64 plus three tar.br archives: the shared
// libraries it needs beyond glibc (NSS, NSPR, expat — built for Amazon Linux 2023, glibc 2.34, so they load on
// Debian 12 too), SwiftShader, and a font. The package's own `executablePath()` inflates into the bare temp
// folder (/tmp/chromium, whatever version is already there) and loads those libraries only on AWS; here
// everything goes into one folder per package version under node_modules/.cache, assembled in a scratch folder
// and renamed into place, and the launch gets LD_LIBRARY_PATH and FONTCONFIG_FILE so nothing comes from the
// system. LOOPCHECK_CHROMIUM=/path/to/chromium uses another browser instead.
import { createRequire } from 'node:module';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';

export interface BrowserLaunch {
  readonly executablePath: string;
  /** Variables to add to the browser's environment. */
  readonly env: Readonly<Record<string, string>>;
}

const PACKAGE = '@sparticuz/chromium';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The browser the test launches: LOOPCHECK_CHROMIUM if set, else the npm package's, inflated once. */
export async function provisionChromium(): Promise<BrowserLaunch> {
  const override = process.env.LOOPCHECK_CHROMIUM;
  if (override !== undefined && override !== '') {
    if (!existsSync(override)) throw new Error(`LOOPCHECK_CHROMIUM=${override}: no such file`);
    return { executablePath: override, env: {} };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `${PACKAGE} ships Chromium for Linux x64 only (this is ${process.platform} ${process.arch}): ` +
        'set LOOPCHECK_CHROMIUM=/path/to/chromium, or LOOPCHECK_SKIP_BROWSER=1 to skip the browser test on purpose.',
    );
  }
  const bin = packageBin();
  const version = (JSON.parse(readFileSync(join(bin, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const target = join(ROOT, 'node_modules', '.cache', 'loopcheck-chromium', version);
  if (!existsSync(join(target, 'complete'))) await inflate(bin, target);
  return {
    executablePath: join(target, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [join(target, 'lib'), target, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(target, 'fonts.conf'),
    },
  };
}

/** The package's bin/ folder (its `exports` map names only the entry module: resolve that, walk up). */
function packageBin(): string {
  const entry = createRequire(import.meta.url).resolve(PACKAGE);
  let folder = dirname(entry);
  while (!existsSync(join(folder, 'package.json')) || !existsSync(join(folder, 'bin'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`${PACKAGE}: no bin/ folder above ${entry}`);
    folder = parent;
  }
  return join(folder, 'bin');
}

/** Inflates binary, libraries, SwiftShader and fonts into a scratch folder, then renames it to `target`. */
async function inflate(bin: string, target: string): Promise<void> {
  const scratch = `${target}.partial-${process.pid}-${threadId}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(join(scratch, 'lib'), { recursive: true });
  await pipeline(
    createReadStream(join(bin, 'chromium.br')),
    createBrotliDecompress(),
    createWriteStream(join(scratch, 'chromium'), { mode: 0o755 }),
  );
  extractTar(brotliDecompressSync(readFileSync(join(bin, 'al2023.tar.br'))), scratch); // lib/libnss3.so, …
  extractTar(brotliDecompressSync(readFileSync(join(bin, 'swiftshader.tar.br'))), scratch); // next to the binary
  extractTar(brotliDecompressSync(readFileSync(join(bin, 'fonts.tar.br'))), scratch); // fonts/Open_Sans/*.ttf
  writeFileSync(
    join(scratch, 'fonts.conf'),
    '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' +
      `  <dir>${join(target, 'fonts')}</dir>\n  <cachedir>${join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  );
  writeFileSync(join(scratch, 'complete'), `${PACKAGE}\n`);
  try {
    renameSync(scratch, target);
  } catch (error) {
    // Another process finished first: its copy is as good as ours.
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(join(target, 'complete'))) throw error;
  }
}

/** Extracts a ustar archive of regular files and folders (all these archives hold) under `into`. */
function extractTar(archive: Buffer, into: string): void {
  const root = resolve(into);
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number): string =>
      header.toString('latin1', start, start + length).replace(/\0.*$/s, '');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(257, 6).startsWith('ustar') ? field(345, 155) : '';
    const name = prefix === '' ? field(0, 100) : `${prefix}/${field(0, 100)}`;
    const path = resolve(root, name);
    if (path !== root && !path.startsWith(root + sep)) throw new Error(`tar entry outside the folder: ${name}`);
    const body = archive.subarray(offset + 512, offset + 512 + size);
    if (type === '5') mkdirSync(path, { recursive: true });
    else if (type === '0') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, body, { mode: Number.parseInt(field(100, 8).trim() || '644', 8) & 0o777 });
    } else if (type !== 'x' && type !== 'g') throw new Error(`tar entry ${name}: unsupported type ${type}`);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}
