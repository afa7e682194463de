// The benchmark is run by hand for the README figures; this keeps it working.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { benchLetters } from '../../electron/pdf/bench';
import { removeTempFolders, run, tempFolder } from './fixtures/readers';

afterAll(removeTempFolders);
// The first letter of a process parses the fonts (seconds on a busy two-core machine).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

describe('benchLetters', () => {
  it('renders, signs and writes the letters, and reports times and memory', async () => {
    const outDir = tempFolder();
    const result = await benchLetters({ count: 4, signed: true, outDir });
    expect(result).toMatchObject({ count: 4, signed: true });
    expect(result.perLetterMs.median).toBeGreaterThan(0);
    expect(result.perLetterMs.p95).toBeGreaterThanOrEqual(result.perLetterMs.median);
    expect(result.rssEndMB).toBeGreaterThan(0);
    const files = readdirSync(outDir).sort();
    expect(files).toEqual(['22-23 LIACS 1 s2000000.pdf', '22-23 LIACS 2 s2000001.pdf', '22-23 LIACS 3 s2000002.pdf', '22-23 LIACS 4 s2000003.pdf']);
    const report = run('pdfsig', [], readFileSync(path.join(outDir, files[1] ?? '')));
    expect(report.output).toContain('Signature is Valid.');
    expect(report.output).toContain('Total document signed');
  });
});
