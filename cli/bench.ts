// `boex bench`: median and p95 of the register's calls, beside the raw SQL (see electron/services/bench.ts).
import { openRegister } from '../db/register';
import { benchRegister, formatFigures } from '../electron/services/bench';
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
    console.log(formatFigures(benchRegister({ register, actor: 'boex bench', now: () => new Date() }, { iterations })));
    return 0;
  } catch (error) {
    return report(error, lang);
  } finally {
    register.close();
  }
}
