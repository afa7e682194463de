import { formatLongDate, levelCategory, type Level, type LevelCategory } from '../../shared/rules';
import type { Run } from './document';
import type { DecisionLetter, LetterLanguage } from './letter';

/** Every sentence of one letter, in its language; letter.ts only lays them out. */
export interface LetterWording {
  lang: string;
  title: string;
  subject: string;
  keywords: string[];
  reference: Array<[label: string, value: string]>;
  studentNumber: string;
  subjectLine: string;
  salutation: string;
  decision: Run[];
  details: Array<[label: string, value: string]>;
  notes: string[];
  reasonsHeading: string;
  adviceIntro: string;
  boardIntro: string;
  rulesIntro: string;
  rules: string[];
  legalBasis: Run[];
  nextSteps: { heading: string; items: string[] } | null;
  appealHeading: string;
  appeal: string;
  closing: string;
  onBehalf: string;
  footer: (page: number, count: number) => string;
}

const LEVEL: Record<LetterLanguage, Record<LevelCategory, string>> = {
  en: { master: 'Master level', advanced: 'advanced level', introductory: 'introductory level' },
  nl: { master: 'masterniveau', advanced: 'gevorderd niveau', introductory: 'inleidend niveau' },
};

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function levelText(level: Level, language: LetterLanguage): string {
  const category = LEVEL[language][levelCategory(level)];
  return typeof level === 'number' ? `${level} (${category})` : capitalise(category);
}

/** 7.5 → "7.5" / "7,5": Dutch writes a decimal comma. */
function ecText(ec: number, language: LetterLanguage): string {
  return language === 'nl' ? String(ec).replace('.', ',') : String(ec);
}

export function wording(letter: DecisionLetter): LetterWording {
  return letter.language === 'nl' ? dutch(letter) : english(letter);
}

function english(letter: DecisionLetter): LetterWording {
  const { addressee, decision, course, reasons, appeal } = letter;
  const approved = decision.outcome === 'approved';
  const rounded = approved && course.ec !== course.creditedEc;
  const external = course.institutionKind !== 'leiden';
  const kind = decision.kind === 'individual' ? 'Individual decision' : 'General decision';
  const courseName = `${course.code} ${course.title}`;
  return {
    lang: 'en-GB',
    title: `Decision ${decision.number}: elective course ${courseName}`,
    subject: `${kind} of the ${letter.letterhead.board} on the elective-course petition of ${addressee.name} (${addressee.studentNumber})`,
    keywords: [decision.number, addressee.studentNumber, course.code, 'elective course', 'decision letter'],
    reference: [
      ['Place and date', `${letter.place}, ${formatLongDate(letter.decisionDate, 'en')}`],
      ['Decision number', decision.number],
      ['Kind of decision', kind],
      ...(decision.replacesNumber ? [['Replaces decision', decision.replacesNumber] as [string, string]] : []),
    ],
    studentNumber: `Student number ${addressee.studentNumber}`,
    subjectLine: `Subject: decision on your petition for the elective course ${courseName}`,
    salutation: `Dear ${addressee.name},`,
    decision: [
      { text: `Having considered your petition and the advice of the ${reasons.adviceBoard}, ` },
      { text: `the ${letter.letterhead.board} ${approved ? 'approves' : 'rejects'} your petition`, style: 'bold' },
      { text: ' to take this course as an elective in your programme:' },
    ],
    details: [
      ['Course', courseName],
      ['Institution', course.institutionKind === 'applied_sciences' ? `${course.institution} (university of applied sciences, HBO)` : course.institution],
      ['Level', levelText(course.level, 'en')],
      approved
        ? ['Credits', rounded ? `${ecText(course.ec, 'en')} EC is registered as ${course.creditedEc} EC` : `${course.creditedEc} EC`]
        : ['Size', `${ecText(course.ec, 'en')} EC`],
    ],
    notes: [
      ...(decision.kind === 'general' ? ['This is a general decision: it applies to every student of the programme who petitions for this course, and later petitions may refer to it by its number.'] : []),
      ...(decision.replacesNumber ? [`This decision replaces decision ${decision.replacesNumber}.`] : []),
    ],
    reasonsHeading: 'Reasons for this decision',
    adviceIntro: `The ${reasons.adviceBoard} advised as follows:`,
    boardIntro: 'The Board of Examiners considered:',
    rulesIntro: reasons.findings.length > 0
      ? 'The following rules of the elective-course procedure applied:'
      : 'None of the restrictions of the elective-course procedure (level, EC limits, HBO form, honours courses, timing) applied to this petition.',
    rules: reasons.findings.map((f) => f.message.en),
    legalBasis: [{ text: 'Legal basis: ', style: 'bold' }, { text: reasons.legalBasis }],
    nextSteps: approved
      ? {
          heading: 'What you still need to do',
          items: [
            `Approval is not admission: you must still register for the course and for its examination in uSis${external ? `, and with ${course.institution} as it requires` : ''}.`,
            `After completing the course, send a certified transcript of your grade (a signed or stamped document of results) to the education coordinator at ${letter.educationCoordinatorEmail}. Your grade can only be registered in uSis once it has been received.`,
            ...(external ? ['Your grade is converted to the Leiden scale: a 5.5 becomes 5; every other grade is rounded to the nearest half point, never to 5.5 (for example, 7.3 becomes 7.5 and 5.4 becomes 5).'] : []),
          ],
        }
      : null,
    appealHeading: 'Appeal',
    appeal: `If you do not agree with this decision, you may lodge an appeal with the ${appeal.boardName} within six weeks of the date of this decision. Send your appeal to:`,
    closing: 'Yours sincerely,',
    onBehalf: 'On behalf of the Board of Examiners,',
    footer: (page, count) => `Page ${page} of ${count}`,
  };
}

function dutch(letter: DecisionLetter): LetterWording {
  const { addressee, decision, course, reasons, appeal } = letter;
  const approved = decision.outcome === 'approved';
  const rounded = approved && course.ec !== course.creditedEc;
  const external = course.institutionKind !== 'leiden';
  const kind = decision.kind === 'individual' ? 'Individueel besluit' : 'Algemeen besluit';
  const courseName = `${course.code} ${course.title}`;
  return {
    lang: 'nl-NL',
    title: `Besluit ${decision.number}: keuzevak ${courseName}`,
    subject: `${kind} van de ${letter.letterhead.board} op het verzoek om een keuzevak van ${addressee.name} (${addressee.studentNumber})`,
    keywords: [decision.number, addressee.studentNumber, course.code, 'keuzevak', 'besluit'],
    reference: [
      ['Plaats en datum', `${letter.place}, ${formatLongDate(letter.decisionDate, 'nl')}`],
      ['Besluitnummer', decision.number],
      ['Soort besluit', kind],
      ...(decision.replacesNumber ? [['Vervangt besluit', decision.replacesNumber] as [string, string]] : []),
    ],
    studentNumber: `Studentnummer ${addressee.studentNumber}`,
    subjectLine: `Onderwerp: besluit op uw verzoek om toestemming voor het keuzevak ${courseName}`,
    salutation: `Geachte ${addressee.name},`,
    decision: [
      { text: `Na beoordeling van uw verzoek en het advies van de ${reasons.adviceBoard} ` },
      { text: approved ? `keurt de ${letter.letterhead.board} uw verzoek goed` : `wijst de ${letter.letterhead.board} uw verzoek af`, style: 'bold' },
      { text: ' om dit vak als keuzevak in uw opleiding te volgen:' },
    ],
    details: [
      ['Vak', courseName],
      ['Instelling', course.institutionKind === 'applied_sciences' ? `${course.institution} (hogeschool, hbo)` : course.institution],
      ['Niveau', levelText(course.level, 'nl')],
      approved
        ? ['Studiepunten', rounded ? `${ecText(course.ec, 'nl')} EC wordt geregistreerd als ${course.creditedEc} EC` : `${course.creditedEc} EC`]
        : ['Omvang', `${ecText(course.ec, 'nl')} EC`],
    ],
    notes: [
      ...(decision.kind === 'general' ? ['Dit is een algemeen besluit: het geldt voor iedere student van de opleiding die om dit vak verzoekt, en latere verzoeken kunnen naar het nummer ervan verwijzen.'] : []),
      ...(decision.replacesNumber ? [`Dit besluit vervangt besluit ${decision.replacesNumber}.`] : []),
    ],
    reasonsHeading: 'Motivering',
    adviceIntro: `De ${reasons.adviceBoard} heeft als volgt geadviseerd:`,
    boardIntro: 'De examencommissie overweegt het volgende:',
    rulesIntro: reasons.findings.length > 0
      ? 'De volgende regels van de procedure voor keuzevakken waren van toepassing:'
      : 'Geen van de beperkingen van de procedure voor keuzevakken (niveau, maximum aantal EC, hbo-formulier, honoursvakken, tijdigheid) was op dit verzoek van toepassing.',
    rules: reasons.findings.map((f) => f.message.nl),
    legalBasis: [{ text: 'Grondslag: ', style: 'bold' }, { text: reasons.legalBasis }],
    nextSteps: approved
      ? {
          heading: 'Wat u nog moet doen',
          items: [
            `Goedkeuring is geen toelating: u moet zich nog in uSis inschrijven voor het vak en voor het tentamen${external ? `, en bij ${course.institution} volgens de regels van die instelling` : ''}.`,
            `Stuur na afronding van het vak een gewaarmerkt cijferoverzicht (een ondertekend of gestempeld overzicht van uw resultaten) naar de onderwijscoördinator via ${letter.educationCoordinatorEmail}. Uw cijfer kan pas in uSis worden geregistreerd als dit is ontvangen.`,
            ...(external ? ['Uw cijfer wordt omgezet naar de Leidse schaal: een 5,5 wordt een 5; elk ander cijfer wordt afgerond op het dichtstbijzijnde halve punt, maar nooit op 5,5 (bijvoorbeeld: 7,3 wordt 7,5 en 5,4 wordt 5).'] : []),
          ],
        }
      : null,
    appealHeading: 'Beroep',
    appeal: `Bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de datum van dit besluit beroep instellen bij het ${appeal.boardName}. Stuur uw beroepschrift naar:`,
    closing: 'Met vriendelijke groet,',
    onBehalf: 'Namens de examencommissie,',
    footer: (page, count) => `Pagina ${page} van ${count}`,
  };
}
