// The register's data model (SPEC.md, "Data the register keeps"). drizzle-kit turns this file into
// the committed SQL migrations in db/migrations; change it only together with a new migration.
import { sql, type SQL } from 'drizzle-orm';
import {
  blob,
  check,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import {
  ADVICE_KINDS,
  ATTACHMENT_KINDS,
  DECISION_KINDS,
  DECISION_OUTCOMES,
  GRADE_RESULTS,
  MEETING_BODIES,
  MEETING_STATUSES,
  PETITION_STATUSES,
} from '../shared/domain';
import { INSTITUTION_KINDS, LEVELS, SEVERITIES } from '../shared/rules';

/** CHECK (column IN (...)) from one of the domain's closed sets. */
function oneOf(column: AnySQLiteColumn, values: readonly (string | number)[]): SQL {
  return sql`${column} IN (${sql.raw(values.map((v) => `'${String(v)}'`).join(', '))})`;
}

/**
 * The orders a person reads levels and findings in, as SQL: the register sorts by these very
 * expressions, and the indexes below are built on them so that sorting walks an index.
 */
export const levelRankOf = (level: AnySQLiteColumn): SQL =>
  sql`(CASE ${level} WHEN '100' THEN 1 WHEN '200' THEN 2 WHEN 'introductory' THEN 2 WHEN '300' THEN 3 WHEN 'advanced' THEN 3 WHEN '400' THEN 4 WHEN 'master' THEN 4 WHEN '500' THEN 5 ELSE 6 END)`;
export const severityRankOf = (severity: AnySQLiteColumn): SQL =>
  sql`(CASE ${severity} WHEN 'error' THEN 3 WHEN 'warning' THEN 2 WHEN 'info' THEN 1 ELSE 0 END)`;

/** A calendar date as YYYY-MM-DD; SQLite's date() normalises 2024-02-30 to 2024-03-01, so a round trip proves it is real. */
function isDate(column: AnySQLiteColumn): SQL {
  return sql`date(${column}) IS ${column}`;
}

// Timestamps are ISO 8601 in UTC, written by the services (one clock, testable).
const createdAt = () => text('created_at').notNull();
const updatedAt = () => text('updated_at').notNull();

export const students = sqliteTable(
  'students',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    studentNumber: text('student_number').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    email: text('email').notNull(),
    /**
     * Set when the retention purge removed the student's personal data: the row stays, anonymised,
     * so their decided petitions still count in the statistics.
     */
    purgedOn: text('purged_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('students_student_number_unique').on(t.studentNumber),
    // The register sorts by name without regard to case.
    index('students_name_sort_idx').on(sql`${t.familyName} COLLATE NOCASE`, sql`${t.givenName} COLLATE NOCASE`),
    // A purged student keeps a marker instead of a number, so no real number can ever be mistaken for it.
    check(
      'students_student_number_form',
      sql`(${t.purgedOn} IS NULL AND ${t.studentNumber} GLOB 's[0-9][0-9][0-9][0-9][0-9][0-9][0-9]') OR (${t.purgedOn} IS NOT NULL AND ${t.studentNumber} GLOB 'purged-[0-9]*')`,
    ),
    check('students_purged_on_date', sql`${t.purgedOn} IS NULL OR ${isDate(t.purgedOn)}`),
    check('students_names_present', sql`length(trim(${t.givenName})) > 0 AND length(trim(${t.familyName})) > 0`),
  ],
);

export const institutions = sqliteTable(
  'institutions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    country: text('country').notNull().default(''),
    kind: text('kind', { enum: INSTITUTION_KINDS }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('institutions_name_unique').on(t.name),
    index('institutions_name_sort_idx').on(sql`${t.name} COLLATE NOCASE`),
    check('institutions_kind_known', oneOf(t.kind, INSTITUTION_KINDS)),
    check('institutions_name_present', sql`length(trim(${t.name})) > 0`),
  ],
);

/**
 * A course is identified by its institution and code. Its start date belongs to the petition,
 * because the same course runs every year and the timing rule is about the run the student takes.
 */
export const courses = sqliteTable(
  'courses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    ec: real('ec').notNull(),
    level: text('level').notNull(),
    honours: integer('honours', { mode: 'boolean' }).notNull().default(false),
    url: text('url'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('courses_institution_code_unique').on(t.institutionId, t.code),
    index('courses_title_sort_idx').on(sql`${t.title} COLLATE NOCASE`),
    index('courses_ec_idx').on(t.ec),
    index('courses_level_rank_idx').on(levelRankOf(t.level)),
    check('courses_ec_positive', sql`${t.ec} > 0 AND ${t.ec} <= 60`),
    check('courses_level_known', oneOf(t.level, LEVELS)),
    check('courses_code_present', sql`length(trim(${t.code})) > 0`),
    check('courses_title_present', sql`length(trim(${t.title})) > 0`),
  ],
);

export const petitions = sqliteTable(
  'petitions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    studentId: integer('student_id')
      .notNull()
      .references(() => students.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    courseStartDate: text('course_start_date'),
    submittedOn: text('submitted_on').notNull(),
    motivation: text('motivation').notNull().default(''),
    status: text('status', { enum: PETITION_STATUSES }).notNull().default('submitted'),
    /**
     * The most severe finding of the rules module, stored so the register can show and filter it
     * without running the rules for every row; recomputed for all of a student's petitions in the
     * same transaction as any change that can alter it (caps and duplicates span petitions).
     */
    findingSeverity: text('finding_severity', { enum: SEVERITIES }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('petitions_submitted_idx').on(t.submittedOn, t.id),
    index('petitions_finding_severity_idx').on(t.findingSeverity, t.submittedOn),
    index('petitions_severity_rank_idx').on(severityRankOf(t.findingSeverity), t.submittedOn),
    // Counting "has errors" at one kind of institution: the kind's courses, each a range of this index.
    index('petitions_severity_course_idx').on(t.findingSeverity, t.courseId),
    check('petitions_finding_severity_known', sql`${t.findingSeverity} IS NULL OR ${oneOf(t.findingSeverity, SEVERITIES)}`),
    index('petitions_status_idx').on(t.status, t.submittedOn),
    index('petitions_student_idx').on(t.studentId),
    index('petitions_course_idx').on(t.courseId),
    check('petitions_status_known', oneOf(t.status, PETITION_STATUSES)),
    check('petitions_submitted_on_date', isDate(t.submittedOn)),
    check('petitions_course_start_date', sql`${t.courseStartDate} IS NULL OR ${isDate(t.courseStartDate)}`),
  ],
);

/** Files kept inside the register, so that one backup of the file holds everything. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    petitionId: integer('petition_id')
      .notNull()
      .references(() => petitions.id),
    kind: text('kind', { enum: ATTACHMENT_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull(),
  },
  (t) => [
    index('attachments_petition_idx').on(t.petitionId),
    check('attachments_kind_known', oneOf(t.kind, ATTACHMENT_KINDS)),
    check('attachments_size_matches', sql`${t.sizeBytes} = length(${t.content})`),
  ],
);

export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    body: text('body', { enum: MEETING_BODIES }).notNull(),
    heldOn: text('held_on').notNull(),
    cutoffOn: text('cutoff_on'),
    location: text('location').notNull().default(''),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('planned'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meetings_held_on_idx').on(t.heldOn),
    check('meetings_body_known', oneOf(t.body, MEETING_BODIES)),
    check('meetings_status_known', oneOf(t.status, MEETING_STATUSES)),
    check('meetings_held_on_date', isDate(t.heldOn)),
    check('meetings_cutoff_on_date', sql`${t.cutoffOn} IS NULL OR ${isDate(t.cutoffOn)}`),
  ],
);

export const agendaItems = sqliteTable(
  'agenda_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    petitionId: integer('petition_id')
      .notNull()
      .references(() => petitions.id),
    // Not unique: reordering rewrites positions one row at a time, and SQLite has no deferred UNIQUE.
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('agenda_items_meeting_petition_unique').on(t.meetingId, t.petitionId),
    index('agenda_items_meeting_position_idx').on(t.meetingId, t.position),
    index('agenda_items_petition_idx').on(t.petitionId),
  ],
);

/** The MT Board's advice on one agenda item; its reasoning becomes part of the letter's reasons. */
export const advice = sqliteTable(
  'advice',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    petitionId: integer('petition_id')
      .notNull()
      .references(() => petitions.id),
    advice: text('advice', { enum: ADVICE_KINDS }).notNull(),
    reasoning: text('reasoning').notNull(),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [
    uniqueIndex('advice_agenda_item_unique').on(t.agendaItemId),
    index('advice_petition_idx').on(t.petitionId),
    check('advice_kind_known', oneOf(t.advice, ADVICE_KINDS)),
  ],
);

/**
 * A numbered BoEx decision. Never edited or deleted once its letter is issued: a correction is a
 * new decision that names the one it replaces. `series` and `seq` are the counter the number was
 * drawn from (an academic year, or one running counter); imported old numbers may have neither.
 */
export const decisions = sqliteTable(
  'decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    series: text('series'),
    seq: integer('seq'),
    kind: text('kind', { enum: DECISION_KINDS }).notNull(),
    outcome: text('outcome', { enum: DECISION_OUTCOMES }).notNull(),
    petitionId: integer('petition_id').references(() => petitions.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    meetingId: integer('meeting_id').references(() => meetings.id),
    creditedEc: integer('credited_ec').notNull(),
    level: text('level').notNull(),
    institutionName: text('institution_name').notNull(),
    reasoning: text('reasoning').notNull(),
    decidedOn: text('decided_on').notNull(),
    signatory: text('signatory').notNull(),
    replacesId: integer('replaces_id').references((): AnySQLiteColumn => decisions.id),
    letterIssuedAt: text('letter_issued_at'),
    letterSha256: text('letter_sha256'),
    createdAt: createdAt(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('decisions_number_unique').on(t.number),
    uniqueIndex('decisions_series_seq_unique').on(t.series, t.seq),
    index('decisions_petition_idx').on(t.petitionId),
    index('decisions_course_idx').on(t.courseId),
    index('decisions_meeting_idx').on(t.meetingId),
    check('decisions_kind_known', oneOf(t.kind, DECISION_KINDS)),
    check('decisions_outcome_known', oneOf(t.outcome, DECISION_OUTCOMES)),
    check('decisions_level_known', oneOf(t.level, LEVELS)),
    check('decisions_individual_has_petition', sql`${t.kind} = 'general' OR ${t.petitionId} IS NOT NULL`),
    check('decisions_credited_ec_whole', sql`${t.creditedEc} >= 0`),
    check('decisions_decided_on_date', isDate(t.decidedOn)),
    check('decisions_seq_positive', sql`${t.seq} IS NULL OR ${t.seq} >= 1`),
  ],
);

/** A grade registered from a certified transcript; a correction is a new row that replaces the old. */
export const gradeRegistrations = sqliteTable(
  'grade_registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    petitionId: integer('petition_id')
      .notNull()
      .references(() => petitions.id),
    decisionId: integer('decision_id')
      .notNull()
      .references(() => decisions.id),
    transcriptAttachmentId: integer('transcript_attachment_id')
      .notNull()
      .references(() => attachments.id),
    originalGrade: text('original_grade').notNull(),
    // Half points are exact in binary floating point, so REAL holds them without rounding.
    convertedGrade: real('converted_grade'),
    result: text('result', { enum: GRADE_RESULTS }).notNull(),
    creditedEc: integer('credited_ec').notNull(),
    registeredOn: text('registered_on').notNull(),
    registeredBy: text('registered_by').notNull(),
    replacesId: integer('replaces_id').references((): AnySQLiteColumn => gradeRegistrations.id),
    usisExportedAt: text('usis_exported_at'),
  },
  (t) => [
    index('grade_registrations_petition_idx').on(t.petitionId),
    check('grade_registrations_result_known', oneOf(t.result, GRADE_RESULTS)),
    check(
      'grade_registrations_converted_grade_half_point',
      sql`${t.convertedGrade} IS NULL OR (${t.convertedGrade} BETWEEN 1 AND 10 AND ${t.convertedGrade} * 2 = CAST(${t.convertedGrade} * 2 AS INTEGER) AND ${t.convertedGrade} <> 5.5)`,
    ),
    check('grade_registrations_registered_on_date', isDate(t.registeredOn)),
  ],
);

/** Settings are small JSON values under a key (letterhead, decision number template, …). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: updatedAt(),
});

/** Every change, written in the same transaction as the change itself. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId, t.id), index('audit_log_at_idx').on(t.at)],
);
