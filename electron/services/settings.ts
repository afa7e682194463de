// The decision settings: the number template and the signatories the decision form offers. Kept
// as one JSON value under the key 'decisions' in the settings table; a register without it uses
// the defaults, and a change is audited in the same transaction.
import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import { AppError } from '../../shared/errors';
import { decisionSettings, type DecisionSettings } from '../../shared/meetings';
import { DEFAULT_DECISION_TEMPLATE, formatDecisionNumber } from '../../shared/rules';
import type { ServiceContext } from './context';
import { saveSetting } from './setting-store';
import type { Db } from './petition-facts';

const KEY = 'decisions';

export const DEFAULT_DECISION_SETTINGS: DecisionSettings = { decisionNumberTemplate: DEFAULT_DECISION_TEMPLATE, signatories: [] };

/** The stored settings, or the defaults where nothing (or nothing readable) is stored. */
export function readDecisionSettings(db: Db): DecisionSettings {
  const row = db.select().from(settings).where(eq(settings.key, KEY)).get();
  if (!row) return DEFAULT_DECISION_SETTINGS;
  const parsed = decisionSettings.partial().safeParse(row.value);
  return parsed.success ? { ...DEFAULT_DECISION_SETTINGS, ...parsed.data } : DEFAULT_DECISION_SETTINGS;
}

export function getDecisionSettings(ctx: ServiceContext): DecisionSettings {
  return readDecisionSettings(ctx.register.db);
}

/**
 * The template is tried on a date before it is stored: one without {seq} (or {n}) would give every
 * decision the same number, and an unknown placeholder would end up in a signed letter.
 */
export function checkTemplate(template: string): void {
  const unknown = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').find((name) => !['ay', 'year', 'seq', 'n'].includes(name));
  if (unknown !== undefined) {
    throw new AppError('invalid_template', 'decision.error.templateUnknown', { placeholder: `{${unknown}}` }, { decisionNumberTemplate: 'decision.error.templateUnknown' });
  }
  try {
    formatDecisionNumber(template, { date: '2000-01-01', seq: 1 });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new AppError('invalid_template', 'decision.error.templateNoSeq', {}, { decisionNumberTemplate: 'decision.error.templateNoSeq' });
  }
}

export function updateDecisionSettings(ctx: ServiceContext, input: DecisionSettings): DecisionSettings {
  checkTemplate(input.decisionNumberTemplate);
  saveSetting(ctx, KEY, input, { read: readDecisionSettings });
  return getDecisionSettings(ctx);
}
