// Run as a child process by test/db/full-disk.test.ts, under `ulimit -f` when the disk is to be
// "full": opens the register, creates up to <count> petitions through the real services until one
// is refused, and prints what it committed, the refusal and the integrity check as one JSON line.
// Usage: node --import tsx test/db/full-disk-process.ts <register path> <count>
import { statSync } from 'node:fs';
import { openRegister } from '../../db/register';
import { dispatch } from '../../electron/services/dispatch';
import { petitionForm } from '../support/register';

const [file, countArg] = process.argv.slice(2);
if (!file || countArg === undefined) throw new Error('usage: full-disk-process.ts <register path> <count>');

const register = openRegister(file, { actor: 'secretary' });
const ctx = { register, actor: 'secretary', now: () => new Date('2025-03-01T09:30:00Z') };
const count = () => (register.sqlite.prepare('SELECT count(*) AS n FROM petitions').get() as { n: number }).n;
const before = count();
let committed = 0;
let refusal: { code: string; message: string } | null = null;
for (let i = 0; i < Number(countArg) && refusal === null; i++) {
  const n = before + i;
  const result = dispatch(
    ctx,
    'petitions.create',
    petitionForm({
      studentNumber: `s${String(3000000 + n)}`,
      familyName: `Student ${n}`,
      courseCode: `ULIM${n}`,
      courseTitle: `Course number ${n} ${'x'.repeat(200)}`,
      institution: `University ${n}`,
      motivation: `Motivation ${n}: ${'the course complements my thesis. '.repeat(20)}`,
    }),
    'en',
  );
  if (result.ok) committed++;
  else refusal = { code: result.error.code, message: result.error.message };
}
const integrity = register.sqlite.pragma('integrity_check', { simple: true }) as string;
const total = count();
register.close();
process.stdout.write(`${JSON.stringify({ before, committed, total, refusal, integrity, size: statSync(file).size })}\n`);
