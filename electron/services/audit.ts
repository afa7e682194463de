// The audit log: every change written in the same transaction as the change itself, so the log
// and the register can never disagree.
import { and, asc, eq } from 'drizzle-orm';
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

export function historyOf(db: RegisterDb, entity: string, entityId: number): AuditEntry[] {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id))
    .all()
    .map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      changed: changedFields(row.before as Snapshot, row.after as Snapshot),
    }));
}
