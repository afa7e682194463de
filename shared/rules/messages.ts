/**
 * The sentences behind each finding, in English and Dutch. They are written for the student as
 * much as for the board: they end up in meeting packs and decision letters, so each one names the
 * numbers it is about.
 */

import { formatLongDate } from './dates';
import type { Message } from './findings';
import type { Level } from './levels';

type BelowMaster = 'advanced' | 'introductory';

const LEVEL_NAME: Record<BelowMaster, Message> = {
  advanced: { en: 'advanced level', nl: 'gevorderd niveau' },
  introductory: { en: 'introductory level', nl: 'inleidend niveau' },
};

const CAP_SCOPE: Record<BelowMaster, Message> = {
  advanced: { en: 'advanced and introductory level', nl: 'gevorderd en inleidend niveau' },
  introductory: { en: 'introductory level', nl: 'inleidend niveau' },
};

const decimal = {
  en: (n: number): string => String(n),
  nl: (n: number): string => String(n).replace('.', ','),
};

/** "a, b and c" / "a, b en c". */
function list(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1] ?? ''}`;
}

export function belowMasterLevel(category: BelowMaster, level: Level): Message {
  const name = LEVEL_NAME[category];
  const number = typeof level === 'number';
  return {
    en: `This course is at ${name.en}${number ? ` (level ${level})` : ''}, not at Master level. Electives at ${name.en} need individual permission.`,
    nl: `Dit vak is op ${name.nl}${number ? ` (niveau ${level})` : ''} en dus niet op masterniveau. Voor vakken op ${name.nl} is individuele toestemming nodig.`,
  };
}

export interface CapNumbers {
  approved: number;
  /** Left out of the sum when reporting against approved petitions only. */
  pending: number | null;
  thisPetition: number;
  limit: number;
}

export function capExceeded(scope: BelowMaster, ec: CapNumbers): Message {
  const total = ec.approved + (ec.pending ?? 0) + ec.thisPetition;
  const parts = [
    { ec: ec.approved, en: `the ${ec.approved} EC already approved`, nl: `de al goedgekeurde ${ec.approved} EC` },
    { ec: ec.pending ?? 0, en: `the ${ec.pending ?? 0} EC of pending petitions`, nl: `de ${ec.pending ?? 0} EC van lopende verzoeken` },
    { ec: ec.thisPetition, en: `the ${ec.thisPetition} EC of this petition`, nl: `de ${ec.thisPetition} EC van dit verzoek` },
  ].filter((part) => part.ec > 0);
  const en = list(parts.map((part) => part.en), 'and');
  const nl = list(parts.map((part) => part.nl), 'en');
  // One amount on its own already exceeds the limit; several add up to a total worth naming.
  const sum = parts.length > 1
    ? { en: `${en} make ${total} EC,`, nl: `${nl} maken samen ${total} EC,` }
    : { en: `${en} are`, nl: `${nl} zijn al` };
  const { en: where, nl: waar } = CAP_SCOPE[scope];
  const consequence = ec.pending === null
    ? { en: `Too many EC at ${where}`, nl: `Te veel EC op ${waar}` }
    : {
        en: `If pending petitions are approved, there will be too many EC at ${where}`,
        nl: `Als lopende verzoeken worden goedgekeurd, zijn er te veel EC op ${waar}`,
      };
  return {
    en: `${consequence.en}: ${sum.en} more than the limit of ${ec.limit} EC.`,
    nl: `${consequence.nl}: ${sum.nl} meer dan het maximum van ${ec.limit} EC.`,
  };
}

export function hboFormMissing(): Message {
  return {
    en: 'For an elective at a university of applied sciences (HBO) or art school, an HBO Elective Course Form filled in and signed by the course lecturer is required; this form is not on file.',
    nl: 'Voor een keuzevak aan een hogeschool (hbo) of kunstacademie is een HBO Elective Course Form nodig, ingevuld en ondertekend door de docent van het vak; dit formulier ontbreekt.',
  };
}

export function honoursCourse(): Message {
  return {
    en: 'This is an honours course: its EC do not count towards the curriculum, so it cannot be used as an elective.',
    nl: 'Dit is een honoursvak: de EC daarvan tellen niet mee voor het curriculum, dus het kan niet als keuzevak worden ingebracht.',
  };
}

export function submittedLate(submittedOn: string, startDate: string): Message {
  const rule = {
    en: 'permission must be requested before the start of the course.',
    nl: 'toestemming moet vóór de start van het vak worden aangevraagd.',
  };
  const submitted = { en: formatLongDate(submittedOn, 'en'), nl: formatLongDate(submittedOn, 'nl') };
  const start = { en: formatLongDate(startDate, 'en'), nl: formatLongDate(startDate, 'nl') };
  if (submittedOn === startDate) {
    return {
      en: `The petition was submitted on ${submitted.en}, the day the course started; ${rule.en}`,
      nl: `Het verzoek is ingediend op ${submitted.nl}, de dag waarop het vak begon; ${rule.nl}`,
    };
  }
  return {
    en: `The petition was submitted on ${submitted.en}, after the course started on ${start.en}; ${rule.en}`,
    nl: `Het verzoek is ingediend op ${submitted.nl}, na de start van het vak op ${start.nl}; ${rule.nl}`,
  };
}

export function startDateUnknown(): Message {
  return {
    en: 'The start date of the course is unknown, so it cannot be checked that the petition was submitted before the course started.',
    nl: 'De startdatum van het vak is onbekend, dus kan niet worden gecontroleerd of het verzoek vóór de start van het vak is ingediend.',
  };
}

export function halfCredits(ec: number, credited: number): Message {
  return {
    en: `The course has ${decimal.en(ec)} EC; Leiden University does not accept half credits, so this is rounded down to ${credited} EC.`,
    nl: `Het vak heeft ${decimal.nl(ec)} EC; de Universiteit Leiden accepteert geen halve studiepunten, dus dit wordt naar beneden afgerond op ${credited} EC.`,
  };
}

export function duplicatePetition(standing: 'approved' | 'pending'): Message {
  return standing === 'approved'
    ? {
        en: 'The student already has an approved petition for this course.',
        nl: 'De student heeft al een goedgekeurd verzoek voor dit vak.',
      }
    : {
        en: 'The student already has a pending petition for this course.',
        nl: 'De student heeft al een verzoek voor dit vak dat nog in behandeling is.',
      };
}

export function transcriptMissing(): Message {
  return {
    en: 'A grade can only be registered after a certified transcript of the grade has been received; none is on file.',
    nl: 'Een cijfer kan pas worden geregistreerd na ontvangst van een gewaarmerkt cijferoverzicht; dat ontbreekt nog.',
  };
}
