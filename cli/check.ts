// `boex check`: is this register healthy? Read-only apart from bringing an older schema up to date.
import { openRegister } from '../db/register';
import { translate, type Language } from '../shared/i18n';
import { registerInfo } from '../electron/services/register-info';
import { report } from './output';

export async function check(file: string, lang: Language): Promise<number> {
  let register;
  try {
    register = openRegister(file, { mustExist: true });
  } catch (error) {
    return report(error, lang);
  }
  try {
    const integrity = (register.sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    const foreignKeyProblems = (register.sqlite.pragma('foreign_key_check') as unknown[]).length;
    const info = registerInfo({ register, actor: 'boex check', now: () => new Date() });
    const healthy = integrity.length === 1 && integrity[0] === 'ok' && foreignKeyProblems === 0;
    console.log(`${translate(lang, 'cli.check.register')}: ${info.path}`);
    console.log(`${translate(lang, 'cli.check.schema')}: ${info.schemaVersion}`);
    console.log(`${translate(lang, 'cli.check.integrity')}: ${integrity.join('; ')}`);
    console.log(`${translate(lang, 'cli.check.foreignKeys')}: ${foreignKeyProblems}`);
    for (const [what, n] of Object.entries(info.counts)) console.log(`  ${what.padEnd(14)} ${n}`);
    if (!healthy) {
      console.error(translate(lang, 'cli.unhealthy', { path: info.path }));
      return 3;
    }
    console.log(translate(lang, 'cli.healthy', { path: info.path }));
    return 0;
  } finally {
    register.close();
  }
}
