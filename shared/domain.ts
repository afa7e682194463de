// The board's vocabulary as closed sets. The database CHECK constraints, the zod schemas and the
// UI all take their values from here, so a status cannot exist in one layer and not another.

/** Statuses mirror uSis, so the secretary can copy them across (SPEC.md, "The life of a petition"). */
export const PETITION_STATUSES = [
  'draft',
  'submitted',
  'in_progress',
  'rejected',
  'approved',
  'external_approved',
  'withdrawn',
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** A petition can be withdrawn at any stage before the BoEx decides. */
export const WITHDRAWABLE_STATUSES: readonly PetitionStatus[] = ['draft', 'submitted', 'in_progress'];

export const MEETING_BODIES = ['mt_board', 'boex'] as const;
export const MEETING_STATUSES = ['planned', 'held', 'closed'] as const;
export const ADVICE_KINDS = ['support', 'not_support', 'defer'] as const;
export const DECISION_OUTCOMES = ['approved', 'rejected'] as const;
export const DECISION_KINDS = ['individual', 'general'] as const;
export const GRADE_RESULTS = ['pass', 'fail'] as const;
export const ATTACHMENT_KINDS = ['course_description', 'hbo_form', 'transcript', 'other'] as const;

/** Student numbers at Leiden: the letter s and seven digits. */
export const STUDENT_NUMBER_PATTERN = /^s\d{7}$/;

/** What a student's number becomes when the retention purge removes their personal data. */
export const PURGED_STUDENT_PREFIX = 'purged-';
export const isPurgedStudent = (studentNumber: string): boolean => studentNumber.startsWith(PURGED_STUDENT_PREFIX);

/**
 * A course is its institution and code; institutions are matched regardless of case. The rules
 * module compares courses by this key, in the form (before the course exists) and in the register.
 */
export function courseKey(institution: string, code: string): string {
  return `${institution.trim().toLowerCase()}\n${code.trim()}`;
}
