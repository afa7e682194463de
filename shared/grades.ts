// Completion of an approved petition: the petitions still waiting for a certified transcript, and
// the grade registered from it (converted to the Dutch scale; a correction is a new registration
// that keeps the old one in the history).
import { z } from 'zod';
import { GRADE_RESULTS, PETITION_STATUSES } from './domain';
import type { MessageKey } from './i18n';

const key = (k: MessageKey) => ({ error: k });
const id = z.number(key('invalid.value')).int().positive();

export const awaitingQuery = z.object({
  /** The academic year by its first calendar year (2024 is 24-25), of the decision date. */
  academicYear: z.number(key('invalid.value')).int().min(1900).max(2999).optional(),
});

export const awaitingRow = z.object({
  petitionId: z.number().int(),
  studentNumber: z.string(),
  studentName: z.string(),
  courseCode: z.string(),
  courseTitle: z.string(),
  institutionName: z.string(),
  decisionNumber: z.string(),
  decidedOn: z.string(),
  courseStartDate: z.string().nullable(),
  daysSinceDecision: z.number().int(),
});
export type AwaitingRow = z.output<typeof awaitingRow>;

const gradeFields = {
  transcriptAttachmentId: id,
  /** The grade as written on the transcript: "B+", "1,7", "8.3", "pass". */
  originalGrade: z.string(key('invalid.required')).trim().min(1, key('invalid.required')).max(50, key('invalid.tooLong')),
  /** The grade on the Dutch 1–10 scale; null for a course graded pass/fail. */
  dutchGrade: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string(key('invalid.value')).trim().max(20, key('invalid.tooLong')).nullable()),
  passFail: z.boolean(key('invalid.value')),
};

export const gradeInput = z.object({ petitionId: id, ...gradeFields });
export type GradeInput = z.output<typeof gradeInput>;
export const gradeCorrection = z.object({ registrationId: id, ...gradeFields });
export type GradeCorrection = z.output<typeof gradeCorrection>;

export const gradeRegistration = z.object({
  id: z.number().int(),
  petitionId: z.number().int(),
  decisionId: z.number().int(),
  decisionNumber: z.string(),
  transcriptAttachmentId: z.number().int(),
  transcriptFileName: z.string(),
  originalGrade: z.string(),
  /** Null for a pass/fail course: uSis shows "pass". */
  convertedGrade: z.number().nullable(),
  result: z.enum(GRADE_RESULTS),
  creditedEc: z.number().int(),
  registeredOn: z.string(),
  registeredBy: z.string(),
  replacesId: z.number().int().nullable(),
  /** Set when a correction replaced this registration: both stay visible. */
  replacedById: z.number().int().nullable(),
  petitionStatus: z.enum(PETITION_STATUSES),
});
export type GradeRegistration = z.output<typeof gradeRegistration>;

export const gradesApi = {
  'grades.awaiting': { input: awaitingQuery, output: z.array(awaitingRow) },
  'grades.register': { input: gradeInput, output: gradeRegistration },
  'grades.correct': { input: gradeCorrection, output: gradeRegistration },
  /** Every registration of a petition, corrected ones included, oldest first. */
  'grades.ofPetition': { input: z.object({ petitionId: id }), output: z.array(gradeRegistration) },
} as const;
