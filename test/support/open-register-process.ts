// Run as a separate process by test/db/register.test.ts, so that several processes race to create
// the same new register, as the app and the CLI may. It loads everything, says "ready", and opens
// the register the moment a line arrives on stdin; the parent sends that line to all at once.
// Usage: node --import tsx test/support/open-register-process.ts <register path>
import { createInterface } from 'node:readline';
import { openRegister } from '../../db/register';
import { AppError } from '../../shared/errors';

const file = process.argv[2];
if (!file) throw new Error('usage: open-register-process.ts <register path>');

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await new Promise((resolve) => lines.once('line', resolve));
lines.close();

const startedAt = performance.timeOrigin + performance.now();
try {
  const register = openRegister(file, { actor: `process ${process.pid}` });
  process.stdout.write(`${JSON.stringify({ ok: true, startedAt, schemaVersion: register.schemaVersion })}\n`);
  register.close();
} catch (error) {
  const code = error instanceof AppError ? error.code : String(error);
  process.stdout.write(`${JSON.stringify({ ok: false, startedAt, code })}\n`);
  process.exitCode = 1;
}
