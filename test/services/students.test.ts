// The student page's call through dispatch, on a real register file: the student, every petition
// whatever its status, and the EC standing against the caps as the rules module computes it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import type { PetitionStatus } from '../../shared/domain';
import type { ApiErrorBody } from '../../shared/errors';
import type { Language } from '../../shared/i18n';
import type { PetitionDetail, StudentDetail } from '../../shared/schemas';
import { cleanUp, openTestRegister, petitionForm, type PetitionForm, type TestRegister } from '../support/register';

afterEach(cleanUp);

let t: TestRegister;
beforeEach(() => {
  t = openTestRegister();
});

function ok<T>(name: string, input: unknown): T {
  const result = dispatch(t.ctx, name, input, 'en');
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function refused(name: string, input: unknown, lang: Language): ApiErrorBody {
  const result = dispatch(t.ctx, name, input, lang);
  if (result.ok) throw new Error(`${name} succeeded, but should have been refused`);
  return result.error;
}

/** A petition of the student for a course of its own, then its status set as a decision would leave it. */
function petition(code: string, ec: number, level: PetitionForm['level'], status: PetitionStatus, change: Partial<PetitionForm> = {}): number {
  const { id } = ok<PetitionDetail>('petitions.create', petitionForm({ courseCode: code, courseTitle: `Course ${code}`, ec, level, ...change }));
  t.register.sqlite.prepare('UPDATE petitions SET status = ? WHERE id = ?').run(status, id);
  return id;
}

const getStudent = (studentNumber = 's1234567') => ok<StudentDetail>('students.get', { studentNumber });

describe('students.get', () => {
  it('counts approved and pending petitions at each level against the caps, and leaves rejected and withdrawn ones out', () => {
    // Introductory level (100, 200, or the category elsewhere): counts toward both caps.
    petition('INTRO-A', 2, 100, 'approved');
    petition('INTRO-P', 2.5, 'introductory', 'submitted'); // credited 2 EC, pending
    petition('INTRO-R', 3, 200, 'rejected');
    // Advanced level (300, or the category): counts toward the 5 EC cap only.
    petition('ADV-A', 1, 300, 'external_approved');
    petition('ADV-P', 4, 'advanced', 'in_progress');
    petition('ADV-W', 5, 300, 'withdrawn');
    // Master level counts toward neither.
    petition('MASTER', 10, 500, 'approved');

    const detail = getStudent();
    expect(detail.student).toMatchObject({ studentNumber: 's1234567', givenName: 'Zoë', familyName: 'de Vries', email: 'z.de.vries@umail.leidenuniv.nl' });
    expect(detail.standing).toEqual({
      advanced: { approved: 3, pending: 6, limit: 5, remaining: 2, remainingIfPendingApproved: 0 },
      introductory: { approved: 2, pending: 2, limit: 3, remaining: 1, remainingIfPendingApproved: 0 },
    });
    // Every petition, whatever its status, newest submission first (then newest id).
    expect(detail.petitions).toHaveLength(7);
    expect(detail.petitions.map((p) => p.courseCode)).toEqual(['MASTER', 'ADV-W', 'ADV-P', 'ADV-A', 'INTRO-R', 'INTRO-P', 'INTRO-A']);
    expect(detail.petitions.find((p) => p.courseCode === 'INTRO-R')).toMatchObject({ status: 'rejected', ec: 3, level: 200, institution: 'Utrecht University' });
  });

  it('lists petitions newest submission first, and counts each by its standing', () => {
    petition('OLD', 3, 'advanced', 'approved', { submittedOn: '2024-10-01', courseStartDate: '2025-01-10' });
    petition('NEW', 2, 'introductory', 'submitted', { submittedOn: '2025-02-10' });
    const detail = getStudent();
    expect(detail.petitions.map((p) => p.courseCode)).toEqual(['NEW', 'OLD']);
    expect(detail.standing.advanced).toEqual({ approved: 3, pending: 2, limit: 5, remaining: 2, remainingIfPendingApproved: 0 });
    expect(detail.standing.introductory).toEqual({ approved: 0, pending: 2, limit: 3, remaining: 3, remainingIfPendingApproved: 1 });
  });

  it('shows the approved EC beyond a cap, with nothing remaining', () => {
    petition('A1', 4, 300, 'approved');
    petition('A2', 3, 100, 'approved');
    const { standing } = getStudent();
    expect(standing.advanced).toEqual({ approved: 7, pending: 0, limit: 5, remaining: 0, remainingIfPendingApproved: 0 });
    expect(standing.introductory).toEqual({ approved: 3, pending: 0, limit: 3, remaining: 0, remainingIfPendingApproved: 0 });
  });

  it('gives a student with master-level petitions only the whole room under both caps', () => {
    petition('M1', 7.5, 'master', 'submitted');
    const detail = getStudent();
    expect(detail.standing).toEqual({
      advanced: { approved: 0, pending: 0, limit: 5, remaining: 5, remainingIfPendingApproved: 5 },
      introductory: { approved: 0, pending: 0, limit: 3, remaining: 3, remainingIfPendingApproved: 3 },
    });
    expect(detail.petitions).toEqual([
      expect.objectContaining({ courseCode: 'M1', courseTitle: 'Course M1', ec: 7.5, level: 'master', status: 'submitted', submittedOn: '2025-02-10' }),
    ]);
  });

  it('does not mix in another student\'s petitions', () => {
    petition('MINE', 2, 100, 'approved');
    petition('THEIRS', 3, 100, 'approved', { studentNumber: 's7654321', givenName: 'Łukasz', familyName: 'Kowalski', email: 'l.kowalski@umail.leidenuniv.nl' });
    expect(getStudent().petitions.map((p) => p.courseCode)).toEqual(['MINE']);
    expect(getStudent().standing.introductory.approved).toBe(2);
    expect(getStudent('s7654321').standing.introductory.approved).toBe(3);
  });

  it('refuses an unknown student number with a sentence in the user\'s language', () => {
    petition('ANY', 5, 'master', 'submitted');
    const en = refused('students.get', { studentNumber: 's9999999' }, 'en');
    expect(en).toEqual({
      code: 'not_found',
      message: 'Student number s9999999 is not in the register. Check the number; a student is added to the register with their first petition.',
    });
    const nl = refused('students.get', { studentNumber: 's9999999' }, 'nl');
    expect(nl).toEqual({
      code: 'not_found',
      message: 'Studentnummer s9999999 staat niet in het register. Controleer het nummer; een student komt in het register met diens eerste verzoek.',
    });
  });

  it('refuses a malformed student number as invalid input, naming the field', () => {
    const error = refused('students.get', { studentNumber: "s1' OR 1=1" }, 'en');
    expect(error.code).toBe('invalid_input');
    expect(error.fields).toEqual({ studentNumber: 'Enter a student number as the letter s and seven digits, e.g. s1234567.' });
  });
});
