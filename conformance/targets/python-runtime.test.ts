// A Python runtime that does not import is reported in one line, so its target is skipped, never failed.
import { describe, expect, it } from 'vitest';
import { missingModule } from './python-runtime.ts';

describe('missingModule', () => {
  it('names the module, the import error and the setup command; an importable module is not missing', () => {
    const why = missingModule('python3', 'loopcheck_no_such_module');
    expect(why).toMatch(
      /^loopcheck_no_such_module is not available \(.*No module named.*\); run npm run setup:python$/,
    );
    expect(why).not.toContain('\n');
    expect(missingModule('python3', 'json')).toBeUndefined();
  });

  it('reports an interpreter that does not exist', () => {
    expect(missingModule('/nonexistent/python', 'json')).toMatch(
      /^json is not available \(\/nonexistent\/python: .*ENOENT/,
    );
  });
});
