// Writing letters to the folder the secretary chose: whole files or none, never over an existing
// letter unless asked, and names that every desktop system accepts.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfError } from '../../electron/pdf/errors';
import { safeFileName, writeFileAtomically } from '../../electron/pdf/write';
import { removeTempFolders, tempFolder } from './fixtures/readers';

afterAll(removeTempFolders);

const projectRoot = path.resolve(import.meta.dirname, '../..');
const letter = Buffer.from('%PDF-1.7\n% a decision letter\n%%EOF\n');

async function failure(attempt: Promise<unknown>): Promise<PdfError> {
  const error: unknown = await attempt.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PdfError);
  return error as PdfError;
}

describe('writeFileAtomically', () => {
  it('writes the bytes under the name and returns their SHA-256', async () => {
    const folder = tempFolder();
    const written = await writeFileAtomically(folder, 'a.pdf', letter, { overwrite: false });
    expect(written).toEqual({ path: path.join(folder, 'a.pdf'), sha256: createHash('sha256').update(letter).digest('hex') });
    expect(readFileSync(written.path).equals(letter)).toBe(true);
    expect(readdirSync(folder)).toEqual(['a.pdf']);
  });

  it('does not replace an existing file unless asked, and leaves no temporary file', async () => {
    const folder = tempFolder();
    writeFileSync(path.join(folder, 'a.pdf'), 'the letter issued last week');
    const refused = await failure(writeFileAtomically(folder, 'a.pdf', letter, { overwrite: false }));
    expect(refused.code).toBe('file_exists');
    expect(refused.sentence.nl).toContain('a.pdf bestaat al');
    expect(readFileSync(path.join(folder, 'a.pdf'), 'utf8')).toBe('the letter issued last week');
    expect(readdirSync(folder)).toEqual(['a.pdf']);

    await writeFileAtomically(folder, 'a.pdf', letter, { overwrite: true });
    expect(readFileSync(path.join(folder, 'a.pdf')).equals(letter)).toBe(true);
    expect(readdirSync(folder)).toEqual(['a.pdf']);
  });

  it('lets exactly one of several simultaneous exports of a name win', async () => {
    const folder = tempFolder();
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) => writeFileAtomically(folder, 'a.pdf', Buffer.from(`letter ${n}`), { overwrite: false })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) expect(result.reason).toMatchObject({ code: 'file_exists' });
    expect(readdirSync(folder)).toEqual(['a.pdf']);
  });

  it.each([
    ['a path below a file', (dir: string) => { writeFileSync(path.join(dir, 'file'), ''); return path.join(dir, 'file', 'letters'); }],
    ['a folder that does not exist', (dir: string) => path.join(dir, 'missing', 'letters')],
  ])('refuses %s as the folder', async (_what, folderIn) => {
    const dir = tempFolder();
    const refused = await failure(writeFileAtomically(folderIn(dir), 'a.pdf', letter, { overwrite: false }));
    expect(refused.code).toBe('folder_not_writable');
    expect(readdirSync(dir).filter((name) => name !== 'file')).toEqual([]);
  });

  // root writes into read-only folders regardless; the tests above cover root.
  it.skipIf(process.getuid?.() === 0)('refuses a read-only folder', async () => {
    const folder = path.join(tempFolder(), 'read-only');
    mkdirSync(folder);
    chmodSync(folder, 0o555);
    try {
      expect((await failure(writeFileAtomically(folder, 'a.pdf', letter, { overwrite: false }))).code).toBe('folder_not_writable');
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('leaves no half-written file when the disk fills up, and keeps the letters already written', () => {
    const folder = tempFolder();
    const script = path.join(projectRoot, 'test/pdf/fixtures/write-process.ts');
    // ulimit -f caps the size of any file the process writes, for root too: a disk full at 256 KB.
    const child = spawnSync('bash', ['-c', `ulimit -f 256 && exec node --import tsx "${script}" "${folder}"`], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ code: 'disk_full' });
    expect(readdirSync(folder)).toEqual(['small.pdf']);
    expect(readFileSync(path.join(folder, 'small.pdf'), 'utf8')).toBe('%PDF-1.7 small letter');
  });

  it.each(['../a.pdf', 'sub/a.pdf', '..', ''])('refuses %j as a file name', async (name) => {
    await expect(writeFileAtomically(tempFolder(), name, letter, { overwrite: false })).rejects.toBeInstanceOf(RangeError);
  });
});

describe('safeFileName', () => {
  it.each([
    ['22-23 LIACS 129', 's1234567', '22-23 LIACS 129 s1234567.pdf'],
    ['Besluit 1642', 's1234567', 'Besluit 1642 s1234567.pdf'],
    ['22/23 LIACS: 7', 's1234567', '22_23 LIACS_ 7 s1234567.pdf'],
    ['a\\b*c?d"e<f>g|h', 's1', 'a_b_c_d_e_f_g_h s1.pdf'],
    ['tab\there\nnew\u0000line\u007f', 's1', 'tab_here_new_line_ s1.pdf'],
    ['  spaced   out  ', 's1', 'spaced out s1.pdf'],
    ['..hidden', 's1.', 'hidden s1.pdf'],
    ['Besluit Łódź 5', 's1', 'Besluit Łódź 5 s1.pdf'],
    ['', '', 'letter.pdf'],
  ])('%j and %j give %j', (decision, student, expected) => {
    expect(safeFileName(decision, student)).toBe(expected);
  });
});
