// What one launch of the app works with, read from its surroundings: which register, who acts, and
// which language a message before the window exists is in.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Language } from '../shared/i18n';

/** The register named by `--register FILE` or `--register=FILE`, if any. */
export function registerFlagFrom(argv: readonly string[]): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg.startsWith('--register=')) return arg.slice('--register='.length);
    const next = argv[index + 1];
    if (arg === '--register' && next !== undefined) return next;
  }
  return undefined;
}

/** Dutch for a Dutch system, English for every other. */
export function languageOf(locale: string): Language {
  return locale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/** The name the audit log records; the account may have no passwd entry (some managed machines). */
export function actorName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? 'unknown';
  }
}

/**
 * better-sqlite3 compiled for Electron's ABI by scripts/start.js, beside the bundle. Absent in a
 * packaged app, whose node_modules copy electron-builder rebuilds for Electron itself.
 */
export function electronNativeBinding(bundleDir: string): string | undefined {
  const file = path.join(bundleDir, 'native', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
