// The term the board gives itself for a decision, kept as a setting of the register (the rules
// module holds the arithmetic: shared/rules/deadlines.ts).
import { z } from 'zod';
import type { MessageKey } from './i18n';

const key = (k: MessageKey) => ({ error: k });

export const deadlineSettings = z.object({
  /** Weeks from submission within which the board decides; eight by default (Awb 4:13). */
  decisionTermWeeks: z.number(key('deadlines.error.term')).int(key('deadlines.error.term')).min(1, key('deadlines.error.term')).max(52, key('deadlines.error.term')),
});
export type DeadlineSettings = z.output<typeof deadlineSettings>;

export const deadlinesApi = {
  'settings.deadlines': { input: z.object({}), output: deadlineSettings },
  'settings.updateDeadlines': { input: deadlineSettings, output: deadlineSettings },
} as const;
