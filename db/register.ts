// Opening a register file: the one door every process (Electron, preview, CLI, tests) goes through.
import { accessSync, closeSync, constants as fsConstants, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../shared/errors';
import { readMigrations, type Migration } from './migrations';
import * as schema from './schema';

/** PRAGMA application_id of every register: "BoEx" in ASCII, so a register can be told from any other SQLite file. */
export const APPLICATION_ID = 0x426f4578;
const SQLITE_HEADER = 'SQLite format 3\0';

// better-sqlite3 reads this once, when its native part is loaded by the first `new Database`: it
// lets a register in a folder that may not be written be opened as `file:…?immutable=1` (see
// readOnlyAccess). Every path this app opens is made absolute first, so none starts with `file:`
// and no other file name is read differently.
process.env.SQLITE_USE_URI = '1';

export type RegisterDb = BetterSQLite3Database<typeof schema>;

export interface Register {
  readonly path: string;
  readonly sqlite: Database.Database;
  readonly db: RegisterDb;
  /** Migrations applied; the register's schema version. */
  readonly schemaVersion: number;
  /** Opened read-only (asked for, or the file or its folder cannot be written): every write is refused. */
  readonly readOnly: boolean;
  close(): void;
}

export interface OpenOptions {
  migrations?: Migration[];
  /** better-sqlite3 built for another runtime (Electron's ABI) than the one running the tests. */
  nativeBinding?: string;
  /** Who is recorded in the audit row when a new register is created. */
  actor?: string;
  now?: () => Date;
  /** Refuse instead of creating a new register when the file does not exist (checks, backups). */
  mustExist?: boolean;
  /** Open without writing anything: no migration, no pragma that writes, every write refused. */
  readonly?: boolean;
}

/**
 * Opens a register, creating it when the path does not exist yet. A file that is not a register,
 * is damaged, or comes from a newer version is refused with a sentence and left untouched: it is
 * inspected through a connection that only reads before anything is written.
 */
export function openRegister(file: string, options: OpenOptions = {}): Register {
  const full = path.resolve(file);
  const migrations = options.migrations ?? readMigrations();
  const existing = statSync(full, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new AppError('register_directory', 'error.register.directory', { path: full });
  if (!existing && options.mustExist) throw new AppError('register_missing', 'error.register.missing', { path: full });
  if (options.readonly) return openReadOnly(full, migrations, options);
  // A file this process may not write (permissions, a read-only disk) is opened read-only, and so is
  // one in a folder it may not write: SQLite could not make the -wal and -shm files a write needs.
  if (existing && existing.size > 0 && (!writable(full) || !writable(path.dirname(full)))) return openReadOnly(full, migrations, options);
  if (existing && existing.size > 0) inspectRegisterFile(full, migrations.length, options.nativeBinding);

  let sqlite: Database.Database;
  try {
    sqlite = new Database(full, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw unreadable(full, error);
  }
  try {
    configure(sqlite);
    const schemaVersion = migrate(sqlite, full, migrations, options);
    // Keeps the planner's statistics fresh enough to choose the register's indexes; cheap when nothing changed.
    sqlite.pragma('optimize = 0x10002');
    const db = drizzle({ client: sqlite, schema });
    return { path: full, sqlite, db, schemaVersion, readOnly: false, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    // SQLite opens a file it may not write read-only without saying so; the first write tells.
    if (existing && existing.size > 0 && isReadOnlyError(error)) return openReadOnly(full, migrations, options);
    throw error instanceof AppError ? error : unreadable(full, error);
  }
}

/**
 * Opens an existing register for reading only: nothing is written to it (no journal mode, no
 * migration, no statistics). A register that needs a migration is refused with a sentence.
 */
function openReadOnly(full: string, migrations: Migration[], options: OpenOptions): Register {
  const existing = statSync(full, { throwIfNoEntry: false });
  if (!existing || existing.size === 0) throw new AppError('register_missing', 'error.register.missing', { path: full });
  const access = readOnlyAccess(full);
  inspectRegisterFile(full, migrations.length, options.nativeBinding, access);
  const leavesLog = access === 'shared' && readHeader(full)[18] === 2 && !existsSync(`${full}-wal`) && !existsSync(`${full}-shm`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(access === 'immutable' ? immutableName(full) : full, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw unreadable(full, error);
  }
  try {
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
    if (schemaVersion < migrations.length) {
      throw new AppError('register_read_only_migration', 'error.register.readOnlyMigration', { path: full, found: schemaVersion, known: migrations.length });
    }
    const db = drizzle({ client: sqlite, schema });
    const close = () => {
      sqlite.close();
      if (leavesLog) removeLogLeftBehind(full, options.nativeBinding);
    };
    return { path: full, sqlite, db, schemaVersion, readOnly: true, close };
  } catch (error) {
    sqlite.close();
    if (leavesLog) removeLogLeftBehind(full, options.nativeBinding);
    throw error instanceof AppError ? error : unreadable(full, error);
  }
}

/**
 * A read-only connection to a WAL register makes -wal and -shm beside it and cannot remove them when
 * it closes. When this process may write the file, a read-write connection that only reads removes
 * both as it closes, as the last connection of a WAL database does (SQLite checks under its own lock
 * that no other program still has the register open; the -wal holds nothing, so nothing is written).
 * Where it may not, they stay: they hold nothing, and the next ordinary open uses or removes them.
 */
function removeLogLeftBehind(full: string, nativeBinding?: string): void {
  if (!writable(full) || !writable(path.dirname(full))) return;
  try {
    const cleaner = new Database(full, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      cleaner.pragma('user_version', { simple: true });
    } finally {
      cleaner.close();
    }
  } catch {
    // Left as they are: two files that hold nothing, which the next ordinary open uses.
  }
}

/**
 * How a register that may only be read is opened. Reading a WAL register takes its -shm file, which
 * SQLite makes beside it; in a folder this process may not write (another user's share, a read-only
 * disk) it cannot, and the open fails. Then, when no other program has the register open (no -wal
 * and -shm beside it), it is opened `immutable`: SQLite reads the file as it is, without -shm and
 * without locks, and changes nothing in the folder. Safe enough here: this process cannot change the
 * file, and a program writing it would have made a -wal beside it. Someone who may write the folder
 * can still open and change it while it is open here: this process is not told, so it keeps showing
 * what it read before, and a page read after their change was copied in (a checkpoint) may not fit
 * the pages read before it: a list can then be out of date or a call fail with the internal-error
 * sentence until the register is opened again. Nothing is written from here, so the file itself
 * is never harmed by that; it is the price of reading where no lock can be taken.
 * A -wal with committed changes but no -shm (a program that ended without cleaning up) cannot be
 * read without writing, and immutable would skip those changes: that register is refused.
 */
function readOnlyAccess(full: string): 'shared' | 'immutable' {
  if (writable(path.dirname(full))) return 'shared';
  const wal = statSync(`${full}-wal`, { throwIfNoEntry: false });
  const shm = statSync(`${full}-shm`, { throwIfNoEntry: false });
  // Another program has it open: the -shm it keeps lets this one read its changes too, without writing.
  if (wal && shm) return 'shared';
  if (wal && wal.size > 0) throw new AppError('register_read_only_log', 'error.register.readOnlyLog', { path: full });
  return 'immutable';
}

/** The URI filename that opens a file immutable; pathToFileURL escapes `?`, `#` and `%` in the path. */
function immutableName(full: string): string {
  return `${pathToFileURL(full).href}?immutable=1`;
}

function writable(file: string): boolean {
  try {
    accessSync(file, fsConstants.W_OK);
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return !(code === 'EACCES' || code === 'EROFS' || code === 'EPERM');
  }
}

/** SQLITE_READONLY and its extended codes, or the operating system refusing a write. */
export function isReadOnlyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS');
}

/** Refuses, without writing to it, a file that is not a register, is damaged, or is newer than this version. */
export function inspectRegisterFile(file: string, knownVersion: number, nativeBinding?: string, access: 'shared' | 'immutable' = 'shared'): void {
  let header: Buffer;
  try {
    header = readHeader(file);
  } catch (error) {
    throw unreadable(file, error);
  }
  if (header.toString('latin1', 0, SQLITE_HEADER.length) !== SQLITE_HEADER) {
    throw new AppError('register_not_register', 'error.register.notRegister', { path: file });
  }
  // A read-only connection to a WAL file creates -wal and -shm beside it and cannot remove them, so
  // a refused file would be left with two new files. When no -wal exists there is nothing to
  // checkpoint, and a read-write connection that only reads removes both itself on close.
  // In a folder that may not be written, the register is read immutable: see readOnlyAccess.
  const walWithoutLog = access === 'shared' && header[18] === 2 && !existsSync(`${file}-wal`);
  let probe: Database.Database;
  try {
    probe = new Database(access === 'immutable' ? immutableName(file) : file, {
      readonly: !walWithoutLog,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    let healthy: boolean;
    try {
      const rows = probe.pragma('quick_check') as Array<{ quick_check: string }>;
      healthy = rows.length === 1 && rows[0]?.quick_check === 'ok';
    } catch (error) {
      // Not damage: the file (or its folder, for the -shm a WAL register needs) may not be written.
      if (isReadOnlyError(error)) throw unreadable(file, error);
      healthy = false;
    }
    if (!healthy) throw new AppError('register_corrupt', 'error.register.corrupt', { path: file });

    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const tableCount = (probe.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n;
    if (applicationId !== APPLICATION_ID && (applicationId !== 0 || tableCount > 0)) {
      throw new AppError('register_not_register', 'error.register.notRegister', { path: file });
    }
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > knownVersion) {
      throw new AppError('register_newer', 'error.register.newer', { path: file, found: version, known: knownVersion });
    }
  } finally {
    probe.close();
  }
}

/** The first bytes of the file: the magic string, then (byte 18) 2 when the file is in WAL mode. */
function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(20);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * WAL lets the UI read while a write is under way; FULL synchronous makes a committed decision
 * survive a power cut (writes are few, so the extra fsync costs nothing a person notices);
 * the busy timeout lets a second process (the CLI beside the app) wait instead of failing.
 */
function configure(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

function migrate(sqlite: Database.Database, file: string, migrations: Migration[], options: OpenOptions): number {
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  if (version >= migrations.length) return version;

  const backup = version > 0 ? backupBeforeMigration(sqlite, file, version) : null;
  const now = (options.now ?? (() => new Date()))().toISOString();
  const apply = sqlite.transaction(() => {
    // Read again under the write lock: another process may have migrated while this one waited.
    const from = sqlite.pragma('user_version', { simple: true }) as number;
    if (from >= migrations.length) return;
    for (const migration of migrations.slice(from)) {
      for (const statement of migration.statements) sqlite.exec(statement);
    }
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    sqlite.pragma(`user_version = ${migrations.length}`);
    sqlite
      .prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, 'register', NULL, ?, ?)`)
      .run(
        now,
        options.actor ?? 'system',
        from === 0 ? 'create' : 'migrate',
        JSON.stringify({ schemaVersion: from }),
        JSON.stringify({ schemaVersion: migrations.length }),
      );
  });
  try {
    apply.immediate();
  } catch (error) {
    if (error instanceof Error && /SQLITE_BUSY/.test(String((error as { code?: string }).code))) {
      throw new AppError('busy', 'error.busy');
    }
    throw new AppError('register_migration', 'error.register.migration', { path: file, backup: backup ?? '—' });
  }
  return migrations.length;
}

/** A consistent copy beside the register, taken before its schema changes (ARCHITECTURE.md, "Data"). */
function backupBeforeMigration(sqlite: Database.Database, file: string, version: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.schema-${version}.${stamp}.bak`;
  sqlite.prepare('VACUUM INTO ?').run(target);
  return target;
}

function unreadable(file: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('register_unreadable', 'error.register.unreadable', { path: file, reason });
}
