// JUnit XML for CI dashboards: one testsuite per target, one testcase per property, failures with the shrunk case.
import type { CheckResult } from '../checker.ts';

function esc(s: string): string {
  return (
    s
      .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '')
  );
}

export function junitXml(results: readonly CheckResult[], name = 'loopcheck'): string {
  const targets = [...new Set(results.map((r) => r.target))];
  const suites = targets.map((target) => {
    const rs = results.filter((r) => r.target === target);
    const failures = rs.filter((r) => r.status === 'failed' || r.status === 'vacuous').length;
    const skipped = rs.filter((r) => r.status === 'skipped').length;
    const time = rs.reduce((a, r) => a + r.timeMs, 0) / 1000;
    const cases = rs.map((r) => {
      const open = `    <testcase classname="${esc(`${name}.${target}`)}" name="${esc(r.property)}" time="${(r.timeMs / 1000).toFixed(3)}"`;
      if (r.status === 'skipped') return `${open}>\n      <skipped message="${esc(r.reason ?? '')}"/>\n    </testcase>`;
      if (r.status === 'passed') return `${open}/>`;
      if (r.status === 'vacuous')
        return `${open}>\n      <failure message="${esc(r.note ?? 'vacuous')}"/>\n    </testcase>`;
      const f = r.failure!;
      const body = `seed ${f.seed}, path ${f.path}\n${r.failureFile ? `replay: loopcheck replay ${r.failureFile}\n` : ''}scenario: ${JSON.stringify(f.scenario)}`;
      return `${open}>\n      <failure message="${esc(f.message)}">${esc(body)}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="${esc(`${name}.${target}`)}" tests="${rs.length}" failures="${failures}" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const total = results.length;
  const failed = results.filter((r) => r.status === 'failed' || r.status === 'vacuous').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${esc(name)}" tests="${total}" failures="${failed}">\n${suites.join('\n')}\n</testsuites>\n`;
}
