// `boex seed`: fill a register with synthetic petitions (benchmarks, demonstrations).
import os from 'node:os';
import { openRegister } from '../db/register';
import { seedRegister } from '../electron/services/seed';
import type { Language } from '../shared/i18n';
import { report } from './output';

export async function seed(file: string, petitions: number, lang: Language): Promise<number> {
  let register;
  try {
    register = openRegister(file);
  } catch (error) {
    return report(error, lang);
  }
  try {
    const started = performance.now();
    const result = seedRegister({ register, actor: os.userInfo().username, now: () => new Date() }, { petitions });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Seeded ${result.petitions} petitions of ${result.students} students over ${result.courses} courses in ${seconds} s.`);
    return 0;
  } catch (error) {
    return report(error, lang);
  } finally {
    register.close();
  }
}
