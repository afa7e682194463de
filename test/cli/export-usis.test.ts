// `boex export-usis` as a secretary runs it: the real command in a child process against a register
// file with registered grades. It writes the CSV and marks the results exported; a second run finds
// nothing and leaves no file; an existing file is not replaced without --overwrite (and nothing is
// marked); --again writes a past export byte for byte; --list shows the exports.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decisionForm, itemOf, newPetition, ok, onBoexAgenda } from '../support/meetings';
import { cleanUp, openTestRegister, projectRoot, tempDir, type TestRegister } from '../support/register';

afterEach(cleanUp);
// Each run starts tsx: seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 180_000 });

const execute = promisify(execFile);
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1').toString('base64');

async function boex(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
  try {
    const { stdout, stderr } = await execute(process.execPath, [path.join(projectRoot, 'bin/boex.js'), 'export-usis', ...args], { cwd: projectRoot, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Two approved petitions with a registered grade each; the register stays open, as the app would keep it. */
function graded(t: TestRegister): number[] {
  const ids = [newPetition(t, { givenName: 'Zoë', familyName: 'Nguyễn' }), newPetition(t, { givenName: 'Дмитрий', familyName: 'Соколов' })];
  const boex = onBoexAgenda(t, ids.map((id) => ({ id })));
  for (const [i, id] of ids.entries()) {
    ok(t, 'decisions.record', decisionForm(itemOf(boex, id).id));
    const transcript = ok(t, 'attachments.add', { petitionId: id, kind: 'transcript', fileName: 'transcript.pdf', mediaType: 'application/pdf', contentBase64: PDF });
    ok(t, 'grades.register', { petitionId: id, transcriptAttachmentId: transcript.id, originalGrade: i === 0 ? '7,3' : '8', dutchGrade: i === 0 ? '7,3' : '8', passFail: false });
  }
  return ids;
}

const exported = (t: TestRegister) => (t.register.sqlite.prepare('SELECT usis_exported_at AS at FROM grade_registrations ORDER BY id').all() as Array<{ at: string | null }>).map((r) => r.at);

describe('boex export-usis', () => {
  it('writes the pending results, marks them, refuses a second run, and writes a past export again', async () => {
    const t = openTestRegister();
    graded(t);
    const dir = tempDir();
    const out = path.join(dir, 'usis.csv');

    // A file in the way is not replaced, and nothing is marked.
    writeFileSync(out, 'keep me');
    const blocked = await boex(['--register', t.file, '--out', out]);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(exported(t)).toEqual([null, null]);

    const first = await boex(['--register', t.file, '--out', out, '--overwrite', '--lang', 'nl']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [at] = exported(t);
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(exported(t)).toEqual([at, at]);
    expect(first.stdout).toContain(`2 resultaten geëxporteerd naar ${out}`);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const rows = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.Naam, r.Cijfer, r.EC, r.Correctie])).toEqual([
      ['Zoë Nguyễn', '7,5', '7', 'nee'],
      ['Дмитрий Соколов', '8,0', '7', 'nee'],
    ]);

    // Nothing left: a sentence, exit 2, and no file.
    const second = path.join(dir, 'again.csv');
    const nothing = await boex(['--register', t.file, '--out', second]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr.trim()).toMatch(/^There is nothing to export: every registered result has already been exported\./);
    expect(existsSync(second)).toBe(false);
    expect(exported(t)).toEqual([at, at]);

    const list = await boex(['--register', t.file, '--list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${at}  2 results, 0 corrections`);

    // Without --lang, in the language it was exported in (Dutch), though the messages are English.
    const again = await boex(['--register', t.file, '--out', second, '--again', at!]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Export ${at} (2 results) written again to ${second}; nothing was marked.`);
    expect(readFileSync(second).equals(bytes)).toBe(true);
    expect(exported(t)).toEqual([at, at]);
  });

  it('explains a wrong call in a sentence', async () => {
    const t = openTestRegister();
    const noOut = await boex(['--register', t.file]);
    expect(noOut.code).toBe(64);
    expect(noOut.stderr).toContain('Give --out');
    const badBatch = await boex(['--register', t.file, '--out', path.join(tempDir(), 'x.csv'), '--again', 'yesterday']);
    expect(badBatch.code).toBe(64);
    expect(badBatch.stderr).toContain('--again takes');
    const unknown = await boex(['--register', t.file, '--out', path.join(tempDir(), 'x.csv'), '--again', '2025-03-01T09:30:00.000Z']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('There is no export of 2025-03-01T09:30:00.000Z. Choose one from the list of past exports.');
  });
});
