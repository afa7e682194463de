// The decision term, as one JSON value under the key 'deadlines' in the settings table; a register
// without it uses the eight weeks of the Awb. A change is audited in the same transaction.
import type { Statement } from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import { deadlineSettings, type DeadlineSettings } from '../../shared/deadlines';
import { DEFAULT_DECISION_TERM_WEEKS } from '../../shared/rules';
import type { ServiceContext } from './context';
import { saveSetting } from './setting-store';
import { localDate } from './decision-numbers';
import type { Db } from './petition-facts';

const KEY = 'deadlines';
const DEFAULTS: DeadlineSettings = { decisionTermWeeks: DEFAULT_DECISION_TERM_WEEKS };

export function readDeadlineSettings(db: Db): DeadlineSettings {
  const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
  const parsed = row ? deadlineSettings.safeParse(row.value) : null;
  return parsed?.success ? parsed.data : DEFAULTS;
}

export function getDeadlineSettings(ctx: ServiceContext): DeadlineSettings {
  return readDeadlineSettings(ctx.register.db);
}

export function updateDeadlineSettings(ctx: ServiceContext, input: DeadlineSettings): DeadlineSettings {
  saveSetting(ctx, KEY, input, { read: readDeadlineSettings });
  return getDeadlineSettings(ctx);
}

/** Today on the secretary's calendar and the decision term: what every clock in a list is read against. */
export interface RegisterClock {
  today: string;
  termWeeks: number;
}

// Every list reads the term, so its statement is prepared once per open register.
const termStatements = new WeakMap<object, Statement>();

export function registerClock(ctx: ServiceContext): RegisterClock {
  const { sqlite } = ctx.register;
  let statement = termStatements.get(sqlite);
  if (!statement) termStatements.set(sqlite, (statement = sqlite.prepare(`SELECT value FROM settings WHERE key = '${KEY}'`).pluck()));
  const stored = statement.get() as string | undefined;
  const parsed = stored === undefined ? null : deadlineSettings.safeParse(JSON.parse(stored));
  return { today: localDate(ctx.now()), termWeeks: (parsed?.success ? parsed.data : DEFAULTS).decisionTermWeeks };
}
