// Retention of personal data: how long the register keeps a student's personal data after the last
// decision on their petitions, the students past that date, and the purge that removes it while the
// decided petitions stay in the statistics (anonymous, with their decision numbers).
import { z } from 'zod';
import { STUDENT_NUMBER_PATTERN } from './domain';
import type { MessageKey } from './i18n';

const key = (k: MessageKey) => ({ error: k });

/** Seven years is the default to agree with the university's archivist (README, "Retention"). */
export const DEFAULT_RETENTION_YEARS = 7;

export const retentionSettings = z.object({
  years: z.number(key('retention.invalid.years')).int(key('retention.invalid.years')).min(1, key('retention.invalid.years')).max(100, key('retention.invalid.years')),
});
export type RetentionSettings = z.output<typeof retentionSettings>;

/**
 * Why a student past the retention period cannot be purged yet: a petition still open (waiting for
 * a decision, or approved and waiting for its grade), or a registered grade not yet exported to uSis.
 */
export const PURGE_BLOCKS = ['open', 'unexported'] as const;
export type PurgeBlock = (typeof PURGE_BLOCKS)[number];

export const dueStudent = z.object({
  studentNumber: z.string(),
  name: z.string(),
  /** The latest decision date on the student's petitions (their last change when none was decided). */
  lastDecisionOn: z.string(),
  /** The last decision date plus the retention period: from this day on the data may be purged. */
  dueSince: z.string(),
  petitionCount: z.number().int(),
  /** Null when the student can be purged now; otherwise what keeps their data. */
  blockedBy: z.enum(PURGE_BLOCKS).nullable(),
});
export type DueStudent = z.output<typeof dueStudent>;

export const purgeInput = z.object({
  studentNumbers: z
    .array(z.string(key('invalid.studentNumber')).trim().regex(STUDENT_NUMBER_PATTERN, key('invalid.studentNumber')), key('retention.invalid.selection'))
    .min(1, key('retention.invalid.selection'))
    .max(100_000),
  /** The count the person confirmed: the purge is refused unless it is the number of students purged. */
  confirmCount: z.number(key('retention.invalid.confirmCount')).int(key('retention.invalid.confirmCount')),
});
export type PurgeInput = z.output<typeof purgeInput>;

export const purgeResult = z.object({
  purged: z.number().int(),
  petitions: z.number().int(),
  attachments: z.number().int(),
  /**
   * False when the file could not be compacted after the purge (another program reading it, a disk
   * too full for the vacuum's copy, …): the purge is committed, but freed pages may still hold traces.
   */
  compacted: z.boolean(),
});
export type PurgeResult = z.output<typeof purgeResult>;

export const retentionApi = {
  'retention.settings': { input: z.object({}), output: retentionSettings },
  'retention.updateSettings': { input: retentionSettings, output: retentionSettings },
  /**
   * Students whose retention period has ended: those who can be purged first, longest due first,
   * then those who cannot be purged yet, with the reason.
   */
  'retention.due': { input: z.object({}), output: z.array(dueStudent) },
  'retention.purge': { input: purgeInput, output: purgeResult },
} as const;
