// Decision letters through the services, on real register files: a petition through the MT Board
// and a BoEx meeting to a numbered decision, then its letter previewed, exported (unsigned, and
// signed with a PKCS#12 file made for the test), exported again, and a meeting's letters written
// to a folder. The PDFs are read back with poppler (pdftotext, pdfsig), as a student's viewer would.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PdfError } from '../../electron/pdf/errors';
import { dispatchAsync } from '../../electron/services/dispatch';
import { DEFAULT_LETTER_SETTINGS } from '../../electron/services/letter-settings';
import { exportMeetingLetters } from '../../electron/services/letters';
import type { CallInput, CallName, CallOutput } from '../../shared/api';
import type { ApiErrorBody } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import type { LetterSettings } from '../../shared/letters';
import { selfSignedP12 } from '../pdf/fixtures/certificates';
import { signaturePng } from '../pdf/fixtures/images';
import { plainText, run } from '../pdf/fixtures/readers';
import { auditSince, decisionForm, dumpBoard, itemOf, lastAuditId, newPetition, ok, onBoexAgenda, refused } from '../support/meetings';
import { cleanUp, openTestRegister, tempDir, type TestRegister } from '../support/register';

// The writer the meeting export uses, with a disk that can be made to "fill up" after N letters.
const disk = vi.hoisted(() => ({ writesLeft: Infinity }));
vi.mock('../../electron/pdf/write', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/pdf/write')>();
  return {
    ...real,
    writeFileAtomically: async (...args: Parameters<typeof real.writeFileAtomically>) => {
      if (disk.writesLeft <= 0) {
        throw new PdfError('disk_full', {
          en: `The disk is full: ${args[1]} could not be written. Files written before it are intact.`,
          nl: `De schijf is vol: ${args[1]} kon niet worden geschreven. Eerder geschreven bestanden zijn intact.`,
        });
      }
      disk.writesLeft -= 1;
      return real.writeFileAtomically(...args);
    },
  };
});

// The first letter of a process parses the fonts (seconds on a busy two-core machine).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const PASSWORD = 'correct horse';
const ADVICE = 'The course deepens the student’s work on generative sound, the topic of the graduation project.';

let t: TestRegister;
beforeEach(() => {
  t = openTestRegister();
  disk.writesLeft = Infinity;
});
afterEach(cleanUp);

/** A call that renders a PDF, through the same path the transports take. */
async function callAsync<N extends CallName>(name: N, input: CallInput<N>, lang: 'en' | 'nl' = 'en') {
  return dispatchAsync(t.ctx, name, input, lang);
}

async function okAsync<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await callAsync(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as CallOutput<N>;
}

/** Refused in English and Dutch, with every board table (the audit log included) left as it was. */
async function refusedAsync<N extends CallName>(name: N, input: CallInput<N>): Promise<Record<'en' | 'nl', ApiErrorBody>> {
  const before = dumpBoard(t.register);
  const errors = {} as Record<'en' | 'nl', ApiErrorBody>;
  for (const lang of ['en', 'nl'] as const) {
    const result = await callAsync(name, input, lang);
    if (result.ok) throw new Error(`${name} succeeded, but should have been refused`);
    expect(result.error.code).not.toBe('internal');
    expect(result.error.message).not.toMatch(/\n\s*at |Error:|\{\{/);
    errors[lang] = result.error;
  }
  expect(errors.en.code).toBe(errors.nl.code);
  expect(errors.en.message).not.toBe(errors.nl.message);
  expect(dumpBoard(t.register)).toEqual(before);
  return errors;
}

/** A petition of Zoë Nguyễn for a 7.5 EC master course, advised and decided (approved, 7 EC): the decision. */
function decided(change: { givenName?: string; familyName?: string; outcome?: 'approved' | 'rejected' } = {}) {
  const petitionId = newPetition(t, {
    givenName: change.givenName ?? 'Zoë',
    familyName: change.familyName ?? 'Nguyễn',
    courseTitle: 'Sound Design for Interactive Media',
    courseCode: `INFOMSDR${Math.floor(Math.random() * 1e6)}`,
  });
  const boex = onBoexAgenda(t, [{ id: petitionId, reasoning: ADVICE }]);
  const decision = ok(t, 'decisions.record', decisionForm(itemOf(boex, petitionId).id, change.outcome ? { outcome: change.outcome } : {}));
  const student = ok(t, 'petitions.get', { id: petitionId }).student;
  return { decision, petitionId, meetingId: boex.meeting.id, studentNumber: student.studentNumber };
}

const bytesOf = (base64: string) => Buffer.from(base64, 'base64');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const row = (id: number) => t.register.sqlite.prepare('SELECT letter_issued_at, letter_sha256 FROM decisions WHERE id = ?').get(id) as { letter_issued_at: string | null; letter_sha256: string | null };

function setLetters(change: Partial<LetterSettings>): LetterSettings {
  return ok(t, 'settings.updateLetters', { ...ok(t, 'settings.letters', {}), ...change });
}

function withCertificate(p12 = selfSignedP12({ password: PASSWORD, validFromDays: -1000 })): string {
  const file = path.join(tempDir(), 'signing.p12');
  writeFileSync(file, p12);
  setLetters({ certificatePath: file });
  return file;
}

describe('exporting a letter', () => {
  it('renders every fact of the decision, marks the letter issued and audits it', async () => {
    const { decision, petitionId, studentNumber } = decided();
    const since = lastAuditId(t);
    const letter = await okAsync('letters.export', { decisionId: decision.id });

    expect(letter.fileName).toBe(`${decision.number} ${studentNumber}.pdf`);
    expect(letter.signed).toBe(false);
    expect(letter.reissue).toBe(false);
    const pdf = bytesOf(letter.pdfBase64);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(letter.sha256).toBe(sha256(pdf));
    const text = plainText(pdf);
    for (const expected of [decision.number, 'Zoë Nguyễn', studentNumber, 'Sound Design for Interactive Media', 'Utrecht University', '7.5 EC is registered as 7 EC', ADVICE, 'Leiden University', 'Postbus 9500', 'Individual decision', 'Dr. A. Chair']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('7 EC');

    expect(row(decision.id)).toEqual({ letter_issued_at: letter.issuedAt, letter_sha256: letter.sha256 });
    const audit = auditSince(t, since);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'letter.issue',
      entity: 'decision',
      entityId: decision.id,
      before: { letterIssuedAt: null, letterSha256: null },
      after: { petitionId, number: decision.number, sha256: letter.sha256, signed: false, language: 'en', fileName: letter.fileName },
    });
    // The petition's history shows it, and the decision list says when its letter was issued.
    const history = ok(t, 'petitions.get', { id: petitionId }).history;
    expect(history.at(-1)).toMatchObject({ action: 'letter.issue', entity: 'decision', subject: letter.fileName });
    expect(ok(t, 'decisions.ofPetition', { petitionId })[0]?.letterIssuedAt).toBe(letter.issuedAt);
  });

  it('gives the same bytes when exported again, whatever changed in the settings since', async () => {
    const { decision } = decided();
    const first = await okAsync('letters.export', { decisionId: decision.id });
    setLetters({ place: 'Den Haag', legalBasis: { en: 'article 9.9 of something else', nl: 'artikel 9.9 van iets anders' } });
    const since = lastAuditId(t);

    const again = await okAsync('letters.export', { decisionId: decision.id });
    expect(again.pdfBase64).toBe(first.pdfBase64);
    expect(again).toMatchObject({ sha256: first.sha256, issuedAt: first.issuedAt, reissue: true, signed: false });
    expect(row(decision.id)).toEqual({ letter_issued_at: first.issuedAt, letter_sha256: first.sha256 });
    expect(auditSince(t, since).map((a) => [a.action, a.after?.sha256])).toEqual([['letter.reissue', first.sha256]]);

    // The other language is a letter of its own, dated at the first issue; issued with the settings of now.
    const dutch = await okAsync('letters.export', { decisionId: decision.id, language: 'nl' });
    const text = plainText(bytesOf(dutch.pdfBase64));
    expect(text).toContain('Den Haag');
    expect(text).toContain('Besluitnummer');
    expect(text).toContain('7,5 EC wordt geregistreerd als 7 EC');
    expect(dutch.issuedAt).toBe(first.issuedAt);
  });

  it('previews without issuing or auditing anything, in the language asked for', async () => {
    const { decision } = decided();
    const before = dumpBoard(t.register);
    const preview = await okAsync('letters.preview', { decisionId: decision.id, language: 'nl' });
    expect(preview.signed).toBe(false);
    const text = plainText(bytesOf(preview.pdfBase64));
    expect(text).toContain('Besluitnummer');
    expect(text).toContain(decision.number);
    expect(dumpBoard(t.register)).toEqual(before);
  });

  it('uses the default language and the signatory of the settings, with the signature image', async () => {
    const { decision } = decided({ outcome: 'rejected' });
    setLetters({ defaultLanguage: 'nl', signatories: [{ name: 'Dr. A. Chair', role: { en: 'Chair', nl: 'Voorzitter van de examencommissie' }, signatureImage: signaturePng().toString('base64') }] });
    const letter = await okAsync('letters.export', { decisionId: decision.id });
    const pdf = bytesOf(letter.pdfBase64);
    const text = plainText(pdf);
    expect(text).toContain('wijst de Examencommissie LIACS uw verzoek af');
    expect(text).toContain('Voorzitter van de examencommissie');
    expect(run('pdfimages', ['-list'], pdf).output).toMatch(/\n\s*1\s+0\s+image/);
  });

  it('refuses a general decision that names no petition: there is no student to write to', async () => {
    const petitionId = newPetition(t);
    const courseId = (t.register.sqlite.prepare('SELECT course_id FROM petitions WHERE id = ?').get(petitionId) as { course_id: number }).course_id;
    const general = ok(t, 'decisions.recordGeneral', {
      courseId,
      outcome: 'approved',
      creditedEc: 7,
      level: 'master',
      institutionName: 'Utrecht University',
      reasoning: 'Approved for every student.',
      decidedOn: '2025-02-27',
      signatory: 'Dr. A. Chair',
    });
    const errors = await refusedAsync('letters.export', { decisionId: general.id });
    expect(errors.en.message).toBe(translate('en', 'letter.error.noAddressee', { number: general.number }));
    expect((await refusedAsync('letters.preview', { decisionId: 999 })).en.code).toBe('not_found');
  });
});

describe('a signed letter', () => {
  it('carries a signature pdfsig reports as valid over the whole document', async () => {
    const { decision } = decided({ givenName: 'Αλέξανδρος', familyName: 'Дмитрий' });
    withCertificate();
    const letter = await okAsync('letters.export', { decisionId: decision.id, password: PASSWORD });
    expect(letter.signed).toBe(true);
    const pdf = bytesOf(letter.pdfBase64);
    const report = run('pdfsig', [], pdf).output;
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(plainText(pdf)).toContain('Αλέξανδρος Дмитрий');
    expect(auditSince(t, 0).find((a) => a.action === 'letter.issue')?.after).toMatchObject({ signed: true, sha256: letter.sha256 });
    // The password is nowhere in the register.
    expect(JSON.stringify(dumpBoard(t.register))).not.toContain(PASSWORD);

    // Exported again: the same letter under a new signature.
    const again = await okAsync('letters.export', { decisionId: decision.id, password: PASSWORD });
    const unsignedPart = (b: Buffer) => b.subarray(0, b.indexOf('%%EOF') + 5);
    expect(unsignedPart(bytesOf(again.pdfBase64)).equals(unsignedPart(pdf))).toBe(true);
    expect(again.reissue).toBe(true);
  });

  it('refuses a wrong password, a missing password, a file that is not PKCS#12 and an expired certificate, issuing nothing', async () => {
    const { decision } = decided();
    const file = withCertificate();

    const wrong = await refusedAsync('letters.export', { decisionId: decision.id, password: 'wrong horse' });
    expect(wrong.en).toMatchObject({ code: 'certificate_password', message: 'The password of the certificate is not correct.', fields: { password: 'The password of the certificate is not correct.' } });
    expect(wrong.nl.message).toBe('Het wachtwoord van het certificaat is niet juist.');
    expect(JSON.stringify(wrong)).not.toContain('wrong horse');

    const missing = await refusedAsync('letters.export', { decisionId: decision.id });
    expect(missing.en.code).toBe('password_required');
    expect(missing.en.fields?.password).toBe(translate('en', 'letter.error.passwordRequired', { path: file }));

    writeFileSync(file, 'not a certificate');
    expect((await refusedAsync('letters.export', { decisionId: decision.id, password: PASSWORD })).en.message).toBe('The certificate file is not a PKCS#12 file (.p12 or .pfx).');

    // Expired before the register's clock (1 March 2025) reads it.
    const daysTo = (date: string) => Math.round((Date.parse(date) - Date.now()) / 86_400_000);
    writeFileSync(file, selfSignedP12({ password: PASSWORD, validFromDays: daysTo('2024-01-01'), validToDays: daysTo('2025-01-01') }));
    const expired = await refusedAsync('letters.export', { decisionId: decision.id, password: PASSWORD });
    expect(expired.en.code).toBe('certificate_expired');
    expect(expired.en.message).toMatch(/^The certificate expired on \d+ \w+ \d{4}; letters cannot be signed with it\.$/);
    expect(expired.nl.message).toContain('verlopen');
    expect(row(decision.id)).toEqual({ letter_issued_at: null, letter_sha256: null });
  });
});

describe('the letter settings', () => {
  it('start as the Leiden defaults, are saved with an audit row, and never hold a password', () => {
    expect(ok(t, 'settings.letters', {})).toEqual(DEFAULT_LETTER_SETTINGS);
    const since = lastAuditId(t);
    const saved = setLetters({ place: 'Leiden', letterhead: { ...DEFAULT_LETTER_SETTINGS.letterhead, contact: ['Niels Bohrweg 1', '2333 CA Leiden', 'boex@example.org'] } });
    expect(saved.letterhead.contact).toHaveLength(3);
    expect(ok(t, 'settings.letters', {})).toEqual(saved);
    expect(auditSince(t, since)).toMatchObject([{ action: 'update', entity: 'settings', after: { key: 'letters' } }]);
    // The form's textareas send lines as text.
    const fromForm = ok(t, 'settings.updateLetters', { ...saved, appeal: { ...saved.appeal, address: 'Postbus 9500\n\n 2300 RA Leiden ' } } as unknown as CallInput<'settings.updateLetters'>);
    expect(fromForm.appeal.address).toEqual(['Postbus 9500', '2300 RA Leiden']);
  });

  it('refuses a signature image that is not PNG or JPEG, or is 40 MB, with the PDF layer\'s sentence next to the field', () => {
    const settings = ok(t, 'settings.letters', {});
    const signatory = (signatureImage: string) => ({ ...settings, signatories: [{ name: 'Dr. A. Chair', role: { en: 'Chair', nl: 'Voorzitter' }, signatureImage }] });
    const gif = refused(t, 'settings.updateLetters', signatory(Buffer.from('GIF89a not a png').toString('base64')));
    expect(gif.en).toMatchObject({ code: 'signature_image_format', fields: { 'signatories.0.signatureImage': 'The signature image is not a PNG or JPEG image.' } });
    expect(gif.nl.message).toBe('De afbeelding van de handtekening is geen PNG- of JPEG-afbeelding.');
    const huge = Buffer.alloc(40 * 1024 * 1024);
    signaturePng().copy(huge);
    expect(refused(t, 'settings.updateLetters', signatory(huge.toString('base64'))).en.message).toBe('The signature image is 40.0 MB; it may be at most 5 MB.');
  });

  it('refuses a certificate path that is not a file', () => {
    const settings = ok(t, 'settings.letters', {});
    const missing = path.join(tempDir(), 'nowhere.p12');
    expect(refused(t, 'settings.updateLetters', { ...settings, certificatePath: missing }).en.fields?.certificatePath).toBe(translate('en', 'letter.error.certificateMissing', { path: missing }));
    expect(refused(t, 'settings.updateLetters', { ...settings, certificatePath: 'signing.p12' }).en.code).toBe('certificate_path');
  });
});

describe("a meeting's letters into a folder", () => {
  function meetingWithTwoDecisions() {
    const a = newPetition(t, { givenName: 'Łukasz', familyName: 'Kowalski' });
    const b = newPetition(t, { givenName: 'Øyvind', familyName: 'Hansen' });
    const boex = onBoexAgenda(t, [{ id: a }, { id: b }]);
    const decisions = ok(t, 'decisions.recordBatch', { meetingId: boex.meeting.id, decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' });
    return { meetingId: boex.meeting.id, decisions };
  }

  it('writes "<number> <student number>.pdf" for each decision, issues them, and never overwrites without asking', async () => {
    const { meetingId, decisions } = meetingWithTwoDecisions();
    const folder = path.join(tempDir(), 'letters', 'meeting');
    const written: string[] = [];
    const result = await exportMeetingLetters(t.ctx, { meetingId, folder, overwrite: false, onWritten: (f) => written.push(f.fileName) });
    const students = decisions.map((d) => ok(t, 'petitions.get', { id: d.petitionId ?? 0 }).student.studentNumber);
    const names = decisions.map((d, i) => `${d.number} ${students[i]}.pdf`);
    expect(written).toEqual(names);
    expect(readdirSync(folder).sort()).toEqual([...names].sort());
    expect(result).toMatchObject({ folder, signed: false, skipped: [] });
    for (const [i, d] of decisions.entries()) {
      const bytes = readFileSync(path.join(folder, names[i] ?? ''));
      expect(row(d.id).letter_sha256).toBe(sha256(bytes));
      expect(plainText(bytes)).toContain(d.number);
    }

    const before = readdirSync(folder).map((f) => sha256(readFileSync(path.join(folder, f))));
    const errors = await refusedAsync('letters.exportMeeting', { meetingId, folder });
    expect(errors.en).toMatchObject({ code: 'file_exists' });
    expect(errors.en.message).toContain('2 of these letters are already in');
    expect(readdirSync(folder).map((f) => sha256(readFileSync(path.join(folder, f))))).toEqual(before);

    // With overwrite: the same unsigned letters again, byte for byte.
    await okAsync('letters.exportMeeting', { meetingId, folder, overwrite: true });
    expect(readdirSync(folder).map((f) => sha256(readFileSync(path.join(folder, f))))).toEqual(before);
  });

  it('stops with a sentence when the disk fills, leaving the letters written before intact and issued', async () => {
    const { meetingId, decisions } = meetingWithTwoDecisions();
    const folder = tempDir();
    disk.writesLeft = 1;
    const result = await callAsync('letters.exportMeeting', { meetingId, folder });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('disk_full');
    expect(result.error.message).toMatch(/^The export stopped after 1 of 2 letters: The disk is full: .+ could not be written\./);
    expect(readdirSync(folder)).toHaveLength(1);
    expect(row(decisions[0]?.id ?? 0).letter_issued_at).not.toBeNull();
    expect(row(decisions[1]?.id ?? 0)).toEqual({ letter_issued_at: null, letter_sha256: null });
  });

  it('refuses a folder that cannot be written, a wrong password and an MT Board meeting before writing anything', async () => {
    const { meetingId } = meetingWithTwoDecisions();
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    const folder = path.join(file, 'letters');
    const notWritable = await refusedAsync('letters.exportMeeting', { meetingId, folder });
    expect(notWritable.en.message).toBe(`Letters cannot be written to ${folder}: choose another folder.`);

    withCertificate();
    const out = tempDir();
    expect((await refusedAsync('letters.exportMeeting', { meetingId, folder: out, password: 'nope' })).en.code).toBe('certificate_password');
    expect(readdirSync(out)).toEqual([]);

    const mt = ok(t, 'meetings.list', {}).find((m) => m.body === 'mt_board');
    expect((await refusedAsync('letters.exportMeeting', { meetingId: mt?.id ?? 0, folder: out })).en.code).toBe('not_boex');
    expect(existsSync(folder)).toBe(false);
  });
});

describe('hostile input', () => {
  it('answers random input to the letter calls with a value or a sentence', async () => {
    decided();
    // Never a random folder: a meeting's letters would be written wherever it points.
    const folder = tempDir();
    const anyValue = fc.oneof(fc.anything({ maxDepth: 2 }), fc.constantFrom(null, -1, 0, 1, 2, 1e308, '', 'en', 'xx'));
    const shaped = fc.dictionary(fc.constantFrom('decisionId', 'language', 'password', 'meetingId', 'overwrite', '__proto__'), anyValue);
    for (const name of ['letters.preview', 'letters.export', 'letters.exportMeeting'] as const) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(anyValue, shaped), async (input) => {
          const sent = name === 'letters.exportMeeting' && input && typeof input === 'object' ? { ...input, folder } : input;
          const result = await dispatchAsync(t.ctx, name, sent, 'en');
          if (result.ok) return;
          expect(result.error.code).not.toBe('internal');
          expect(result.error.message).not.toMatch(/\n\s+at |SqliteError|TypeError|ZodError|undefined/);
        }),
        { numRuns: 25 },
      );
    }
  });
});
