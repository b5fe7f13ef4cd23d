// The seed's gather example (shared/seed/gather-chapter.txt §11.4.1) on loopcheck's loop; `--real` for real time.
import { type Coro, gather, RealClock, run, sleepMs, VirtualClock } from '../impl/index.ts';

function* fetch(name: string, delayMs: number): Coro<string> {
  yield* sleepMs(delayMs);
  return name;
}

function* main(): Coro<string[]> {
  return yield* gather(fetch('a', 100), fetch('b', 200), fetch('c', 50));
}

const args = process.argv.slice(2);
const unknown = args.find((a) => a !== '--real');
if (unknown !== undefined) {
  process.stderr.write(`seed-gather: unknown argument ${JSON.stringify(unknown)} (usage: seed-gather.ts [--real])\n`);
  process.exit(2);
}
const real = args.includes('--real');
const clock = real ? new RealClock() : new VirtualClock();
try {
  const results = await run(main, { clock });
  console.log(`[${results.map((r) => `'${r}'`).join(', ')}]`);
  console.log(`elapsed: ${Math.round(clock.now())} ms (${real ? 'real' : 'virtual'} clock)`);
} catch (error) {
  process.stderr.write(`seed-gather: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
