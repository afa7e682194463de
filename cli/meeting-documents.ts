// `boex pack --register FILE --meeting ID --out FILE.pdf [--lang en|nl] [--overwrite]` and
// `boex decision-list --register FILE --meeting ID --out FILE.pdf|FILE.csv [--lang en|nl] [--overwrite]`:
// a meeting's pack, or a BoEx meeting's decision list, written to a file in the language of --lang.
// The file appears whole or not at all, and an existing one is replaced only with --overwrite.
// Exit 0 when written, 2 with a sentence when refused.
import path from 'node:path';
import { openRegister } from '../db/register';
import { writeFileAtomically } from '../electron/pdf/write';
import type { ServiceContext } from '../electron/services/context';
import { decisionListDocument, meetingPackDocument, type MeetingDocument } from '../electron/services/meeting-documents';
import { isLanguage, translate, type Language } from '../shared/i18n';
import { cliLanguage, report, UsageError } from './output';

export interface DocumentOptions {
  meetingId: number;
  out: string;
  overwrite: boolean;
}

export function pack(registerFile: string, options: DocumentOptions, lang: Language): Promise<number> {
  return writeDocument(registerFile, options, lang, (ctx) => meetingPackDocument(ctx, { meetingId: options.meetingId, language: lang }), 'cli.pack.done');
}

export function decisionList(registerFile: string, options: DocumentOptions, lang: Language): Promise<number> {
  const format = formatOf(options.out);
  return writeDocument(
    registerFile,
    options,
    lang,
    (ctx) => decisionListDocument(ctx, { meetingId: options.meetingId, language: lang, format }),
    'cli.decisionList.done',
  );
}

/** --lang chooses the document's language as well as the messages'; a wrong value is not ignored. */
export function documentLanguage(flag: string | undefined): Language {
  if (flag === undefined || isLanguage(flag)) return cliLanguage(flag);
  throw new UsageError(`--lang takes en or nl, not "${flag}".`);
}

/** The decision list's format, from the name of the file it goes to. */
export function formatOf(out: string): 'pdf' | 'csv' {
  const extension = path.extname(out).toLowerCase();
  if (extension === '.pdf' || extension === '.csv') return extension === '.pdf' ? 'pdf' : 'csv';
  throw new UsageError(`--out names the file to write, ending in .pdf or .csv (the format), not "${path.basename(out)}".`);
}

async function writeDocument(
  registerFile: string,
  options: DocumentOptions,
  lang: Language,
  make: (ctx: ServiceContext) => MeetingDocument,
  done: 'cli.pack.done' | 'cli.decisionList.done',
): Promise<number> {
  let register;
  try {
    register = openRegister(registerFile, { mustExist: true, actor: 'boex' });
  } catch (error) {
    return report(error, lang);
  }
  try {
    const document = make({ register, actor: 'boex', now: () => new Date() });
    const target = path.resolve(options.out);
    const bytes = typeof document.content === 'string' ? Buffer.from(document.content, 'utf8') : document.content;
    const written = await writeFileAtomically(path.dirname(target), path.basename(target), bytes, { overwrite: options.overwrite });
    console.log(translate(lang, done, { path: written.path, count: document.count }));
    return 0;
  } catch (error) {
    return report(error, lang);
  } finally {
    register.close();
  }
}
