// Renders DOT to SVG with Graphviz compiled to wasm (@viz-js/viz); one instance is reused.
import { instance, type Viz } from '@viz-js/viz';

let viz: Promise<Viz> | undefined;

export async function renderDotToSvg(dot: string): Promise<string> {
  viz ??= instance();
  const result = (await viz).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    throw new Error(`graphviz could not render the coverage graph: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.output;
}

/** The SVG element alone (no XML prolog or DOCTYPE), for inlining into HTML. */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  return start < 0 ? svg : svg.slice(start);
}
