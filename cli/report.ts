// `boex report --register FILE --year 24-25 --out FILE.pdf|FILE.csv [--lang en|nl] [--overwrite]`:
// the yearly report of an academic year for the programme's annual report, as PDF or CSV by the
// name of --out, in the language of --lang. The file appears whole or not at all, and an existing
// one is replaced only with --overwrite. Exit 0 when written, 2 with a sentence when refused.
import path from 'node:path';
import { openRegister } from '../db/register';
import { writeFileAtomically } from '../electron/pdf/write';
import { reportCsvDocument, reportPdfDocument, startYearOf } from '../electron/services/report';
import { translate, type Language } from '../shared/i18n';
import { formatOf } from './meeting-documents';
import { report } from './output';

export interface ReportOptions {
  academicYear: string;
  out: string;
  overwrite: boolean;
}

export async function yearlyReport(registerFile: string, options: ReportOptions, lang: Language): Promise<number> {
  const format = formatOf(options.out);
  try {
    // A wrong year is told before the register is opened.
    startYearOf(options.academicYear);
  } catch (error) {
    return report(error, lang);
  }
  let register;
  try {
    register = openRegister(registerFile, { mustExist: true, actor: 'boex' });
  } catch (error) {
    return report(error, lang);
  }
  try {
    const ctx = { register, actor: 'boex', now: () => new Date() };
    const input = { academicYear: options.academicYear, language: lang };
    const document = format === 'pdf' ? await reportPdfDocument(ctx, input) : reportCsvDocument(ctx, input);
    const bytes = typeof document.content === 'string' ? Buffer.from(document.content, 'utf8') : document.content;
    const target = path.resolve(options.out);
    const written = await writeFileAtomically(path.dirname(target), path.basename(target), bytes, { overwrite: options.overwrite });
    console.log(translate(lang, 'cli.report.done', { year: document.figures.academicYear, path: written.path, count: document.figures.petitions }));
    return 0;
  } catch (error) {
    return report(error, lang);
  } finally {
    register.close();
  }
}
