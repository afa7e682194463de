// Run as a separate process by test/services/decision-numbers.concurrency.test.ts: records one
// decision per agenda item given, through dispatch as the app and the CLI do, into a register that
// another process writes to at the same time. It loads everything, says "ready", and starts the
// moment a line arrives on stdin (the parent sends it to every process at once). A call refused
// as busy changed nothing and is tried again; every other refusal is reported. Between decisions
// it pauses briefly, as a person between clicks.
// Usage: node --import tsx test/support/record-decisions-process.ts <register path> <item id,item id,...>
import { createInterface } from 'node:readline';
import { openRegister } from '../../db/register';
import { dispatch } from '../../electron/services/dispatch';

const [file, list] = process.argv.slice(2);
if (!file || !list) throw new Error('usage: record-decisions-process.ts <register path> <item ids>');
const items = list.split(',').map(Number);

const actor = `process ${process.pid}`;
const now = () => new Date('2025-03-01T12:00:00.000Z');
const register = openRegister(file, { actor, now });
const ctx = { register, actor, now };

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise((resolve) => lines.once('line', resolve));
lines.close();

const startedAt = performance.timeOrigin + performance.now();
const numbers: string[] = [];
const refusals: string[] = [];
let busy = 0;
for (const agendaItemId of items) {
  for (;;) {
    const result = dispatch(ctx, 'decisions.record', {
      agendaItemId,
      outcome: 'approved',
      kind: 'individual',
      creditedEc: 7,
      level: 'master',
      institutionName: 'Utrecht University',
      reasoning: `Decided by ${actor}.`,
      decidedOn: '2025-02-27',
      signatory: 'Dr. A. Chair',
    }, 'en');
    if (result.ok) {
      numbers.push((result.value as { number: string }).number);
      // A decision is one person's click, not a tight loop: without a pause the process that holds
      // the lock takes it again at once and the other, asleep in SQLite's busy handler, may only
      // get in after all 200 (the writes would then not overlap, which is what this test is about).
      await new Promise((resolve) => setTimeout(resolve, 5));
      break;
    }
    if (result.error.code === 'busy') {
      busy += 1;
      continue;
    }
    refusals.push(`${agendaItemId}: ${result.error.code} ${result.error.message}`);
    break;
  }
}
register.close();
process.stdout.write(`${JSON.stringify({ startedAt, finishedAt: performance.timeOrigin + performance.now(), numbers, refusals, busy })}\n`);
