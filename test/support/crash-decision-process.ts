// Run as a separate process by test/services/decisions.test.ts: records a decision on an agenda
// item and dies (SIGKILL: no rollback, no cleanup, no close) the moment the decision row, with its
// number, has been inserted inside the transaction. The register must hold neither afterwards.
// With `batch`, it records a BoEx meeting's batch instead and dies as the given decision of the
// batch (1 = the first) is inserted: the register must hold none of the batch afterwards.
// Usage: node --import tsx test/support/crash-decision-process.ts <register path> <agenda item id>
//        node --import tsx test/support/crash-decision-process.ts <register path> batch <meeting id> <die at decision n>
import { openRegister } from '../../db/register';
import { dispatch } from '../../electron/services/dispatch';

const [file, item, meetingId, dieAt] = process.argv.slice(2);
if (!file || !item) throw new Error('usage: crash-decision-process.ts <register path> <agenda item id> | batch <meeting id> <n>');
const batch = item === 'batch';
let inserted = 0;

const now = () => new Date('2025-03-01T12:00:00.000Z');
const register = openRegister(file, { actor: 'crashing process', now });
register.sqlite.function('boex_crash', () => {
  inserted += 1;
  if (batch && inserted < Number(dieAt)) return null;
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL to oneself is delivered before kill() returns; never let the transaction go on.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  return null;
});
register.sqlite.exec('CREATE TEMP TRIGGER crash AFTER INSERT ON main.decisions BEGIN SELECT boex_crash(); END');

process.stdout.write('deciding\n');
const ctx = { register, actor: 'crashing process', now };
const result = batch
  ? dispatch(ctx, 'decisions.recordBatch', { meetingId: Number(meetingId), decidedOn: '2025-02-27', signatory: 'Dr. A. Chair' }, 'en')
  : dispatch(ctx, 'decisions.record', {
  agendaItemId: Number(item),
  outcome: 'approved',
  kind: 'individual',
  creditedEc: 7,
  level: 'master',
  institutionName: 'Utrecht University',
  reasoning: 'Never stored.',
  decidedOn: '2025-02-27',
  signatory: 'Dr. A. Chair',
}, 'en');
// Reached only if the crash did not happen.
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exitCode = 3;
