// Opening a register: the one door to the file that holds a board's decisions. A new file must come
// out configured and stamped as a register; anything else (another program's file, a damaged or a
// newer register, a folder) must be refused with a sentence and left exactly as it was.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations, type Migration } from '../../db/migrations';
import { APPLICATION_ID, openRegister } from '../../db/register';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { START, cleanUp, folderState, projectRoot, sha256, steppingClock, tempDir, track } from '../support/register';

afterEach(cleanUp);

const migrations = readMigrations();
const KNOWN = migrations.length;

interface AuditRow {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
}

/** Reads a file through a plain connection of its own, as another program would. */
function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const auditRows = (db: Database.Database) => db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
const tableNames = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name);

function refusalOf(open: () => unknown): AppError {
  try {
    open();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the register to be refused, but it opened');
}

/** A register in WAL mode, as the app leaves it, with enough rows to fill a few hundred pages. */
function registerWithData(file: string): void {
  const register = openRegister(file, { now: () => START });
  const insert = register.sqlite.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
  register.sqlite.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`note.${i}`, JSON.stringify('x'.repeat(200)), START.toISOString());
  })();
  register.close();
}

describe('a new register', () => {
  it('is configured for safe writes, stamped as a register, and records its creation', () => {
    const file = path.join(tempDir(), 'register.db');
    const register = track(openRegister(file, { actor: 'secretary', now: () => START }));
    const pragma = (name: string) => register.sqlite.pragma(name, { simple: true });

    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pragma('synchronous')).toBe(2); // FULL: a committed decision survives a power cut
    expect(pragma('application_id')).toBe(APPLICATION_ID);
    expect(pragma('user_version')).toBe(KNOWN);
    expect(register.schemaVersion).toBe(KNOWN);
    expect(register.path).toBe(file);

    expect(auditRows(register.sqlite)).toEqual([
      {
        id: 1,
        at: START.toISOString(),
        actor: 'secretary',
        action: 'create',
        entity: 'register',
        entity_id: null,
        before: JSON.stringify({ schemaVersion: 0 }),
        after: JSON.stringify({ schemaVersion: KNOWN }),
      },
    ]);
  });

  it('keeps WAL mode, the stamp and the schema version in the file itself', () => {
    // journal_mode, application_id and user_version live in the file; the other pragmas are per
    // connection, which is why openRegister sets them on every open.
    const file = path.join(tempDir(), 'register.db');
    openRegister(file).close();
    const stored = inspect(file, (db) => ({
      journal: db.pragma('journal_mode', { simple: true }),
      applicationId: db.pragma('application_id', { simple: true }),
      version: db.pragma('user_version', { simple: true }),
    }));
    expect(stored).toEqual({ journal: 'wal', applicationId: APPLICATION_ID, version: KNOWN });
  });

  it('is opened again without any change: no second audit row, the same bytes', () => {
    const dir = tempDir();
    const file = path.join(dir, 'register.db');
    openRegister(file, { now: () => START }).close();
    const before = folderState(dir);

    const again = openRegister(file, { mustExist: true, now: () => new Date('2030-01-01T00:00:00Z') });
    expect(again.schemaVersion).toBe(KNOWN);
    expect(auditRows(again.sqlite).map((r) => r.action)).toEqual(['create']);
    again.close();

    expect(folderState(dir)).toEqual(before);
  });

  it('may be started in an empty file, as a file dialog creates for "new register"', () => {
    const file = path.join(tempDir(), 'new.db');
    writeFileSync(file, '');
    const register = track(openRegister(file));
    expect(register.schemaVersion).toBe(KNOWN);
    expect(auditRows(register.sqlite).map((r) => r.action)).toEqual(['create']);
  });
});

interface Refusal {
  what: string;
  /** Makes the path to open inside a fresh folder. */
  make(dir: string): string;
  options?: { mustExist?: boolean };
  code: string;
  key: string;
  params?: Record<string, unknown>;
}

const refusals: Refusal[] = [
  {
    what: 'a folder',
    make: (dir) => {
      mkdirSync(path.join(dir, 'registers'));
      return path.join(dir, 'registers');
    },
    code: 'register_directory',
    key: 'error.register.directory',
  },
  {
    what: 'a missing file when the register must exist',
    make: (dir) => path.join(dir, 'register.db'),
    options: { mustExist: true },
    code: 'register_missing',
    key: 'error.register.missing',
  },
  {
    what: 'a path inside a folder that does not exist',
    make: (dir) => path.join(dir, 'no such folder', 'register.db'),
    code: 'register_unreadable',
    key: 'error.register.unreadable',
  },
  {
    what: 'a text file',
    make: (dir) => {
      writeFileSync(path.join(dir, 'notes.txt'), 'Agenda MT Board, 3 March\n1. Petitions\n');
      return path.join(dir, 'notes.txt');
    },
    code: 'register_not_register',
    key: 'error.register.notRegister',
  },
  {
    what: 'a PNG image',
    make: (dir) => {
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2048)]);
      writeFileSync(path.join(dir, 'signature.png'), png);
      return path.join(dir, 'signature.png');
    },
    code: 'register_not_register',
    key: 'error.register.notRegister',
  },
  {
    what: 'random bytes',
    make: (dir) => {
      writeFileSync(path.join(dir, 'register.db'), randomBytes(8192));
      return path.join(dir, 'register.db');
    },
    code: 'register_not_register',
    key: 'error.register.notRegister',
  },
  {
    what: "another program's SQLite file",
    make: (dir) => {
      const file = path.join(dir, 'other.sqlite');
      const db = new Database(file);
      db.exec('CREATE TABLE foo (id INTEGER PRIMARY KEY, bar TEXT); INSERT INTO foo (bar) VALUES (\'baz\')');
      db.close();
      return file;
    },
    code: 'register_not_register',
    key: 'error.register.notRegister',
  },
  {
    // A read-only look at a WAL file used to leave a -wal and a -shm beside it.
    what: "another program's SQLite file in WAL mode",
    make: (dir) => {
      const file = path.join(dir, 'other.sqlite');
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE foo (id INTEGER PRIMARY KEY, bar TEXT); INSERT INTO foo (bar) VALUES (\'baz\')');
      db.close();
      return file;
    },
    code: 'register_not_register',
    key: 'error.register.notRegister',
  },
  {
    what: 'a file with the SQLite header and nothing after it',
    make: (dir) => {
      writeFileSync(path.join(dir, 'register.db'), 'SQLite format 3\0');
      return path.join(dir, 'register.db');
    },
    code: 'register_corrupt',
    key: 'error.register.corrupt',
  },
  {
    what: 'a register cut off at half its size',
    make: (dir) => {
      const file = path.join(dir, 'register.db');
      registerWithData(file);
      truncateSync(file, Math.floor(statSync(file).size / 2));
      return file;
    },
    code: 'register_corrupt',
    key: 'error.register.corrupt',
  },
  {
    what: 'a register written by a newer version',
    make: (dir) => {
      const file = path.join(dir, 'register.db');
      registerWithData(file);
      const db = new Database(file);
      db.pragma(`user_version = ${KNOWN + 3}`);
      db.close();
      return file;
    },
    code: 'register_newer',
    key: 'error.register.newer',
    params: { found: KNOWN + 3, known: KNOWN },
  },
];

describe('a file that is not a register it can open', () => {
  it.each(refusals)('is refused and left exactly as it was: $what', ({ make, options, code, key, params }) => {
    const dir = tempDir();
    const file = make(dir);
    const before = folderState(dir);

    const error = refusalOf(() => openRegister(file, options));

    expect(error.code).toBe(code);
    expect(error.key).toBe(key);
    expect(error.params).toMatchObject({ path: file, ...params });
    expect(folderState(dir)).toEqual(before);

    // The sentence a person reads names the file, in both languages, with nothing left unfilled.
    const english = translate('en', error.key, error.params);
    const dutch = translate('nl', error.key, error.params);
    for (const sentence of [english, dutch]) {
      expect(sentence).toContain(file);
      expect(sentence).not.toMatch(/\{\{|\}\}/);
    }
    expect(dutch).not.toBe(english);
    if (params) for (const value of Object.values(params)) expect(english).toContain(String(value));
  });

  it.skipIf(process.getuid?.() === 0)('is refused as unreadable, not with a raw error, when it may not be read', () => {
    // Root reads any file, so this runs only as an ordinary user.
    const dir = tempDir();
    const file = path.join(dir, 'register.db');
    registerWithData(file);
    const hash = sha256(file);
    chmodSync(file, 0o000);
    try {
      const error = refusalOf(() => openRegister(file));
      expect(error.code).toBe('register_unreadable');
      expect(readdirSync(dir)).toEqual(['register.db']);
    } finally {
      chmodSync(file, 0o600);
    }
    expect(sha256(file)).toBe(hash);
  });
});

describe('an older register', () => {
  const [initial] = migrations;
  if (!initial) throw new Error('db/migrations has no migration');
  /** A second schema version, for these tests only: what a future drizzle-kit migration adds. */
  const notes: Migration = {
    tag: '0001_test_notes',
    statements: [
      'CREATE TABLE `notes` (`id` integer PRIMARY KEY NOT NULL, `text` text NOT NULL)',
      'CREATE INDEX `notes_text_idx` ON `notes` (`text`)',
    ],
  };
  const backupsIn = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.bak'));

  /** A register at schema version 1 that holds one student. */
  function versionOne(dir: string): string {
    const file = path.join(dir, 'register.db');
    const register = openRegister(file, { migrations: [initial!], actor: 'secretary', now: () => START });
    register.sqlite
      .prepare(`INSERT INTO students (student_number, given_name, family_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run('s1234567', 'Zoë', 'de Vries', 'z@example.org', START.toISOString(), START.toISOString());
    register.close();
    return file;
  }

  it('is backed up, migrated in place, and the migration is audited', () => {
    const dir = tempDir();
    const file = versionOne(dir);
    expect(backupsIn(dir)).toEqual([]);

    const later = new Date('2025-09-01T08:00:00.000Z');
    const register = track(openRegister(file, { migrations: [initial, notes], actor: 'updater', now: () => later }));

    expect(register.schemaVersion).toBe(2);
    expect(register.sqlite.pragma('user_version', { simple: true })).toBe(2);
    expect(tableNames(register.sqlite)).toContain('notes');
    expect(register.sqlite.prepare('SELECT student_number FROM students').all()).toEqual([{ student_number: 's1234567' }]);
    expect(auditRows(register.sqlite).map(({ action, actor, at, before, after }) => ({ action, actor, at, before, after }))).toEqual([
      { action: 'create', actor: 'secretary', at: START.toISOString(), before: '{"schemaVersion":0}', after: '{"schemaVersion":1}' },
      { action: 'migrate', actor: 'updater', at: later.toISOString(), before: '{"schemaVersion":1}', after: '{"schemaVersion":2}' },
    ]);

    // The backup is the register as it was before: version 1, a register, the student, no notes.
    const [backup] = backupsIn(dir);
    expect(backupsIn(dir)).toHaveLength(1);
    expect(backup).toMatch(/^register\.db\.schema-1\..+\.bak$/);
    const saved = inspect(path.join(dir, backup!), (db) => ({
      version: db.pragma('user_version', { simple: true }),
      applicationId: db.pragma('application_id', { simple: true }),
      tables: tableNames(db),
      students: db.prepare('SELECT count(*) AS n FROM students').get(),
    }));
    expect(saved).toMatchObject({ version: 1, applicationId: APPLICATION_ID, students: { n: 1 } });
    expect(saved.tables).not.toContain('notes');

    // Opening the migrated register again neither migrates nor backs up a second time.
    register.close();
    const again = track(openRegister(file, { migrations: [initial, notes] }));
    expect(auditRows(again.sqlite)).toHaveLength(2);
    expect(backupsIn(dir)).toHaveLength(1);
  });

  it('is left as it was when a migration fails, with a sentence naming the backup', () => {
    const dir = tempDir();
    const file = versionOne(dir);
    const before = folderState(dir);
    const broken: Migration = {
      tag: '0001_broken',
      statements: [
        'CREATE TABLE `half_done` (`id` integer PRIMARY KEY NOT NULL)',
        'ALTER TABLE `students` ADD `nickname` text',
        'THIS IS NOT SQL',
      ],
    };

    const error = refusalOf(() => openRegister(file, { migrations: [initial, broken] }));

    expect(error.code).toBe('register_migration');
    expect(error.params.path).toBe(file);
    const backup = String(error.params.backup);
    expect(backupsIn(dir)).toEqual([path.basename(backup)]);
    expect(translate('en', error.key, error.params)).toContain(backup);
    expect(translate('nl', error.key, error.params)).toContain(backup);

    // Nothing of the failed migration is left: same bytes, no new table or column, no audit row,
    // and beside the register only the backup is new.
    const { [path.basename(backup)]: _backup, ...after } = folderState(dir);
    expect(after).toEqual(before);
    const state = inspect(file, (db) => ({
      version: db.pragma('user_version', { simple: true }),
      tables: tableNames(db),
      studentColumns: (db.pragma('table_info(students)') as Array<{ name: string }>).map((c) => c.name),
      audit: auditRows(db).map((r) => r.action),
    }));
    expect(state.version).toBe(1);
    expect(state.tables).not.toContain('half_done');
    expect(state.studentColumns).not.toContain('nickname');
    expect(state.audit).toEqual(['create']);

    // And it still opens with the migrations it has.
    expect(track(openRegister(file, { migrations: [initial] })).schemaVersion).toBe(1);
  });
});

describe('several processes creating the same new register at once', () => {
  interface Outcome {
    ok: boolean;
    startedAt: number;
    schemaVersion?: number;
    code?: string;
  }

  /** Starts a process that opens the register when told to; resolves once it is loaded and waiting. */
  function startOpener(file: string) {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/support/open-register-process.ts'), file], {
      cwd: projectRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<Outcome>((resolve, reject) => {
      child.on('exit', (status) => {
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (!line) reject(new Error(`opener exited with ${status}:\n${out}\n${err}`));
        else resolve(JSON.parse(line) as Outcome);
      });
    });
    const ready = new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (out.startsWith('ready\n')) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
      exited.catch((error: unknown) => {
        clearInterval(poll);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
    return { child, ready, exited };
  }

  it('all succeed, and the schema is applied once', { timeout: 60_000 }, async () => {
    const file = path.join(tempDir(), 'register.db');
    const openers = Array.from({ length: 4 }, () => startOpener(file));
    await Promise.all(openers.map((o) => o.ready));
    for (const opener of openers) opener.child.stdin.end('go\n');
    const outcomes = await Promise.all(openers.map((o) => o.exited));

    expect(outcomes.map((o) => [o.ok, o.schemaVersion, o.code])).toEqual(openers.map(() => [true, KNOWN, undefined]));
    // They began together (one line on stdin releases all four), so they raced for the new file.
    const starts = outcomes.map((o) => o.startedAt);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(1000);

    const stored = inspect(file, (db) => ({
      version: db.pragma('user_version', { simple: true }),
      audit: auditRows(db).map((r) => r.action),
      check: db.pragma('integrity_check', { simple: true }),
    }));
    expect(stored).toEqual({ version: KNOWN, audit: ['create'], check: 'ok' });
  });
});

describe('the refusal of a newer register', () => {
  it('leaves a register that a later version migrated untouched by this version', () => {
    // The real-life path to "newer": a colleague's newer app migrated the shared register.
    const dir = tempDir();
    const file = path.join(dir, 'register.db');
    openRegister(file, { now: steppingClock() }).close();
    const future: Migration = { tag: '9999_future', statements: ['CREATE TABLE `future` (`id` integer PRIMARY KEY NOT NULL)'] };
    openRegister(file, { migrations: [...migrations, future] }).close();
    const before = folderState(dir);

    const error = refusalOf(() => openRegister(file));
    expect(error.code).toBe('register_newer');
    expect(error.params).toMatchObject({ found: KNOWN + 1, known: KNOWN });
    expect(folderState(dir)).toEqual(before);
  });
});
