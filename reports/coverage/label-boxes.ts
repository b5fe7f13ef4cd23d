// Where a Graphviz SVG puts its labels and node boxes (text widths estimated from the font size), and which of them
// overlap: the coverage graph's readability check (reports/coverage/svg-layout.test.ts).

export interface Box {
  /** `node`, `edge` or `cluster` and the Graphviz title (`a->b` for an edge), e.g. `edge task.created->task.scheduled.fresh`. */
  owner: string;
  kind: 'label' | 'node';
  /** The label's text, lines joined by a space (empty for a node box). */
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Average Helvetica advance per character, as a share of the font size (digits and lower case are ~0.5–0.56). */
const CHAR_WIDTH = 0.56;
/** Text extends about this share of the font size above its baseline, and a little below. */
const ASCENT = 0.8;
const DESCENT = 0.2;

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** The box around one `<text>` element (x is the anchor; the width is estimated). */
function textBox(tag: string, content: string, owner: string): Box {
  const x = Number(attr(tag, 'x'));
  const y = Number(attr(tag, 'y'));
  const size = Number(attr(tag, 'font-size') ?? '14');
  const width = [...decode(content)].length * size * CHAR_WIDTH;
  const anchor = attr(tag, 'text-anchor') ?? 'start';
  const x0 = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
  return {
    owner,
    kind: 'label',
    text: decode(content),
    x0,
    y0: y - size * ASCENT,
    x1: x0 + width,
    y1: y + size * DESCENT,
  };
}

function union(boxes: Box[]): Box {
  const box = { ...boxes[0]! };
  for (const b of boxes.slice(1)) {
    box.text = `${box.text} ${b.text}`;
    box.x0 = Math.min(box.x0, b.x0);
    box.y0 = Math.min(box.y0, b.y0);
    box.x1 = Math.max(box.x1, b.x1);
    box.y1 = Math.max(box.y1, b.y1);
  }
  return box;
}

/** Bounding box of every coordinate in `points="…"` or `d="…"` (a rounded box's control points lie inside it). */
function shapeBox(tag: string, owner: string): Box | undefined {
  const data = attr(tag, 'points') ?? attr(tag, 'd');
  if (data === undefined) return undefined;
  const numbers = (data.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  if (xs.length === 0) return undefined;
  return {
    owner,
    kind: 'node',
    text: '',
    x0: Math.min(...xs),
    y0: Math.min(...ys),
    x1: Math.max(...xs),
    y1: Math.max(...ys),
  };
}

/**
 * Every label (an edge's or cluster's text lines as one box; a node's text is inside its node box) and every node
 * box of a Graphviz SVG, in the SVG's coordinates.
 */
export function labelBoxes(svg: string): Box[] {
  const boxes: Box[] = [];
  const groups = svg.split(/(?=<g id="[^"]*" class="(?:node|edge|cluster)">)/);
  for (const group of groups) {
    const kind = /^<g id="[^"]*" class="(node|edge|cluster)">/.exec(group)?.[1];
    if (kind === undefined) continue;
    const owner = `${kind} ${decode(/<title>([^<]*)<\/title>/.exec(group)?.[1] ?? '?')}`;
    const texts = [...group.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((m) => textBox(m[1]!, m[2]!, owner));
    if (kind === 'node') {
      const shape = /<(?:path|polygon)\s[^>]*>/.exec(group);
      const box = shape === null ? undefined : shapeBox(shape[0], owner);
      if (box !== undefined) boxes.push(box);
      else if (texts.length > 0) boxes.push({ ...union(texts), kind: 'node', text: '' });
    } else if (texts.length > 0) {
      boxes.push(union(texts));
    }
  }
  return boxes;
}

function intersect(a: Box, b: Box, margin: number): boolean {
  return a.x0 < b.x1 - margin && b.x0 < a.x1 - margin && a.y0 < b.y1 - margin && b.y0 < a.y1 - margin;
}

/** Pairs of boxes that overlap by more than `margin` points: label on label, and label on node box. */
export function overlappingBoxes(boxes: Box[], margin = 0.5): [Box, Box][] {
  const labels = boxes.filter((b) => b.kind === 'label');
  const nodes = boxes.filter((b) => b.kind === 'node');
  const found: [Box, Box][] = [];
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) if (intersect(a, b, margin)) found.push([a, b]);
    for (const n of nodes) if (intersect(a, n, margin)) found.push([a, n]);
  });
  return found;
}

/** Points along every edge's path (its cubic Bézier segments sampled), by edge. */
function edgePaths(svg: string): { owner: string; points: [number, number][] }[] {
  const out: { owner: string; points: [number, number][] }[] = [];
  for (const group of svg.split(/(?=<g id="[^"]*" class="(?:node|edge|cluster)">)/)) {
    if (!/^<g id="[^"]*" class="edge">/.test(group)) continue;
    const owner = `edge ${decode(/<title>([^<]*)<\/title>/.exec(group)?.[1] ?? '?')}`;
    const d = /<path\s[^>]*\sd="([^"]*)"/.exec(group)?.[1];
    if (d === undefined) continue;
    const numbers = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
    const xy: [number, number][] = [];
    for (let i = 0; i + 1 < numbers.length; i += 2) xy.push([numbers[i]!, numbers[i + 1]!]);
    const points: [number, number][] = [];
    for (let i = 0; i + 3 < xy.length; i += 3) {
      const [p0, p1, p2, p3] = [xy[i]!, xy[i + 1]!, xy[i + 2]!, xy[i + 3]!];
      for (let k = 0; k <= 20; k++) {
        const t = k / 20;
        const u = 1 - t;
        const at = (j: 0 | 1) => u * u * u * p0[j] + 3 * u * u * t * p1[j] + 3 * u * t * t * p2[j] + t * t * t * p3[j];
        points.push([at(0), at(1)]);
      }
    }
    out.push({ owner, points });
  }
  return out;
}

/** Labels that another edge's line runs through (by more than `margin` points inside the label's box). */
export function labelsCrossedByEdges(svg: string, margin = 1): { label: Box; edge: string }[] {
  const labels = labelBoxes(svg).filter((b) => b.kind === 'label');
  const found: { label: Box; edge: string }[] = [];
  for (const { owner, points } of edgePaths(svg)) {
    for (const label of labels) {
      if (label.owner === owner) continue;
      const inside = points.some(
        ([x, y]) => x > label.x0 + margin && x < label.x1 - margin && y > label.y0 + margin && y < label.y1 - margin,
      );
      if (inside) found.push({ label, edge: owner });
    }
  }
  return found;
}
