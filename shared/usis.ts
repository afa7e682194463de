// The uSis export: the registered results the Student Administration has not yet entered in uSis,
// as a CSV file, marked as exported in the same transaction so that nothing is sent twice. An
// export is a batch named by its moment (every row of one export carries the same timestamp);
// a past batch can be downloaded again without changing anything.
import { z } from 'zod';
import { GRADE_RESULTS } from './domain';
import { LANGUAGES, type MessageKey } from './i18n';

const key = (k: MessageKey) => ({ error: k });

/** The language of the file's header row and words (not of the app's sentences). */
const fileLanguage = z.enum(LANGUAGES, key('invalid.value'));

/** A batch's identity: the moment it was exported, as stored (ISO 8601, UTC, milliseconds). */
export const exportedAtField = z.iso.datetime({ ...key('usis.error.batchInvalid'), precision: 3 });

export const usisRow = z.object({
  registrationId: z.number().int(),
  petitionId: z.number().int(),
  studentNumber: z.string(),
  studentName: z.string(),
  courseCode: z.string(),
  courseTitle: z.string(),
  institutionName: z.string(),
  creditedEc: z.number().int(),
  /** Null for a course graded pass/fail: the file says "pass". */
  convertedGrade: z.number().nullable(),
  result: z.enum(GRADE_RESULTS),
  decisionNumber: z.string(),
  decidedOn: z.string(),
  registeredOn: z.string(),
  /** True when it replaces a result already sent to uSis: the Student Administration changes that one. */
  correction: z.boolean(),
});
export type UsisRow = z.output<typeof usisRow>;

export const usisFile = z.object({
  /** UTF-8 text that starts with a byte order mark, so that Excel reads its names right. */
  csv: z.string(),
  fileName: z.string(),
  count: z.number().int(),
  exportedAt: z.string(),
});
export type UsisFile = z.output<typeof usisFile>;

/** The file of the pending results before anything is marked, with its SHA-256 to mark exactly it. */
export const usisDraft = usisFile.omit({ exportedAt: true }).extend({ sha256: z.string() });
export type UsisDraft = z.output<typeof usisDraft>;

export const usisBatch = z.object({
  exportedAt: z.string(),
  count: z.number().int(),
  corrections: z.number().int(),
  /** Who exported it, from the audit log; null where the audit row is gone. */
  exportedBy: z.string().nullable(),
});
export type UsisBatch = z.output<typeof usisBatch>;

export const usisApi = {
  /** Current registrations (not replaced by a correction) not yet exported, oldest first. */
  'usis.pending': { input: z.object({}), output: z.array(usisRow) },
  /** The file of the pending results, to save first; marks nothing. */
  'usis.file': { input: z.object({ language: fileLanguage }), output: usisDraft },
  /**
   * Marks every pending result exported, in one transaction, and returns the file. With the SHA-256
   * of a file made by usis.file, only when the pending results still make exactly that file.
   */
  'usis.export': {
    input: z.object({ language: fileLanguage, sha256: z.string().regex(/^[0-9a-f]{64}$/, key('invalid.value')).optional() }),
    output: usisFile,
  },
  /** Past exports, newest first. */
  'usis.batches': { input: z.object({}), output: z.array(usisBatch) },
  /** A past export's file again; changes nothing. Without a language, the one it was exported in. */
  'usis.reexport': { input: z.object({ exportedAt: exportedAtField, language: fileLanguage.optional() }), output: usisFile },
} as const;
