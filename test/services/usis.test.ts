// The uSis export through dispatch, on a real register file: registered results go out once, in a
// CSV file Dutch Excel opens (read back here with papaparse), marked as exported with one audit
// row; a second export finds nothing and changes nothing; a correction of a result already sent is
// sent again, flagged; a past export comes back byte for byte and changes nothing.
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallInput } from '../../shared/api';
import { exportPending, pendingResults, usisCsv } from '../../electron/services/usis';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { auditSince, decisionForm, itemOf, lastAuditId, newPetition, ok, onBoexAgenda, refused, refusedWith } from '../support/meetings';
import { cleanUp, openTestRegister, type PetitionForm, type TestRegister } from '../support/register';

afterEach(cleanUp);

let t: TestRegister;
beforeEach(() => {
  t = openTestRegister();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1').toString('base64');

/** Petitions approved by the BoEx (7 EC credited), each with a certified transcript. */
function approved(forms: Array<Partial<PetitionForm>>) {
  const ids = forms.map((form) => newPetition(t, form));
  const boex = onBoexAgenda(t, ids.map((id) => ({ id })));
  for (const id of ids) ok(t, 'decisions.record', decisionForm(itemOf(boex, id).id));
  return ids.map((id) => ({
    id,
    transcriptId: ok(t, 'attachments.add', { petitionId: id, kind: 'transcript', fileName: `transcript-${id}.pdf`, mediaType: 'application/pdf', contentBase64: PDF }).id,
  }));
}

const grade = (p: { id: number; transcriptId: number }, change: Partial<CallInput<'grades.register'>> = {}): CallInput<'grades.register'> => ({
  petitionId: p.id,
  transcriptAttachmentId: p.transcriptId,
  originalGrade: '7,3',
  dutchGrade: '7,3',
  passFail: false,
  ...change,
});

/** The file as Excel would split it: the byte order mark first, then semicolon-separated rows. */
function parsed(csv: string): Array<Record<string, string>> {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const result = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, delimiter: ';', skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

const exportedAtOf = () => t.register.sqlite.prepare('SELECT id, usis_exported_at AS at FROM grade_registrations ORDER BY id').all() as Array<{ id: number; at: string | null }>;
const dumpGrades = () => t.register.sqlite.prepare('SELECT * FROM grade_registrations ORDER BY id').all();

describe('uSis export', () => {
  it('exports every registered result once, as a CSV Dutch Excel reads, with one audit row', () => {
    const [zoe, lukasz, dmitry] = approved([
      { givenName: 'Zoë', familyName: 'Nguyễn', courseCode: 'INFOMCV', courseTitle: 'Computer Vision; Advanced' },
      { givenName: 'Łukasz', familyName: 'Kowalski', courseCode: '=HYPERLINK', courseTitle: 'Formula "test"' },
      { givenName: 'Дмитрий', familyName: 'Соколов', courseCode: 'PF1', courseTitle: 'Pass/fail seminar' },
    ]);
    ok(t, 'grades.register', grade(zoe!));
    ok(t, 'grades.register', grade(lukasz!, { originalGrade: '5,4', dutchGrade: '5,4' }));
    ok(t, 'grades.register', grade(dmitry!, { originalGrade: 'pass', dutchGrade: null, passFail: true }));

    const pending = ok(t, 'usis.pending', {});
    expect(pending.map((r) => [r.petitionId, r.convertedGrade, r.result, r.creditedEc, r.correction])).toEqual([
      [zoe!.id, 7.5, 'pass', 7, false],
      [lukasz!.id, 5, 'fail', 0, false],
      [dmitry!.id, null, 'pass', 7, false],
    ]);

    const auditBefore = lastAuditId(t);
    const file = ok(t, 'usis.export', { language: 'en' });
    expect(file.count).toBe(3);
    expect(file.fileName).toMatch(/^usis-export-\d{4}-\d{2}-\d{2}-\d{6}\.csv$/);
    expect(file.csv.endsWith('\r\n')).toBe(true);
    const rows = parsed(file.csv);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      'Student number': pending[0]!.studentNumber,
      Name: 'Zoë Nguyễn',
      'Course code': 'INFOMCV',
      'Course title': 'Computer Vision; Advanced',
      Institution: 'Utrecht University',
      EC: '7',
      Grade: '7,5',
      Result: 'pass',
      'Decision number': pending[0]!.decisionNumber,
      'Decision date': '2025-02-27',
      'Registered on': pending[0]!.registeredOn,
      Correction: 'no',
    });
    expect(pending[0]!.decisionNumber).toMatch(/LIACS/);
    expect(pending[0]!.registeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A cell that starts like a formula is not run by Excel.
    expect(rows[1]).toMatchObject({ Name: 'Łukasz Kowalski', 'Course code': "'=HYPERLINK", 'Course title': 'Formula "test"', EC: '0', Grade: '5,0', Result: 'fail' });
    expect(rows[2]).toMatchObject({ Name: 'Дмитрий Соколов', EC: '7', Grade: 'pass', Result: 'pass' });

    // Every row of the export carries the batch's moment, and one audit row tells what was sent.
    expect(exportedAtOf().map((r) => r.at)).toEqual([file.exportedAt, file.exportedAt, file.exportedAt]);
    const audit = auditSince(t, auditBefore);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'export', entity: 'usis_export', entityId: null, before: null });
    expect(audit[0]!.after).toMatchObject({ exportedAt: file.exportedAt, count: 3, corrections: 0, registrationIds: pending.map((r) => r.registrationId), language: 'en', fileName: file.fileName });

    expect(ok(t, 'usis.pending', {})).toEqual([]);
    expect(ok(t, 'usis.batches', {})).toEqual([{ exportedAt: file.exportedAt, count: 3, corrections: 0, exportedBy: 'secretary' }]);
  });

  it('refuses a second export with nothing pending, in English and Dutch, and changes nothing', () => {
    const [p] = approved([{}]);
    ok(t, 'grades.register', grade(p!));
    ok(t, 'usis.export', { language: 'nl' });
    const before = dumpGrades();
    refusedWith(t, 'usis.export', { language: 'en' }, 'usis_nothing_pending', 'usis.error.nothingPending');
    expect(dumpGrades()).toEqual(before);
    expect(ok(t, 'usis.batches', {})).toHaveLength(1);
  });

  it('refuses an export of an empty register', () => {
    refusedWith(t, 'usis.export', { language: 'en' }, 'usis_nothing_pending', 'usis.error.nothingPending');
    expect(ok(t, 'usis.batches', {})).toEqual([]);
  });

  it('sends only results registered since the last export', () => {
    const [a, b] = approved([{}, {}]);
    ok(t, 'grades.register', grade(a!));
    const first = ok(t, 'usis.export', { language: 'en' });
    ok(t, 'grades.register', grade(b!, { originalGrade: '8', dutchGrade: '8' }));
    const second = ok(t, 'usis.export', { language: 'en' });
    expect(second.count).toBe(1);
    expect(second.exportedAt > first.exportedAt).toBe(true);
    expect(parsed(second.csv).map((r) => [r.Grade, r.Correction])).toEqual([['8,0', 'no']]);
    expect(ok(t, 'usis.batches', {}).map((batch) => [batch.exportedAt, batch.count])).toEqual([
      [second.exportedAt, 1],
      [first.exportedAt, 1],
    ]);
  });

  it('sends a correction of a result already sent again, flagged; a result corrected before it was sent goes once', () => {
    const [sent, unsent] = approved([{}, {}]);
    const wrong = ok(t, 'grades.register', grade(sent!, { originalGrade: '5,4', dutchGrade: '5,4' }));
    const first = ok(t, 'usis.export', { language: 'en' });
    const draft = ok(t, 'grades.register', grade(unsent!, { originalGrade: '6', dutchGrade: '6' }));
    const corrected = ok(t, 'grades.correct', { registrationId: wrong.id, transcriptAttachmentId: sent!.transcriptId, originalGrade: '6,8', dutchGrade: '6,8', passFail: false });
    const right = ok(t, 'grades.correct', { registrationId: draft.id, transcriptAttachmentId: unsent!.transcriptId, originalGrade: '6,3', dutchGrade: '6,3', passFail: false });

    // The replaced, never-sent registration is not pending: only a petition's current result goes out.
    expect(ok(t, 'usis.pending', {}).map((r) => [r.registrationId, r.correction])).toEqual([
      [corrected.id, true],
      [right.id, false],
    ]);
    const second = ok(t, 'usis.export', { language: 'nl' });
    const rows = parsed(second.csv);
    expect(rows.map((r) => [r.Cijfer, r.EC, r.Resultaat, r.Correctie])).toEqual([
      ['7,0', '7', 'voldaan', 'ja'],
      ['6,5', '7', 'voldaan', 'nee'],
    ]);
    expect(exportedAtOf()).toEqual([
      { id: wrong.id, at: first.exportedAt },
      { id: draft.id, at: null },
      { id: corrected.id, at: second.exportedAt },
      { id: right.id, at: second.exportedAt },
    ]);
    expect(ok(t, 'usis.batches', {})[0]).toMatchObject({ exportedAt: second.exportedAt, count: 2, corrections: 1 });
    // The first batch still holds the result it sent, though it has been corrected since.
    expect(parsed(ok(t, 'usis.reexport', { exportedAt: first.exportedAt }).csv).map((r) => [r.Grade, r.Result])).toEqual([['5,0', 'fail']]);
  });

  it('downloads a past export again byte for byte, in its own language, and changes nothing', () => {
    const [a, b] = approved([{ givenName: 'Øyvind', familyName: 'Ærø' }, {}]);
    ok(t, 'grades.register', grade(a!));
    ok(t, 'grades.register', grade(b!, { originalGrade: 'pass', dutchGrade: null, passFail: true }));
    const file = ok(t, 'usis.export', { language: 'nl' });
    expect(parsed(file.csv)[1]).toMatchObject({ Cijfer: 'V', Resultaat: 'voldaan' });
    const before = { grades: dumpGrades(), audit: lastAuditId(t) };

    const again = ok(t, 'usis.reexport', { exportedAt: file.exportedAt });
    expect(Buffer.from(again.csv, 'utf8').equals(Buffer.from(file.csv, 'utf8'))).toBe(true);
    expect(again).toEqual(file);
    const english = ok(t, 'usis.reexport', { exportedAt: file.exportedAt, language: 'en' });
    expect(parsed(english.csv).map((r) => r.Grade)).toEqual(['7,5', 'pass']);
    expect({ grades: dumpGrades(), audit: lastAuditId(t) }).toEqual(before);
  });

  it('refuses a re-export of an export that does not exist, or of a malformed moment', () => {
    const exportedAt = '2025-03-01T09:30:00.000Z';
    refusedWith(t, 'usis.reexport', { exportedAt }, 'not_found', 'usis.error.batchNotFound', { exportedAt });
    const errors = refused(t, 'usis.reexport', { exportedAt: 'yesterday' });
    expect(errors.en.fields?.exportedAt).toBe(translate('en', 'usis.error.batchInvalid'));
  });

  it('marks nothing when the results no longer make the file the command line wrote', () => {
    const [a, b] = approved([{}, {}]);
    ok(t, 'grades.register', grade(a!));
    const written = usisCsv(pendingResults(t.ctx), 'en');
    ok(t, 'grades.register', grade(b!));
    const before = { grades: dumpGrades(), audit: lastAuditId(t) };
    expect(() => exportPending(t.ctx, { language: 'en' }, written)).toThrow(AppError);
    expect({ grades: dumpGrades(), audit: lastAuditId(t) }).toEqual(before);
    const now = usisCsv(pendingResults(t.ctx), 'en');
    expect(exportPending(t.ctx, { language: 'en' }, now)).toMatchObject({ csv: now, count: 2 });
  });

  it('makes the file without marking it, and marks exactly that file once the page says it is saved', () => {
    const [a, b] = approved([{}, {}]);
    ok(t, 'grades.register', grade(a!));
    const before = { grades: dumpGrades(), audit: lastAuditId(t) };
    const draft = ok(t, 'usis.file', { language: 'en' });
    expect(draft).toMatchObject({ count: 1, csv: usisCsv(pendingResults(t.ctx), 'en') });
    expect({ grades: dumpGrades(), audit: lastAuditId(t) }).toEqual(before);

    // A result registered after the file was made: the saved file is not what is pending any more.
    ok(t, 'grades.register', grade(b!));
    const registered = lastAuditId(t);
    const errors = refused(t, 'usis.export', { language: 'en', sha256: draft.sha256 });
    expect(errors.en).toEqual({ code: 'usis_changed', message: translate('en', 'usis.error.changed') });
    expect(errors.nl.message).toBe(translate('nl', 'usis.error.changed'));
    expect(lastAuditId(t)).toBe(registered);
    expect(ok(t, 'usis.pending', {})).toHaveLength(2);

    const fresh = ok(t, 'usis.file', { language: 'en' });
    expect(ok(t, 'usis.export', { language: 'en', sha256: fresh.sha256 })).toMatchObject({ csv: fresh.csv, count: 2 });
    expect(ok(t, 'usis.pending', {})).toEqual([]);
  });

  it('keeps two exports in the same millisecond apart', () => {
    const frozen = new Date('2025-03-01T09:30:00.000Z');
    const still = openTestRegister({ now: () => frozen });
    const previous = t;
    t = still;
    const [a, b] = approved([{}, {}]);
    ok(t, 'grades.register', grade(a!));
    const first = ok(t, 'usis.export', { language: 'en' });
    ok(t, 'grades.register', grade(b!));
    const second = ok(t, 'usis.export', { language: 'en' });
    expect(first.exportedAt).toBe('2025-03-01T09:30:00.000Z');
    expect(second.exportedAt).toBe('2025-03-01T09:30:00.001Z');
    expect(ok(t, 'usis.batches', {}).map((batch) => batch.count)).toEqual([1, 1]);
    t = previous;
  });
});
