// The child process of compiled-ratios.ts: `node --expose-gc loop-ratios-child.js SIZES ROUNDS` prints loopRatios' figures as JSON.
import { loopRatios } from './loop-ratios.ts';

const [sizes, rounds] = process.argv.slice(2);
const figures = await loopRatios((sizes ?? '').split(',').map(Number), Number(rounds));
process.stdout.write(`${JSON.stringify(figures)}\n`);
