// `boex letters` as a secretary runs it: the real command in a child process against a register
// file with a decided BoEx meeting, writing the meeting's letters into a folder, signed with a
// PKCS#12 file whose password comes from BOEX_P12_PASSWORD.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selfSignedP12 } from '../pdf/fixtures/certificates';
import { normalise, run } from '../pdf/fixtures/readers';
import { newPetition, ok, onBoexAgenda } from '../support/meetings';
import { cleanUp, openTestRegister, projectRoot, tempDir, type TestRegister } from '../support/register';

afterEach(cleanUp);
// Each run starts tsx and parses the fonts: seconds on a busy two-core machine.
vi.setConfig({ testTimeout: 180_000 });

const execute = promisify(execFile);
const PASSWORD = 'correct horse';

async function boex(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const base: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' };
  delete base.BOEX_P12_PASSWORD;
  try {
    const { stdout, stderr } = await execute(process.execPath, [path.join(projectRoot, 'bin/boex.js'), 'letters', ...args], {
      cwd: projectRoot,
      env: { ...base, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** A BoEx meeting with two decided petitions; the register stays open in the test, as the app would keep it. */
function decidedMeeting(t: TestRegister) {
  const a = newPetition(t, { givenName: 'Zoë', familyName: 'Nguyễn' });
  const b = newPetition(t, { givenName: 'Дмитрий', familyName: 'Соколов' });
  const boex = onBoexAgenda(t, [{ id: a }, { id: b }]);
  const decisions = ok(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' });
  const files = decisions.map((d) => `${d.number} ${ok(t, 'petitions.get', { id: d.petitionId ?? 0 }).student.studentNumber}.pdf`);
  return { meetingId: boex.meeting.id, decisions, files };
}

const hashes = (folder: string) => readdirSync(folder).sort().map((f) => createHash('sha256').update(readFileSync(path.join(folder, f))).digest('hex'));

describe('boex letters', () => {
  it('writes each letter of the meeting as "<number> <student number>.pdf", then refuses to overwrite them', async () => {
    const t = openTestRegister();
    const { meetingId, decisions, files } = decidedMeeting(t);
    const out = path.join(tempDir(), 'letters');

    const first = await boex(['--register', t.file, '--meeting', String(meetingId), '--out', out]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n')).toEqual([...files.map((f) => `Written: ${path.join(out, f)}`), `Letters written: 2, unsigned (no certificate), in ${out}.`, '']);
    expect(readdirSync(out).sort()).toEqual([...files].sort());
    for (const [i, file] of files.entries()) {
      const pdf = readFileSync(path.join(out, file));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(normalise(run('pdftotext', ['-enc', 'UTF-8'], pdf).output)).toContain(decisions[i]?.number);
    }
    const issued = t.register.sqlite.prepare('SELECT count(*) AS n FROM decisions WHERE letter_issued_at IS NOT NULL').get() as { n: number };
    expect(issued.n).toBe(2);

    const before = hashes(out);
    const again = await boex(['--register', t.file, '--meeting', String(meetingId), '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(`2 of these letters are already in ${out}`);
    expect(hashes(out)).toEqual(before);

    // Overwritten on request: the unsigned letters come out byte for byte the same.
    const overwritten = await boex(['--register', t.file, '--meeting', String(meetingId), '--out', out, '--overwrite', '--lang', 'en']);
    expect(overwritten.code).toBe(0);
    expect(hashes(out)).toEqual(before);
  });

  it('signs with --p12 and the password from BOEX_P12_PASSWORD, and refuses without it or with a wrong one', async () => {
    const t = openTestRegister();
    const { meetingId, files } = decidedMeeting(t);
    const p12 = path.join(tempDir(), 'signing.p12');
    writeFileSync(p12, selfSignedP12({ password: PASSWORD }));
    const args = (out: string) => ['--register', t.file, '--meeting', String(meetingId), '--out', out, '--p12', p12];

    const noPassword = await boex(args(path.join(tempDir(), 'a')));
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('BOEX_P12_PASSWORD');

    const wrongOut = path.join(tempDir(), 'b');
    const wrong = await boex(args(wrongOut), { BOEX_P12_PASSWORD: 'wrong horse' });
    expect(wrong).toMatchObject({ code: 2, stdout: '', stderr: 'The password of the certificate is not correct.\n' });

    const out = path.join(tempDir(), 'c');
    const signed = await boex([...args(out), '--lang', 'nl'], { BOEX_P12_PASSWORD: PASSWORD });
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain(`Brieven geschreven: 2, digitaal ondertekend, in ${out}.`);
    for (const file of files) {
      const pdf = readFileSync(path.join(out, file));
      const report = run('pdfsig', [], pdf).output;
      expect(report).toContain('Signature is Valid.');
      expect(report).toContain('Total document signed');
      expect(run('pdftotext', ['-enc', 'UTF-8'], pdf).output).toContain('Besluitnummer');
    }
  });

  it('says what is wrong with the meeting or the folder, and exits non-zero', async () => {
    const t = openTestRegister();
    const { meetingId } = decidedMeeting(t);
    const missing = await boex(['--register', t.file, '--meeting', '999', '--out', tempDir()]);
    expect(missing).toMatchObject({ code: 2, stderr: 'Meeting 999 is not in the register. Check the number of the meeting.\n' });

    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    const blocked = await boex(['--register', t.file, '--meeting', String(meetingId), '--out', path.join(file, 'letters')]);
    expect(blocked).toMatchObject({ code: 2, stderr: `Letters cannot be written to ${path.join(file, 'letters')}: choose another folder.\n` });

    const usage = await boex(['--register', t.file, '--out', tempDir()]);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('--meeting takes a whole number');
  });
});
