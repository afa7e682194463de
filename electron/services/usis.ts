// The uSis export. The Student Administration enters the board's registered results in uSis from a
// CSV file; a result must reach them once, so an export marks what it holds in the same immediate
// transaction that reads it (grade_registrations.usis_exported_at, one timestamp per export: the
// batch's identity), with one audit row. Only a petition's current registration is sent; a
// correction of a result already sent is a new registration, sent again and flagged as a correction.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { auditLog, courses, decisions, gradeRegistrations, petitions, students } from '../../db/schema';
import { AppError } from '../../shared/errors';
import type { Language } from '../../shared/i18n';
import type { UsisBatch, UsisDraft, UsisFile, UsisRow } from '../../shared/usis';
import { excelCsv } from '../pdf/excel-csv';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import type { Db } from './petition-facts';

const AUDIT_ENTITY = 'usis_export';

/** Not replaced by a later registration (a correction). */
const isCurrent = sql`NOT EXISTS (SELECT 1 FROM grade_registrations later WHERE later.replaces_id = ${gradeRegistrations.id})`;

function rowsWhere(db: Db, where: SQL | undefined): UsisRow[] {
  return db
    .select({
      registrationId: gradeRegistrations.id,
      petitionId: gradeRegistrations.petitionId,
      replacesId: gradeRegistrations.replacesId,
      studentNumber: students.studentNumber,
      givenName: students.givenName,
      familyName: students.familyName,
      // The course and institution as the decision approved them: what the student is credited for.
      courseCode: courses.code,
      courseTitle: courses.title,
      institutionName: decisions.institutionName,
      creditedEc: gradeRegistrations.creditedEc,
      convertedGrade: gradeRegistrations.convertedGrade,
      result: gradeRegistrations.result,
      decisionNumber: decisions.number,
      decidedOn: decisions.decidedOn,
      registeredOn: gradeRegistrations.registeredOn,
    })
    .from(gradeRegistrations)
    .innerJoin(decisions, eq(decisions.id, gradeRegistrations.decisionId))
    .innerJoin(courses, eq(courses.id, decisions.courseId))
    .innerJoin(petitions, eq(petitions.id, gradeRegistrations.petitionId))
    .innerJoin(students, eq(students.id, petitions.studentId))
    .where(where)
    .orderBy(asc(gradeRegistrations.id))
    .all()
    .map(({ replacesId, givenName, familyName, ...r }) => ({
      ...r,
      studentName: `${givenName} ${familyName}`,
      correction: replacesSentResult(db, replacesId),
    }));
}

/**
 * Whether an earlier registration in the chain a correction replaces was sent to uSis. A replaced
 * registration can no longer be exported, so the answer never changes once a row is exported:
 * a batch downloaded again says the same.
 */
function replacesSentResult(db: Db, replacesId: number | null): boolean {
  let id = replacesId;
  while (id !== null) {
    const earlier = db
      .select({ replacesId: gradeRegistrations.replacesId, exportedAt: gradeRegistrations.usisExportedAt })
      .from(gradeRegistrations)
      .where(eq(gradeRegistrations.id, id))
      .get();
    if (!earlier) return false;
    if (earlier.exportedAt !== null) return true;
    id = earlier.replacesId;
  }
  return false;
}

const pending = and(isCurrent, isNull(gradeRegistrations.usisExportedAt));

export function pendingResults(ctx: ServiceContext): UsisRow[] {
  return rowsWhere(ctx.register.db, pending);
}

const WORDS = {
  en: {
    header: [
      'Student number',
      'Name',
      'Course code',
      'Course title',
      'Institution',
      'EC',
      'Grade',
      'Result',
      'Decision number',
      'Decision date',
      'Registered on',
      'Correction',
    ],
    pass: 'pass',
    result: { pass: 'pass', fail: 'fail' },
    yes: 'yes',
    no: 'no',
  },
  nl: {
    header: [
      'Studentnummer',
      'Naam',
      'Vakcode',
      'Vaknaam',
      'Instelling',
      'EC',
      'Cijfer',
      'Resultaat',
      'Besluitnummer',
      'Besluitdatum',
      'Geregistreerd op',
      'Correctie',
    ],
    // uSis's own code for a pass without a number (voldaan).
    pass: 'V',
    result: { pass: 'voldaan', fail: 'niet voldaan' },
    yes: 'ja',
    no: 'nee',
  },
} as const;


/** 7.5 → "7,5", 8 → "8,0": the Dutch decimal comma, one decimal as uSis shows grades. */
function gradeText(grade: number | null, language: Language): string {
  if (grade === null) return WORDS[language].pass;
  return grade.toFixed(1).replace('.', ',');
}

/**
 * The file for the Student Administration: UTF-8 with a byte order mark (without it Excel reads
 * UTF-8 as the Windows code page and mangles Łukasz or Дмитрий), a header row, CRLF line ends,
 * RFC 4180 quoting. Semicolons and decimal commas in both languages, as in the decision list:
 * Excel splits a file it opens on the list separator of the computer's regional settings, and the
 * university's Dutch settings use the semicolon because the comma is their decimal separator, so
 * "7,5" stays one cell and is read as the number 7.5. Dates are ISO 8601 (2025-02-27), which Excel
 * reads as dates in either setting.
 */
export function usisCsv(rows: UsisRow[], language: Language): string {
  const words = WORDS[language];
  const data = rows.map((r) => [
    r.studentNumber,
    r.studentName,
    r.courseCode,
    r.courseTitle,
    r.institutionName,
    r.creditedEc,
    gradeText(r.convertedGrade, language),
    words.result[r.result],
    r.decisionNumber,
    r.decidedOn,
    r.registeredOn,
    r.correction ? words.yes : words.no,
  ]);
  return excelCsv(words.header, data);
}

/** "usis-export-2025-03-01-093000.csv": the batch's moment in UTC, the same on every re-export. */
export function usisFileName(exportedAt: string): string {
  const [date, time = ''] = exportedAt.split('T');
  return `usis-export-${date}-${time.slice(0, 8).replaceAll(':', '')}.csv`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The moment of a new batch: now, or just after the latest batch when the clock says otherwise
 * (a clock set back, two exports within a millisecond), so batches never merge and keep their order.
 */
function batchMoment(tx: Db, now: Date): string {
  const latest = tx
    .select({ at: sql<string | null>`max(${gradeRegistrations.usisExportedAt})` })
    .from(gradeRegistrations)
    .get()?.at;
  if (latest && latest >= now.toISOString()) return new Date(Date.parse(latest) + 1).toISOString();
  return now.toISOString();
}

/** The file of the pending results, named by the moment it was made, without marking anything. */
export function pendingFile(ctx: ServiceContext, input: { language: Language }): UsisDraft {
  const rows = rowsWhere(ctx.register.db, pending);
  if (rows.length === 0) throw new AppError('usis_nothing_pending', 'usis.error.nothingPending');
  const csv = usisCsv(rows, input.language);
  return { csv, fileName: usisFileName(ctx.now().toISOString()), count: rows.length, sha256: sha256(csv) };
}

/**
 * Marks every pending result exported and returns its file, in one immediate transaction. When
 * `expectedCsv` is given (the command line wrote that file first), or the SHA-256 of the file the
 * page saved (usis.file), the export goes ahead only if the pending results would still make
 * exactly that file, so what is marked is what was written.
 */
export function exportPending(ctx: ServiceContext, input: { language: Language; sha256?: string | undefined }, expectedCsv?: string): UsisFile {
  return ctx.register.db.transaction(
    (tx) => {
      const rows = rowsWhere(tx, pending);
      if (rows.length === 0) throw new AppError('usis_nothing_pending', 'usis.error.nothingPending');
      const csv = usisCsv(rows, input.language);
      const unlike = (expectedCsv !== undefined && csv !== expectedCsv) || (input.sha256 !== undefined && sha256(csv) !== input.sha256);
      if (unlike) throw new AppError('usis_changed', 'usis.error.changed');
      const exportedAt = batchMoment(tx, ctx.now());
      const ids = rows.map((r) => r.registrationId);
      tx.update(gradeRegistrations)
        .set({ usisExportedAt: exportedAt })
        .where(and(pending, sql`${gradeRegistrations.id} IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`))
        .run();
      const fileName = usisFileName(exportedAt);
      writeAudit(tx, ctx, {
        action: 'export',
        entity: AUDIT_ENTITY,
        entityId: null,
        before: null,
        after: {
          exportedAt,
          count: rows.length,
          corrections: rows.filter((r) => r.correction).length,
          registrationIds: ids,
          language: input.language,
          fileName,
          sha256: sha256(csv),
        },
      });
      return { csv, fileName, count: rows.length, exportedAt };
    },
    { behavior: 'immediate' },
  );
}

/** The audit row of a batch: who exported it, and in which language. */
function auditOf(db: Db, exportedAt: string): { actor: string; language: Language | null } | null {
  const row = db
    .select({ actor: auditLog.actor, language: sql<string | null>`json_extract(${auditLog.after}, '$.language')` })
    .from(auditLog)
    .where(and(eq(auditLog.entity, AUDIT_ENTITY), eq(auditLog.action, 'export'), sql`json_extract(${auditLog.after}, '$.exportedAt') = ${exportedAt}`))
    .orderBy(desc(auditLog.id))
    .get();
  if (!row) return null;
  return { actor: row.actor, language: row.language === 'en' || row.language === 'nl' ? row.language : null };
}

export function usisBatches(ctx: ServiceContext): UsisBatch[] {
  const { db } = ctx.register;
  const batches = db
    .select({ exportedAt: sql<string>`${gradeRegistrations.usisExportedAt}`, count: sql<number>`count(*)` })
    .from(gradeRegistrations)
    .where(isNotNull(gradeRegistrations.usisExportedAt))
    .groupBy(gradeRegistrations.usisExportedAt)
    .orderBy(desc(gradeRegistrations.usisExportedAt))
    .all();
  return batches.map((b) => ({
    exportedAt: b.exportedAt,
    count: b.count,
    corrections: rowsWhere(db, eq(gradeRegistrations.usisExportedAt, b.exportedAt)).filter((r) => r.correction).length,
    exportedBy: auditOf(db, b.exportedAt)?.actor ?? null,
  }));
}

/** A past batch's file again, made from the register as it is; reads only. */
export function reexportBatch(ctx: ServiceContext, input: { exportedAt: string; language?: Language | undefined }): UsisFile {
  const { db } = ctx.register;
  const rows = rowsWhere(db, eq(gradeRegistrations.usisExportedAt, input.exportedAt));
  if (rows.length === 0) throw new AppError('not_found', 'usis.error.batchNotFound', { exportedAt: input.exportedAt });
  const language = input.language ?? auditOf(db, input.exportedAt)?.language ?? 'en';
  return { csv: usisCsv(rows, language), fileName: usisFileName(input.exportedAt), count: rows.length, exportedAt: input.exportedAt };
}
