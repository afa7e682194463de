// The converted grade and the rule that produced it, shown live while the secretary types: the
// same `convertGrade` the service applies when the grade is registered.
import type { Language } from '../../../shared/i18n';
import { convertGrade, gradeHundredths, isPass } from '../../../shared/rules';

export type Conversion =
  | { kind: 'empty' }
  | { kind: 'invalid' }
  | { kind: 'half' | 'same' | 'notAccepted'; from: number; to: number; pass: boolean };

export function conversionOf(text: string): Conversion {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    const hundredths = gradeHundredths(text);
    const to = convertGrade(text);
    const kind = hundredths === 550 ? 'notAccepted' : hundredths % 50 === 0 ? 'same' : 'half';
    return { kind, from: hundredths / 100, to, pass: isPass(to) };
  } catch {
    return { kind: 'invalid' };
  }
}

/** 7.5 in English, 7,5 in Dutch. */
export function formatGrade(grade: number, lang: Language): string {
  const text = String(grade);
  return lang === 'nl' ? text.replace('.', ',') : text;
}
