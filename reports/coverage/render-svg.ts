// Renders DOT to SVG with Graphviz compiled to wasm (@viz-js/viz); one instance is reused.
import { instance, type Viz } from '@viz-js/viz';

let viz: Promise<Viz> | undefined;

/**
 * The font Graphviz lays text out with: the widest of the usual sans fonts it has metrics for (its Helvetica
 * estimate is ~13% narrower than DejaVu Sans, which a Linux browser substitutes for Helvetica: text then overran
 * its box). The SVG names a font stack instead, so Helvetica or Arial is shown where there is one, in room to spare.
 */
export const LAYOUT_FONT = 'DejaVu Sans';
export const SVG_FONT_STACK = 'Helvetica,Arial,DejaVu Sans,sans-serif';

export async function renderDotToSvg(dot: string): Promise<string> {
  viz ??= instance();
  const result = (await viz).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    throw new Error(`graphviz could not render the coverage graph: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.output.replaceAll(`font-family="${LAYOUT_FONT}"`, `font-family="${SVG_FONT_STACK}"`);
}

/** The SVG element alone (no XML prolog or DOCTYPE), for inlining into HTML. */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  return start < 0 ? svg : svg.slice(start);
}
