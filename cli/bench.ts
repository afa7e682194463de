// `boex bench`: median and p95 of the register's calls, beside the raw SQL (see electron/services/bench.ts).
import { openRegister } from '../db/register';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchImport, benchRegister, formatFigures } from '../electron/services/bench';
import type { Language } from '../shared/i18n';
import { report } from './output';

export async function bench(file: string, iterations: number, lang: Language): Promise<number> {
  let register;
  try {
    register = openRegister(file, { mustExist: true });
  } catch (error) {
    return report(error, lang);
  }
  try {
    const petitions = (register.sqlite.prepare('SELECT count(*) AS n FROM petitions').get() as { n: number }).n;
    console.log(`Register ${register.path}: ${petitions} petitions; ${iterations} runs per call after 5 warm-up runs.\n`);
    const ctx = { register, actor: 'boex bench', now: () => new Date() };
    const figures = benchRegister(ctx, { iterations });
    // Imports grow a register, so they run on a copy in the temporary folder.
    const copyPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'boex-bench-')), 'copy.db');
    register.sqlite.prepare('VACUUM INTO ?').run(copyPath);
    const copy = openRegister(copyPath, { mustExist: true });
    try {
      figures.push(benchImport({ register: copy, actor: 'boex bench', now: () => new Date() }));
    } finally {
      copy.close();
      rmSync(path.dirname(copyPath), { recursive: true, force: true });
    }
    console.log(formatFigures(figures));
    return 0;
  } catch (error) {
    return report(error, lang);
  } finally {
    register.close();
  }
}
