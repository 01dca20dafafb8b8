import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, check } from '../../src/api.js';
import { DevSession } from '../../src/dev/session.js';
import { formatText, type Diagnostic } from '../../src/diagnostics.js';
import { MemoryWriter } from '../../src/output/memory.js';
import { removeSite } from '../helpers.js';
import { SETUP } from './setup.js';

/**
 * check, build and dev are one engine run to different depths (issue 9):
 * every invalid fixture gives the same diagnostics from each — template
 * errors and public/ clashes included, which dev and check used to miss.
 */
const FIXTURES = join(import.meta.dirname, '../fixtures/invalid');
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const tmp = mkdtempSync(join(tmpdir(), 'gazette-agree-'));
afterAll(() => removeSite(tmp));

const shown = (diagnostics: readonly Diagnostic[]) => diagnostics.map(formatText);

describe.each(CASES)('%s', (name) => {
  it('gives the same diagnostics from check, build and dev', async () => {
    const root = join(tmp, name);
    cpSync(join(FIXTURES, name), root, { recursive: true });
    SETUP[name]?.(root);
    const checked = await check({ root, cacheDir: false });
    expect(checked.diagnostics.length).toBeGreaterThan(0);
    const built = await build({ root, cacheDir: false, writer: new MemoryWriter() });
    const session = new DevSession({ root, cacheDir: false });
    const dev = await session.start();
    await session.settle();
    expect(shown(built.diagnostics)).toEqual(shown(checked.diagnostics));
    expect(shown(dev.diagnostics)).toEqual(shown(checked.diagnostics));
    expect(shown(session.diagnostics)).toEqual(shown(checked.diagnostics));
    expect(built.usage).toBe(checked.usage);
  });
});
