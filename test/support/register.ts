// What the data-layer suites stand on: real register files in a temporary folder (never a mocked
// database), a clock that can be read back, and a petition a secretary could have typed.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRegister, type OpenOptions, type Register } from '../../db/register';
import type { ServiceContext } from '../../electron/services/context';
import type { CallInput } from '../../shared/api';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

const folders: string[] = [];
const registers: Register[] = [];

/** A fresh folder under the system's temporary folder; removed by cleanUp(). */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boex-test-'));
  folders.push(dir);
  return dir;
}

/** Closes every register opened through openTestRegister and removes every temporary folder. */
export function cleanUp(): void {
  for (const register of registers.splice(0)) register.close();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Every name under a folder with a hash of its bytes: what a refused open must leave exactly as it
 * was, so a changed file, a stray -wal or -shm, or a new folder all show up as a difference.
 */
export function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  if (!existsSync(dir)) return state;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(dir, name);
    state[name] = statSync(full).isDirectory() ? 'folder' : sha256(full);
  }
  return state;
}

export const START = new Date('2025-03-01T09:30:00.000Z');

/** A clock one second further on every reading, so each audit row's time shows when it was taken. */
export function steppingClock(start = START): () => Date {
  let tick = 0;
  return () => new Date(start.getTime() + 1000 * tick++);
}

export interface TestRegister {
  dir: string;
  file: string;
  register: Register;
  ctx: ServiceContext;
}

/** A new register in a new temporary folder, with the context a service call runs with. */
export function openTestRegister(options: OpenOptions = {}): TestRegister {
  const dir = tempDir();
  const file = path.join(dir, 'register.db');
  const now = options.now ?? steppingClock();
  const register = openRegister(file, { actor: 'secretary', ...options, now });
  registers.push(register);
  return { dir, file, register, ctx: { register, actor: 'secretary', now } };
}

/** Keeps a register opened elsewhere in the test closed at cleanUp(). */
export function track(register: Register): Register {
  registers.push(register);
  return register;
}

export const COUNTED_TABLES = ['students', 'institutions', 'courses', 'petitions', 'audit_log'] as const;
export type RowCounts = Record<(typeof COUNTED_TABLES)[number], number>;

export function countRows(register: Register): RowCounts {
  const count = (table: string) => (register.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return Object.fromEntries(COUNTED_TABLES.map((table) => [table, count(table)])) as RowCounts;
}

/** Every row of the tables a petition touches, in id order: equal dumps mean nothing was stored or changed. */
export function dumpRows(register: Register): Record<(typeof COUNTED_TABLES)[number], unknown[]> {
  const rows = (table: string) => register.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  return Object.fromEntries(COUNTED_TABLES.map((table) => [table, rows(table)])) as Record<(typeof COUNTED_TABLES)[number], unknown[]>;
}

export type PetitionForm = CallInput<'petitions.create'>;

/** A petition that passes every check of the form: a master-level course at another university. */
export function petitionForm(change: Partial<PetitionForm> = {}): PetitionForm {
  return {
    studentNumber: 's1234567',
    givenName: 'Zoë',
    familyName: 'de Vries',
    email: 'z.de.vries@umail.leidenuniv.nl',
    courseCode: 'INFOMCV',
    courseTitle: 'Computer Vision',
    institution: 'Utrecht University',
    institutionKind: 'university',
    country: 'Netherlands',
    ec: 7.5,
    level: 'master',
    courseStartDate: '2025-04-22',
    honours: false,
    submittedOn: '2025-02-10',
    motivation: 'The course complements my thesis on image analysis.',
    ...change,
  };
}
