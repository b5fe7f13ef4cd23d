// Opens a generated coverage index.html and a timeline SVG in headless Chromium; checks they render, saves screenshots.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { provisionChromium } from './browser-chromium.ts';
import { writeCoverageReport } from './coverage/index.ts';
import { fixtureCoverage, fixtureGraph } from './fixtures/graph.ts';
import * as f from './fixtures/outcomes.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');
const skip = process.env.LOOPCHECK_SKIP_BROWSER === '1';

async function withBrowser(use: (context: BrowserContext) => Promise<void>): Promise<void> {
  const browser = await provisionChromium();
  const profile = mkdtempSync(join(tmpdir(), 'loopcheck-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: browser.executablePath,
      // TMPDIR: Chromium's own temporary files go into the profile and are removed with it.
      env: { ...process.env, ...browser.env, TMPDIR: profile },
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
    try {
      await use(context);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Console errors and uncaught page errors, collected while the page lives. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function expectVisible(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, `${selector} has no bounding box`).not.toBeNull();
  expect(box!.width).toBeGreaterThan(0);
  expect(box!.height).toBeGreaterThan(0);
}

describe.skipIf(skip)('reports in a real browser (headless Chromium)', () => {
  it('renders index.html and a failure timeline with no console errors', async () => {
    const report = join(OUT, 'browser-report');
    rmSync(report, { recursive: true, force: true });
    mkdirSync(join(report, 'failures'), { recursive: true });
    writeFileSync(
      join(report, 'failures', 'differential-impl.json'),
      JSON.stringify({
        loopcheck: 1,
        kind: 'failure',
        property: 'differential',
        target: 'impl',
        profile: 'seed',
        seed: 7,
        path: '0',
        scenario: f.raisingScenario,
        message: 'c: cancelled vs returned',
        expected: f.raisingModel,
        observed: f.raisingLoop,
      }),
    );
    const before = fixtureCoverage();
    before.states.delete('gather.cancelled');
    await writeCoverageReport(fixtureGraph, fixtureCoverage(), report, { before, notes: ['browser test fixture'] });

    await withBrowser(async (context) => {
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(pathToFileURL(join(report, 'index.html')).href);
      await expectVisible(page, '#graph svg');
      const ids = fixtureGraph.states.map((state) => state.id);
      const compound = ids.filter((id) => ids.some((other) => other.startsWith(`${id}.`)));
      expect(await page.locator('#graph svg g.node').count()).toBe(ids.length - compound.length);
      expect(await page.locator('#graph svg g.cluster').count()).toBe(fixtureGraph.machines.length + compound.length);
      expect(await page.locator('#graph svg g.edge').count()).toBe(fixtureGraph.transitions.length);
      expect(await page.locator('#never-states li').count()).toBe(1);
      await expectVisible(page, '#totals');
      await page.screenshot({ path: join(OUT, 'browser-index.png'), fullPage: true });

      const link = await page.locator('#failures a[href$=".svg"]').first().getAttribute('href');
      expect(link).toBe('timelines/differential-impl.svg');
      await page.goto(pathToFileURL(join(report, link!)).href);
      const rows = page.locator('g.task-row');
      expect(await rows.count()).toBe(2 * Object.keys(f.raisingModel.children).length + 2);
      for (let i = 0; i < (await rows.count()); i++) {
        const box = await rows.nth(i).boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(0);
      }
      await expectVisible(page, 'svg.loopcheck-timeline');
      await expectVisible(page, 'g.divergence');
      const svgBox = await page.locator('svg.loopcheck-timeline').boundingBox();
      await page.setViewportSize({ width: Math.ceil(svgBox!.width), height: Math.ceil(svgBox!.height) });
      // fullPage screenshots of a bare SVG document never settle in Chromium; the viewport is sized to it instead.
      await page.screenshot({ path: join(OUT, 'browser-timeline.png') });
      expect(errors).toEqual([]);
    });
  });
});
