// The audit log: every change written in the same transaction as the change itself, so the log
// and the register can never disagree.
import { and, asc, eq, notInArray, or, sql } from 'drizzle-orm';
import type { RegisterDb } from '../../db/register';
import { auditLog } from '../../db/schema';
import type { AuditEntry } from '../../shared/schemas';
import type { ServiceContext } from './context';

/** A transaction handle or the database itself: both can write. */
type Writer = Pick<RegisterDb, 'insert'>;
type Snapshot = Record<string, unknown> | null;

export function writeAudit(
  tx: Writer,
  ctx: ServiceContext,
  entry: { action: string; entity: string; entityId: number | null; before: Snapshot; after: Snapshot },
): void {
  tx.insert(auditLog)
    .values({ at: ctx.now().toISOString(), actor: ctx.actor, ...entry })
    .run();
}

/** Fields whose values differ between two snapshots, in the order of the newer one. */
export function changedFields(before: Snapshot, after: Snapshot): string[] {
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(after), ...Object.keys(before)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * Entities whose audit rows belong to a petition's history; their snapshots name the petition.
 * Putting a petition on an agenda and recording advice already show as the petition's own status
 * rows; a decision and a grade show by their entity rows, which name the number or the transcript.
 */
const PETITION_PARTS = ['attachment', 'decision', 'grade_registration'];
/** The petition's own rows that repeat an entity row shown beside them. */
const TWINNED_ACTIONS = ['decide', 'correct', 'grade.register', 'grade.correct'];

/** A petition's history: its own rows, and those of its attachments, decisions and grades. */
export function historyOf(db: RegisterDb, entity: 'petition', entityId: number): AuditEntry[] {
  const part = sql`(${auditLog.entity} IN (${sql.join(PETITION_PARTS.map((p) => sql`${p}`), sql`, `)})
    AND json_extract(coalesce(${auditLog.after}, ${auditLog.before}), '$.petitionId') = ${entityId})`;
  return db
    .select()
    .from(auditLog)
    .where(or(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId), notInArray(auditLog.action, TWINNED_ACTIONS)), part))
    .orderBy(asc(auditLog.id))
    .all()
    .map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      changed: changedFields(row.before as Snapshot, row.after as Snapshot),
      subject: subjectOf((row.after ?? row.before) as Snapshot),
    }));
}

/** What a history line names: a file's name, a decision's number. */
function subjectOf(snapshot: Snapshot): string | null {
  const value = snapshot?.fileName ?? snapshot?.number;
  return typeof value === 'string' ? value : null;
}
