// The zod schemas of the register's records: one source for the form's validation, the API's
// input parsing in the main process, and the types on both sides. Error messages are catalogue
// keys (shared/i18n), turned into sentences where a person reads them.
import { z } from 'zod';
import { PETITION_STATUSES, STUDENT_NUMBER_PATTERN } from './domain';
import type { MessageKey } from './i18n';
import { INSTITUTION_KINDS, LEVELS, SEVERITIES, isCalendarDate, parseLevel, type Level } from './rules';

const key = (k: MessageKey) => ({ error: k });

const requiredText = (max: number) =>
  z
    .string(key('invalid.required'))
    .trim()
    .min(1, key('invalid.required'))
    .max(max, key('invalid.tooLong'));

const optionalText = (max: number) =>
  z
    .string(key('invalid.value'))
    .trim()
    .max(max, key('invalid.tooLong'))
    .default('');

/** A calendar date as YYYY-MM-DD that exists (no 2024-02-30). */
export const calendarDate = z
  .string(key('invalid.date'))
  .trim()
  .refine((s) => isCalendarDate(s), key('invalid.date'));

/** An empty field means "not known". */
const optionalDate = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  calendarDate.nullable(),
);

/** People type "7,5" as often as "7.5"; anything that is not a plain decimal number is refused. */
export function parseDecimal(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

export const ecField = z.preprocess(
  parseDecimal,
  z.number(key('invalid.ec')).gt(0, key('invalid.ecRange')).lte(60, key('invalid.ecRange')),
);

export const levelField = z.custom<Level>().transform((value, ctx) => {
  try {
    return parseLevel(value as string | number);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'invalid.level' });
    return z.NEVER;
  }
});

export const studentNumberField = z
  .string(key('invalid.studentNumber'))
  .trim()
  .regex(STUDENT_NUMBER_PATTERN, key('invalid.studentNumber'));

export const petitionInput = z.object({
  studentNumber: studentNumberField,
  givenName: requiredText(100),
  familyName: requiredText(100),
  email: z.string(key('invalid.email')).trim().pipe(z.email(key('invalid.email'))),
  courseCode: requiredText(40),
  courseTitle: requiredText(300),
  institution: requiredText(200),
  institutionKind: z.enum(INSTITUTION_KINDS, key('invalid.institutionKind')),
  country: optionalText(100),
  ec: ecField,
  level: levelField,
  courseStartDate: optionalDate,
  honours: z.boolean(key('invalid.value')).default(false),
  submittedOn: calendarDate,
  motivation: optionalText(10_000),
});
export type PetitionInput = z.output<typeof petitionInput>;

export const petitionStatus = z.enum(PETITION_STATUSES);
export const levelValue = z.literal(LEVELS);

export const finding = z.object({
  rule: z.string(),
  severity: z.enum(SEVERITIES),
  message: z.object({ en: z.string(), nl: z.string() }),
});

/** What the form needs to run the rules live: the student as the register knows them, and their other petitions. */
export const rulesContext = z.object({
  student: z.object({ givenName: z.string(), familyName: z.string(), email: z.string() }).nullable(),
  otherPetitions: z.array(
    z.object({ courseId: z.string(), ec: z.number(), level: levelValue, standing: z.enum(['approved', 'pending']) }),
  ),
});
export type RulesContext = z.output<typeof rulesContext>;

export const REGISTER_SORT_COLUMNS = [
  'studentNumber',
  'name',
  'course',
  'institution',
  'ec',
  'level',
  'findings',
  'status',
  'submittedOn',
] as const;
export type RegisterSortColumn = (typeof REGISTER_SORT_COLUMNS)[number];

/** Stages of the board's work a petition passes through, for the register's filter. */
export const REGISTER_STAGES = ['awaiting_agenda', 'mt_agenda', 'advised', 'boex_agenda', 'decided'] as const;
export type RegisterStage = (typeof REGISTER_STAGES)[number];

/** What the register shows: one search box, filters, a sort, and a page of rows. */
export const petitionListQuery = z.object({
  search: z.string().max(200).default(''),
  statuses: z.array(petitionStatus).max(PETITION_STATUSES.length).default([]),
  institutionKinds: z.array(z.enum(INSTITUTION_KINDS)).max(INSTITUTION_KINDS.length).default([]),
  /** The start year of an academic year: 2025 is 25-26. */
  academicYear: z.number().int().min(1990).max(2100).nullable().default(null),
  hasErrors: z.boolean().default(false),
  /** Where a petition is in the board's work; a petition in any of the stages is shown. */
  stages: z.array(z.enum(REGISTER_STAGES)).max(REGISTER_STAGES.length).default([]),
  /** Petitions on this meeting's agenda. */
  meetingId: z.number().int().positive().nullable().default(null),
  /** Petitions waiting for a decision longer than the decision term (settings.deadlines). */
  overdue: z.boolean().default(false),
  sort: z.enum(REGISTER_SORT_COLUMNS).default('submittedOn'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export type PetitionListQuery = z.output<typeof petitionListQuery>;

export const petitionRow = z.object({
  id: z.number().int(),
  studentNumber: z.string(),
  studentName: z.string(),
  courseCode: z.string(),
  courseTitle: z.string(),
  institution: z.string(),
  institutionKind: z.enum(INSTITUTION_KINDS),
  ec: z.number(),
  level: levelValue,
  status: petitionStatus,
  submittedOn: z.string(),
  /** The most severe finding of the rules, or null when the petition breaks nothing. */
  findingSeverity: z.enum(SEVERITIES).nullable(),
  /** Days since submission while the petition waits for a decision; null once decided, withdrawn or a draft. */
  waitingDays: z.number().int().nullable(),
  /** Waiting longer than the decision term. */
  overdue: z.boolean(),
});
export type PetitionRow = z.output<typeof petitionRow>;

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  /** Names of the fields the change touched, for a readable timeline. */
  changed: z.array(z.string()),
  /** The file or decision a line is about, when it is about one. */
  subject: z.string().nullable(),
});
export type AuditEntry = z.output<typeof auditEntry>;

export const petitionDetail = z.object({
  id: z.number().int(),
  status: petitionStatus,
  submittedOn: z.string(),
  courseStartDate: z.string().nullable(),
  motivation: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  student: z.object({
    id: z.number().int(),
    studentNumber: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string(),
  }),
  course: z.object({
    id: z.number().int(),
    code: z.string(),
    title: z.string(),
    ec: z.number(),
    level: levelValue,
    honours: z.boolean(),
    /** How many other petitions are for this course: a change of its facts concerns them too. */
    petitionCount: z.number().int(),
  }),
  institution: z.object({
    id: z.number().int(),
    name: z.string(),
    country: z.string(),
    kind: z.enum(INSTITUTION_KINDS),
  }),
  findings: z.array(finding),
  /** While the petition waits for a decision: how long, until when, and whether the term has passed. */
  decisionClock: z.object({ waitingDays: z.number().int(), dueOn: z.string(), overdue: z.boolean() }).nullable(),
  history: z.array(auditEntry),
});
export type PetitionDetail = z.output<typeof petitionDetail>;

export const registerInfo = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  /** Opened read-only: the UI shows a banner and every write is refused with a sentence. */
  readOnly: z.boolean(),
  counts: z.object({
    petitions: z.number().int(),
    students: z.number().int(),
    institutions: z.number().int(),
    courses: z.number().int(),
    decisions: z.number().int(),
    auditRows: z.number().int(),
  }),
});
export type RegisterInfo = z.output<typeof registerInfo>;

const capStanding = z.object({
  approved: z.number(),
  pending: z.number(),
  limit: z.number(),
  remaining: z.number(),
  remainingIfPendingApproved: z.number(),
});

/**
 * A student's page: who they are, their EC standing against the caps (computed by the rules
 * module's ecStanding over the petitions that are not rejected or withdrawn), and every petition.
 */
export const studentDetail = z.object({
  student: z.object({
    id: z.number().int(),
    studentNumber: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string(),
  }),
  standing: z.object({ advanced: capStanding, introductory: capStanding }),
  /** Every petition of the student, whatever its status, newest submission first. */
  petitions: z.array(
    z.object({
      id: z.number().int(),
      status: petitionStatus,
      submittedOn: z.string(),
      courseCode: z.string(),
      courseTitle: z.string(),
      institution: z.string(),
      ec: z.number(),
      level: levelValue,
      findingSeverity: z.enum(SEVERITIES).nullable(),
    }),
  ),
});
export type StudentDetail = z.output<typeof studentDetail>;
