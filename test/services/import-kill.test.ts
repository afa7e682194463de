// A process killed (SIGKILL) in the middle of an import of 10,000 rows leaves a register that
// passes its integrity check and holds all or none of the import: the import is one transaction.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegister } from '../../db/register';
import { cleanUp, countRows, openTestRegister, projectRoot, track, type RowCounts } from '../support/register';

const ROWS = 10_000;

afterEach(cleanUp);

/** Starts the importing process, waits until it begins the import, kills it after `delayMs`. */
function killDuringImport(file: string, delayMs: number): Promise<{ signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/support/import-kill-process.ts'), file], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (!timer && stdout.includes('importing\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === null && code !== 0) reject(new Error(`the importing process failed (${code}): ${stderr}`));
      else resolve({ signal, stdout });
    });
  });
}

describe('a SIGKILL in the middle of an import of 10,000 rows', () => {
  // Three different random moments between 50 and 1500 ms after the import began.
  const delays = [50 + Math.floor(Math.random() * 450), 500 + Math.floor(Math.random() * 500), 1000 + Math.floor(Math.random() * 500)];

  it.each(delays)('killed %i ms into the import: integrity ok, all or none of the rows', async (delayMs) => {
    const t = openTestRegister();
    const seeded = countRows(t.register);
    t.register.close();

    const run = await killDuringImport(t.file, delayMs);
    expect(run.stdout.startsWith('importing\n')).toBe(true);

    const reopened = track(openRegister(t.file));
    expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const after: RowCounts = countRows(reopened);
    if (run.signal === 'SIGKILL' && !run.stdout.includes('imported')) {
      // Killed before the commit returned: none or (committed just before the kill) all.
      expect([seeded.petitions, seeded.petitions + ROWS]).toContain(after.petitions);
    } else {
      expect(after.petitions).toBe(seeded.petitions + ROWS);
    }
    if (after.petitions === seeded.petitions) expect(after).toEqual(seeded);
    else expect(after.students).toBe(seeded.students + ROWS);
  }, 60_000);
});
