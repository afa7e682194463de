// `boex import --register FILE petitions.csv`: the preview's summary, then the import itself, all
// or nothing. Exit 0 when imported (or when everything was already there), 2 with every problem
// listed, one per line, when any row is refused: then nothing is stored.
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRegister } from '../db/register';
import { importPetitions, ImportRefused, previewImport } from '../electron/services/csv-import';
import { decodeImportBytes, MAX_IMPORT_BYTES, tooLarge } from '../electron/services/import/file';
import { toSentence } from '../electron/services/import/problems';
import { translate, type Language } from '../shared/i18n';
import { report } from './output';

export async function importCsv(registerFile: string, csvFile: string, lang: Language): Promise<number> {
  const size = statSync(csvFile, { throwIfNoEntry: false });
  if (!size?.isFile()) {
    console.error(translate(lang, 'import.cli.noFile', { path: path.resolve(csvFile) }));
    return 2;
  }
  // Refused by its size before it is read: a file of gigabytes would not even fit in memory.
  if (size.size > MAX_IMPORT_BYTES) {
    console.error(toSentence(tooLarge(size.size), lang).message);
    return 2;
  }
  // Bytes, not text: the service must see a missing or broken UTF-8 encoding to refuse it.
  const csv = decodeImportBytes(readFileSync(csvFile));
  const fileName = path.basename(csvFile);

  let register;
  try {
    register = openRegister(registerFile, { mustExist: true, actor: actor() });
  } catch (error) {
    return report(error, lang);
  }
  try {
    const ctx = { register, actor: actor(), now: () => new Date() };
    const preview = previewImport(ctx, { csv, fileName, lang });
    console.log(
      translate(lang, 'import.cli.summary', {
        file: fileName,
        rows: preview.rows,
        toCreate: preview.toCreate.length,
        present: preview.alreadyPresent.length,
      }),
    );
    if (preview.problems.length > 0) return refuse(preview.problems.map((p) => p.message), lang);
    console.log(
      translate(lang, 'import.cli.new', { students: preview.newStudents, institutions: preview.newInstitutions, courses: preview.newCourses }),
    );
    const result = importPetitions(ctx, { csv, fileName, lang });
    console.log(translate(lang, 'import.cli.done', { created: result.created, present: result.alreadyPresent.length }));
    return 0;
  } catch (error) {
    // The register changed between the preview and the import, and a row is refused now.
    if (error instanceof ImportRefused) return refuse(error.problems.map((p) => p.message), lang);
    return report(error, lang);
  } finally {
    register.close();
  }
}

function refuse(messages: string[], lang: Language): number {
  console.error(translate(lang, 'import.cli.problems'));
  for (const message of messages) console.error(`  ${message}`);
  return 2;
}

/** The audit log records who imported: the person logged in to this machine. */
function actor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'boex import';
  }
}
