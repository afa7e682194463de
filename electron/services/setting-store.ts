// Every setting is one JSON value under its key in the settings table. Saving one is the same for
// all of them: one immediate transaction that stores the value and its audit row, or does nothing
// when the value stored is already this one.
import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import type { Db } from './petition-facts';

export function saveSetting<T extends object>(
  ctx: ServiceContext,
  key: string,
  value: T,
  { read, audited = (v) => ({ key, ...v }) }: { read: (db: Db) => T; audited?: (value: T) => Record<string, unknown> },
): void {
  ctx.register.db.transaction(
    (tx) => {
      const stored = tx.select({ key: settings.key }).from(settings).where(eq(settings.key, key)).get();
      const previous = read(tx);
      if (stored && JSON.stringify(previous) === JSON.stringify(value)) return;
      const now = ctx.now().toISOString();
      tx.insert(settings)
        .values({ key, value, updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
        .run();
      writeAudit(tx, ctx, { action: 'update', entity: 'settings', entityId: null, before: audited(previous), after: audited(value) });
    },
    { behavior: 'immediate' },
  );
}
