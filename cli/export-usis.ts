// `boex export-usis --register FILE --out FILE.csv [--again EXPORTED_AT | --list] [--lang en|nl] [--overwrite]`:
// the registered results not yet sent to uSis, written to a CSV file for the Student
// Administration and marked as exported, so that no result is sent twice. --again writes a past
// export again (named by its moment, as --list shows it) and marks nothing; --list prints the past
// exports. The file is written whole first and the results are marked only if they still make
// exactly that file; an existing file is replaced only with --overwrite. Exit 0 when written,
// 2 with a sentence when refused (nothing to export, the file exists, no such export).
import os from 'node:os';
import path from 'node:path';
import { unlink } from 'node:fs/promises';
import { openRegister } from '../db/register';
import { writeFileAtomically } from '../electron/pdf/write';
import { exportPending, pendingResults, reexportBatch, usisBatches, usisCsv } from '../electron/services/usis';
import { AppError } from '../shared/errors';
import { translate, type Language } from '../shared/i18n';
import { exportedAtField } from '../shared/usis';
import { report, UsageError } from './output';

export interface ExportUsisOptions {
  out: string | undefined;
  again: string | undefined;
  list: boolean;
  overwrite: boolean;
  /** The file's language (--lang); without it a new export follows the messages' language, and --again the export's own. */
  fileLanguage: Language | undefined;
}

export async function exportUsis(registerFile: string, options: ExportUsisOptions, lang: Language): Promise<number> {
  if (options.list && (options.out !== undefined || options.again !== undefined)) throw new UsageError('--list prints the past exports: give it without --out or --again.');
  if (!options.list && !options.out) throw new UsageError('Give --out, the CSV file to write, for example --out usis.csv.');
  if (options.again !== undefined && !exportedAtField.safeParse(options.again).success) {
    throw new UsageError(`--again takes an export's moment as --list shows it, e.g. 2025-03-01T09:30:00.000Z, not "${options.again}".`);
  }
  let register;
  try {
    register = openRegister(registerFile, { mustExist: true, actor: actor() });
  } catch (error) {
    return report(error, lang);
  }
  const ctx = { register, actor: actor(), now: () => new Date() };
  const target = path.resolve(options.out ?? '.');
  let written: string | null = null;
  try {
    if (options.list) {
      const batches = usisBatches(ctx);
      if (batches.length === 0) console.log(translate(lang, 'usis.cli.noBatches'));
      for (const b of batches) console.log(translate(lang, 'usis.cli.batch', { exportedAt: b.exportedAt, count: b.count, corrections: b.corrections, actor: b.exportedBy ?? '?' }));
      return 0;
    }
    if (options.again !== undefined) {
      const file = reexportBatch(ctx, { exportedAt: options.again, language: options.fileLanguage });
      await write(target, file.csv, options.overwrite);
      console.log(translate(lang, 'usis.cli.again', { exportedAt: file.exportedAt, count: file.count, path: target }));
      return 0;
    }
    const rows = pendingResults(ctx);
    if (rows.length === 0) throw new AppError('usis_nothing_pending', 'usis.error.nothingPending');
    const fileLanguage = options.fileLanguage ?? lang;
    const csv = usisCsv(rows, fileLanguage);
    // The file first: if it cannot be written, nothing is marked. Then mark only if the pending
    // results still make exactly this file; if marking fails, the file goes again.
    await write(target, csv, options.overwrite);
    written = target;
    const file = exportPending(ctx, { language: fileLanguage }, csv);
    written = null;
    console.log(translate(lang, 'usis.cli.done', { count: file.count, path: target, exportedAt: file.exportedAt }));
    return 0;
  } catch (error) {
    if (written !== null) await unlink(written).catch(() => undefined);
    return report(error, lang);
  } finally {
    register.close();
  }
}

async function write(target: string, csv: string, overwrite: boolean): Promise<void> {
  await writeFileAtomically(path.dirname(target), path.basename(target), Buffer.from(csv, 'utf8'), { overwrite });
}

/** The audit log records who exported: the person logged in to this machine. */
function actor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'boex export-usis';
  }
}
