// Grade registration through dispatch, on a real register file: an approved petition gets its
// certified transcript and its grade (converted to the Dutch scale), the petition's status and EC
// follow, every bad input is a sentence in English and Dutch that changes nothing, and a
// correction keeps the registration it replaces.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallInput } from '../../shared/api';
import { translate, type MessageKey } from '../../shared/i18n';
import type { MessageParams } from '../../shared/errors';
import { transcriptMissing } from '../../shared/rules/messages';
import { decisionForm, itemOf, newPetition, ok, onBoexAgenda, refused, statusOf } from '../support/meetings';
import { cleanUp, openTestRegister, type PetitionForm, type TestRegister } from '../support/register';

afterEach(cleanUp);

let t: TestRegister;
beforeEach(() => {
  t = openTestRegister();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1').toString('base64');

function transcript(petitionId: number, kind: 'transcript' | 'other' = 'transcript'): number {
  return ok(t, 'attachments.add', { petitionId, kind, fileName: `transcript-${petitionId}.pdf`, mediaType: 'application/pdf', contentBase64: PDF }).id;
}

/** Petitions approved by the BoEx (7 EC credited), each with a certified transcript; returns petition and transcript ids. */
function approved(count: number, change: Partial<PetitionForm> = {}, outcome: 'approved' | 'rejected' = 'approved') {
  const ids = Array.from({ length: count }, () => newPetition(t, change));
  const boex = onBoexAgenda(t, ids.map((id) => ({ id })));
  for (const id of ids) ok(t, 'decisions.record', decisionForm(itemOf(boex, id).id, { outcome }));
  return ids.map((id) => ({ id, transcriptId: transcript(id) }));
}

const grade = (p: { id: number; transcriptId: number }, change: Partial<CallInput<'grades.register'>> = {}): CallInput<'grades.register'> => ({
  petitionId: p.id,
  transcriptAttachmentId: p.transcriptId,
  originalGrade: '7,3',
  dutchGrade: '7,3',
  passFail: false,
  ...change,
});

const nameOf = (petitionId: number) => {
  const p = ok(t, 'petitions.get', { id: petitionId });
  return { student: `${p.student.givenName} ${p.student.familyName} (${p.student.studentNumber})`, course: `${p.course.code} ${p.course.title}` };
};

/** Every row of the tables completion touches, besides the board tables `refused` compares. */
function dumpCompletion() {
  return ['grade_registrations', 'attachments', 'petition_findings'].flatMap((table) => {
    const exists = t.register.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    return exists ? [t.register.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()] : [];
  });
}

function refusedWith<N extends 'grades.register' | 'grades.correct'>(name: N, input: CallInput<N>, code: string, key: MessageKey, params: MessageParams = {}) {
  const before = dumpCompletion();
  const errors = refused(t, name, input);
  expect(dumpCompletion()).toEqual(before);
  for (const lang of ['en', 'nl'] as const) {
    expect(errors[lang].code).toBe(code);
    expect(errors[lang].message).toBe(translate(lang, key, params));
  }
  return errors;
}

describe('grade registration', () => {
  it('registers a pass at a research university: converted grade, credited EC, External courses approved', () => {
    const [p] = approved(1);
    expect(statusOf(t, p!.id)).toBe('in_progress');
    const reg = ok(t, 'grades.register', grade(p!));
    expect(reg).toMatchObject({ originalGrade: '7,3', convertedGrade: 7.5, result: 'pass', creditedEc: 7, registeredBy: 'secretary', replacesId: null, petitionStatus: 'external_approved' });
    expect(statusOf(t, p!.id)).toBe('external_approved');
    const history = ok(t, 'petitions.get', { id: p!.id }).history;
    expect(history.some((h) => h.entity === 'grade_registration' && h.action === 'create')).toBe(true);
    // The petition's own status row is its twin and is not shown twice.
    expect(history.some((h) => h.entity === 'petition' && h.action === 'grade.register')).toBe(false);
  });

  it('moves a Leiden course to approved', () => {
    const [p] = approved(1, { institution: 'Leiden University', institutionKind: 'leiden', country: 'Netherlands' });
    const reg = ok(t, 'grades.register', grade(p!, { originalGrade: '8', dutchGrade: '8' }));
    expect(reg).toMatchObject({ convertedGrade: 8, result: 'pass', creditedEc: 7 });
    expect(statusOf(t, p!.id)).toBe('approved');
  });

  it('registers a fail with no EC and keeps the petition in progress, as uSis shows it', () => {
    const [p] = approved(1);
    const reg = ok(t, 'grades.register', grade(p!, { originalGrade: '5,5', dutchGrade: '5,5' }));
    expect(reg).toMatchObject({ convertedGrade: 5, result: 'fail', creditedEc: 0, petitionStatus: 'in_progress' });
    expect(statusOf(t, p!.id)).toBe('in_progress');
  });

  it('registers a pass/fail course as "pass" with no number', () => {
    const [p] = approved(1);
    const reg = ok(t, 'grades.register', grade(p!, { originalGrade: 'pass', dutchGrade: null, passFail: true }));
    expect(reg).toMatchObject({ originalGrade: 'pass', convertedGrade: null, result: 'pass', creditedEc: 7 });
    expect(statusOf(t, p!.id)).toBe('external_approved');
  });

  it('refuses each bad input with a sentence in English and Dutch, and changes nothing', () => {
    const [p, other] = approved(2);
    const invalid = (g: string) => refusedWith('grades.register', grade(p!, { dutchGrade: g }), 'grade_invalid', 'grades.error.gradeInvalid', { grade: g });
    invalid('0');
    invalid('11');
    invalid('7..3');
    refusedWith('grades.register', grade(p!, { passFail: true }), 'grade_pass_fail', 'grades.error.passFailWithGrade');
    refusedWith('grades.register', grade(p!, { dutchGrade: null }), 'grade_missing', 'grades.error.gradeMissing');
    const reason = transcriptMissing();
    const errors = refused(t, 'grades.register', grade(p!, { transcriptAttachmentId: other!.transcriptId }));
    expect(errors.en.message).toBe(translate('en', 'grades.error.transcript', { reason }));
    expect(errors.nl.message).toContain(reason.nl);
    const notTranscript = transcript(p!.id, 'other');
    refusedWith('grades.register', grade(p!, { transcriptAttachmentId: notTranscript }), 'transcript_missing', 'grades.error.transcript', { reason });
    refusedWith('grades.register', grade(p!, { transcriptAttachmentId: 999999 }), 'transcript_missing', 'grades.error.transcript', { reason });
    ok(t, 'grades.register', grade(p!));
    refusedWith('grades.register', grade(p!), 'grade_registered', 'grades.error.alreadyRegistered', nameOf(p!.id));
    expect(statusOf(t, other!.id)).toBe('in_progress');
  });

  it('refuses a petition without an approved decision', () => {
    const [rejected] = approved(1, {}, 'rejected');
    refusedWith('grades.register', grade(rejected!), 'no_approval', 'grades.error.notApproved', nameOf(rejected!.id));
    const undecided = newPetition(t);
    const tid = transcript(undecided);
    refusedWith('grades.register', grade({ id: undecided, transcriptId: tid }), 'no_approval', 'grades.error.notApproved', nameOf(undecided));
  });

  it('corrects a registration with a new row that keeps the old one', () => {
    const [p] = approved(1);
    const first = ok(t, 'grades.register', grade(p!, { originalGrade: '5,4', dutchGrade: '5,4' }));
    expect(first.result).toBe('fail');
    const second = ok(t, 'grades.correct', { registrationId: first.id, transcriptAttachmentId: p!.transcriptId, originalGrade: '6,8', dutchGrade: '6,8', passFail: false });
    expect(second).toMatchObject({ replacesId: first.id, convertedGrade: 7, result: 'pass', creditedEc: 7 });
    expect(statusOf(t, p!.id)).toBe('external_approved');
    const all = ok(t, 'grades.ofPetition', { petitionId: p!.id });
    expect(all.map((r) => [r.id, r.replacedById])).toEqual([[first.id, second.id], [second.id, null]]);
    refusedWith('grades.correct', { registrationId: first.id, transcriptAttachmentId: p!.transcriptId, originalGrade: '8', dutchGrade: '8', passFail: false }, 'grade_replaced', 'grades.error.replaced');
  });
});

describe('awaiting transcript', () => {
  it('lists approved petitions without a grade, oldest decision first, with the days since the decision', () => {
    const [a, b] = approved(2);
    const rows = ok(t, 'grades.awaiting', {});
    expect(rows.map((r) => r.petitionId)).toEqual([a!.id, b!.id]);
    expect(rows[0]).toMatchObject({ decidedOn: '2025-02-27', courseStartDate: '2025-04-22' });
    expect(rows[0]!.daysSinceDecision).toBeGreaterThanOrEqual(0);
    expect(ok(t, 'grades.awaiting', { academicYear: 2024 })).toHaveLength(2);
    expect(ok(t, 'grades.awaiting', { academicYear: 2023 })).toHaveLength(0);
    ok(t, 'grades.register', grade(a!));
    expect(ok(t, 'grades.awaiting', {}).map((r) => r.petitionId)).toEqual([b!.id]);
  });
});
