// Run as a separate process by test/services/import-kill.test.ts: imports a generated CSV of
// 10,000 petitions through the same call the UI uses, and is killed (SIGKILL: no rollback, no
// cleanup, no close) by the test at a random moment. The register must hold all or none of them.
// Usage: node --import tsx test/support/import-kill-process.ts <register path>
import { openRegister } from '../../db/register';
import { importCsv } from '../../electron/services/bench';
import { dispatch } from '../../electron/services/dispatch';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: import-kill-process.ts <register path>');

const now = () => new Date('2026-11-20T12:00:00.000Z');
const register = openRegister(file, { actor: 'killed process', now });
const csv = importCsv(10_000, 1);

process.stdout.write('importing\n');
const result = dispatch({ register, actor: 'killed process', now }, 'petitions.import', { csv, fileName: 'kill.csv' }, 'en');
register.close();
process.stdout.write(result.ok ? 'imported\n' : `refused: ${result.error.message}\n`);
