// Run by test/db/readonly.test.ts as user nobody, on a register in a folder nobody may not write:
// opens it the ordinary way (no option), reads it, and tries one write of each kind. Settings are
// written back with the values just read, so a write that went through would still show in the file.
// Usage: node --import tsx test/support/open-readonly-folder-process.ts <register path>
import { openRegister } from '../../db/register';
import { dispatch, errorBody } from '../../electron/services/dispatch';
import type { ServiceContext } from '../../electron/services/context';
import { petitionForm } from './register';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: open-readonly-folder-process.ts <register path>');

const now = () => new Date('2025-03-01T12:00:00.000Z');
let register;
try {
  register = openRegister(file, { actor: 'reader', now });
} catch (error) {
  // A refusal is what some cases expect: report it as the app would show it, in both languages.
  const body = { en: errorBody(error, 'en'), nl: errorBody(error, 'nl') };
  process.stdout.write(`${JSON.stringify({ refused: body })}\n`);
  process.exit(0);
}
const ctx: ServiceContext = { register, actor: 'reader', now };
const read = <T>(result: { ok: boolean; value?: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.value as T;
};

const list = dispatch(ctx, 'petitions.list', {}, 'en');
const info = dispatch(ctx, 'register.info', {}, 'en');
const first = read<{ rows: Array<{ id: number }> }>(list).rows[0];
const writes = {
  'petitions.create': dispatch(ctx, 'petitions.create', petitionForm({ studentNumber: 's7654321' }), 'nl'),
  'petitions.withdraw': dispatch(ctx, 'petitions.withdraw', { id: first?.id ?? 1 }, 'en'),
  'settings.updateDeadlines': dispatch(ctx, 'settings.updateDeadlines', read(dispatch(ctx, 'settings.deadlines', {}, 'en')), 'en'),
  'settings.updateDecisions': dispatch(ctx, 'settings.updateDecisions', read(dispatch(ctx, 'settings.decisions', {}, 'en')), 'en'),
  'retention.updateSettings': dispatch(ctx, 'retention.updateSettings', read(dispatch(ctx, 'retention.settings', {}, 'en')), 'en'),
};
const listAfter = dispatch(ctx, 'petitions.list', {}, 'en');
register.close();
process.stdout.write(`${JSON.stringify({ readOnly: register.readOnly, list, info, writes, listAfter })}\n`);
