// `boex report` as a secretary runs it: the real command in a child process against a register
// file with decided petitions, writing the yearly report as PDF and as CSV, refusing a year
// written wrongly with a sentence, and never replacing a file without --overwrite.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalise, run } from '../pdf/fixtures/readers';
import { decisionForm, itemOf, newPetition, ok, onBoexAgenda } from '../support/meetings';
import { cleanUp, openTestRegister, projectRoot, tempDir, type TestRegister } from '../support/register';

afterEach(cleanUp);
// Each run starts tsx and parses the fonts: seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 180_000 });

const execute = promisify(execFile);

async function boex(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [path.join(projectRoot, 'bin/boex.js'), 'report', ...args], {
      cwd: projectRoot,
      env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Two petitions of 24-25, one approved (7 EC) and one rejected, and one of 23-24 that is still pending. */
function register(): TestRegister {
  const t = openTestRegister();
  const a = newPetition(t, { submittedOn: '2024-09-02', courseStartDate: '2024-11-01' });
  const b = newPetition(t, { submittedOn: '2024-10-01', courseStartDate: '2024-11-01' });
  newPetition(t, { submittedOn: '2024-08-31', courseStartDate: '2024-11-01' });
  const boex = onBoexAgenda(t, [{ id: a }, { id: b, advice: 'not_support' }], { mtOn: '2024-10-10', boexOn: '2024-10-20' });
  ok(t, 'decisions.record', decisionForm(itemOf(boex, a).id, { decidedOn: '2024-10-20', creditedEc: 7 }));
  ok(t, 'decisions.record', decisionForm(itemOf(boex, b).id, { outcome: 'rejected', decidedOn: '2024-10-22' }));
  return t;
}

describe('boex report', () => {
  it('writes the PDF of a year, then refuses to replace it without --overwrite', async () => {
    const t = register();
    const out = path.join(tempDir(), 'report 24-25.pdf');
    const first = await boex(['--register', t.file, '--year', '24-25', '--out', out]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`Yearly report 24-25 written to ${out}; petitions: 2.\n`);
    expect(first.code).toBe(0);
    const pdf = readFileSync(out);
    expect(run('qpdf', ['--check'], pdf).status).toBe(0);
    const text = normalise(run('pdftotext', ['-enc', 'UTF-8'], pdf).output);
    expect(text).toContain('Yearly report 2024-2025');
    expect(text).toContain('Median 34.5 days from submission to the first decision (shortest 21, longest 48); decided petitions: 2.');

    writeFileSync(out, 'kept');
    const again = await boex(['--register', t.file, '--year', '24-25', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('it was not replaced');
    expect(readFileSync(out, 'utf8')).toBe('kept');
    const replaced = await boex(['--register', t.file, '--year', '24-25', '--out', out, '--overwrite']);
    expect(replaced.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('writes CSV when the file name ends in .csv, in Dutch with --lang nl', async () => {
    const t = register();
    const out = path.join(tempDir(), 'jaarverslag.csv');
    const result = await boex(['--register', t.file, '--year', '24-25', '--out', out, '--lang', 'nl']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`Jaarverslag 24-25 geschreven naar ${out}; verzoeken: 2.\n`);
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Studiejaar;Tabel;Rij;Kolom;Waarde');
    expect(lines).toContain('24-25;Uitkomsten;Goedgekeurd;Verzoeken;1');
    expect(lines).toContain('24-25;Uitkomsten;Afgewezen;Verzoeken;1');
    expect(lines).toContain('24-25;Kerncijfers;Toegekende EC;Aantal;7');
    expect(lines).toContain('24-25;Doorlooptijd;Mediaan dagen;Aantal;34,5');
  });

  it('refuses --year 2024 with a sentence and writes nothing', async () => {
    const t = register();
    const out = path.join(tempDir(), 'report.pdf');
    const result = await boex(['--register', t.file, '--year', '2024', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('"2024" is not an academic year. Write it as 24-25 for 2024-2025.\n');
    expect(existsSync(out)).toBe(false);
  });

  it('says how to use it when --year is missing or --out is neither .pdf nor .csv', async () => {
    const t = register();
    const missing = await boex(['--register', t.file, '--out', path.join(tempDir(), 'r.pdf')]);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('Give --year, the academic year as 24-25 (for 2024-2025).');
    const wrong = await boex(['--register', t.file, '--year', '24-25', '--out', path.join(tempDir(), 'r.txt')]);
    expect(wrong.code).toBe(64);
    expect(wrong.stderr).toContain('ending in .pdf or .csv');
  });
});
