#!/usr/bin/env node
// The `loopcheck` command: in a checkout it runs the TypeScript CLI through tsx (no build step); installed from npm,
// where only the compiled dist/ ships, it runs dist/cli/main.js. tsx is registered in both cases so that
// `--targets ./my-adapter.ts` can load a user's TypeScript adapter.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';
register();
const source = new URL('../cli/main.ts', import.meta.url);
const { main } = await import(existsSync(source) ? source.href : new URL('../dist/cli/main.js', import.meta.url).href);
await main(process.argv);
