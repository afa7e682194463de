// Every word of the meeting pack and the decision list, in English and Dutch; the layouts only
// place them. What the screens name too (severities, levels, institution kinds, advice, outcomes)
// comes from the app's catalogue, so that a document and the screen call a thing the same.
import { translate, type MessageKey } from '../../shared/i18n';
import { formatLongDate, type InstitutionKind, type Level, type Severity } from '../../shared/rules';

export type DocumentLanguage = 'en' | 'nl';
export type MeetingBody = 'mt_board' | 'boex';
type Advice = 'support' | 'not_support' | 'defer';
type Outcome = 'approved' | 'rejected';
type DecisionKind = 'individual' | 'general';

/** Words both documents use. */
export interface CommonWording {
  language: DocumentLanguage;
  /** BCP 47 tag of the text, for screen readers. */
  lang: string;
  university: string;
  programme: string;
  board(body: MeetingBody): string;
  date(date: string): string;
  /** 7.5 → "7.5" / "7,5". */
  ec(ec: number): string;
  level(level: Level): string;
  institutionKind(kind: InstitutionKind): string;
  /** "Utrecht University · Research university"; just "Leiden University", which says its kind itself. */
  institution(name: string, kind: InstitutionKind): string;
  severity(severity: Severity): string;
  advice(advice: Advice): string;
  outcome(outcome: Outcome): string;
  kind(kind: DecisionKind): string;
  footer(page: number, count: number): string;
  /** The refusal when a text holds characters the fonts cannot show; `where` names the items. */
  unsupportedCharacters(characters: string, where: string): string;
}

export interface PackWording extends CommonWording {
  title: string;
  meetingOf(body: MeetingBody, date: string): string;
  subject(body: MeetingBody, date: string, count: number): string;
  keywords: string[];
  facts: { date: string; location: string; cutoff: string; items: string };
  noLocation: string;
  itemCount(count: number): string;
  agenda: string;
  emptyAgenda: string;
  toc: { number: string; student: string; course: string; findings: string; page: string };
  /** "1 error", "2 warnings": one line per severity found, most severe first. */
  findingCounts(counts: Record<Severity, number>): Array<[Severity, string]>;
  noFindingsShort: string;
  item(position: number): string;
  labels: { ec: string; creditedEc: string; level: string; startDate: string; submittedOn: string };
  unknown: string;
  findings: string;
  noFindings: string;
  motivation: string;
  noMotivation: string;
  adviceHeading: string;
  adviceGiven(advice: Advice, recordedOn: string): string;
  noAdvice: string;
  generalDecisions: string;
  generalDecision(number: string, outcome: Outcome, date: string): string;
  footerLabel(body: MeetingBody, date: string): string;
}

export interface ListWording extends CommonWording {
  title: string;
  meetingOf(date: string, location: string): string;
  subject(date: string, count: number): string;
  keywords: string[];
  summary(count: number, approved: number, rejected: number): string;
  correctionsNote: string;
  none: string;
  columns: { decision: string; student: string; course: string; institution: string; outcome: string; ec: string; level: string };
  allStudents: string;
  /** Above the number of the decision a correction replaces. */
  replaces: string;
  replacedBy: string;
  /** Above the number of the general decision a decision applies. */
  cites: string;
  footerLabel(date: string): string;
  csvHeader: string[];
}

const BOARDS: Record<DocumentLanguage, Record<MeetingBody, string>> = {
  en: { mt_board: 'Media Technology Board', boex: 'Board of Examiners of LIACS' },
  nl: { mt_board: 'Media Technology Board', boex: 'Examencommissie LIACS' },
};

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

function counted(counts: Record<Severity, number>, words: Record<Severity, [one: string, many: string]>): Array<[Severity, string]> {
  return (['error', 'warning', 'info'] as const).filter((s) => counts[s] > 0).map((s) => [s, plural(counts[s], ...words[s])]);
}

function common(language: DocumentLanguage, document: { en: string; nl: string }): CommonWording {
  const t = (key: MessageKey): string => translate(language, key);
  const en = language === 'en';
  return {
    language,
    lang: en ? 'en-GB' : 'nl-NL',
    university: en ? 'Leiden University' : 'Universiteit Leiden',
    programme: en ? 'Media Technology MSc' : 'Master Media Technology',
    board: (body) => BOARDS[language][body],
    date: (date) => formatLongDate(date, language),
    ec: (ec) => (en ? String(ec) : String(ec).replace('.', ',')),
    level: (level) => t(`level.${level}`),
    institutionKind: (kind) => t(`kind.${kind}`),
    institution: (name, kind) => {
      const names = [translate('en', `kind.${kind}`), translate('nl', `kind.${kind}`)].map((n) => n.toLowerCase());
      return names.includes(name.trim().toLowerCase()) ? name : `${name} · ${t(`kind.${kind}`)}`;
    },
    severity: (severity) => t(`severity.${severity}`),
    advice: (advice) => t(`meetings.advice.${advice}`),
    outcome: (outcome) => t(`meetings.outcome.${outcome}`),
    kind: (kind) => (en ? { individual: 'Individual', general: 'General' } : { individual: 'Individueel', general: 'Algemeen' })[kind],
    footer: (page, count) => (en ? `Page ${page} of ${count}` : `Pagina ${page} van ${count}`),
    unsupportedCharacters: (characters, where) =>
      en
        ? `The font of the ${document.en} cannot show these characters: ${characters} (${where}). Write them in Latin, Greek or Cyrillic script.`
        : `Het lettertype van de ${document.nl} kan deze tekens niet weergeven: ${characters} (${where}). Schrijf ze in Latijns, Grieks of Cyrillisch schrift.`,
  };
}

export function packWording(language: DocumentLanguage): PackWording {
  const base = common(language, { en: 'meeting pack', nl: 'vergaderstukken' });
  const t = (key: MessageKey): string => translate(language, key);
  if (language === 'nl') {
    return {
      ...base,
      title: 'Vergaderstukken',
      meetingOf: (body, date) => `Vergadering van de ${base.board(body)} op ${base.date(date)}`,
      subject: (body, date, count) => `Vergaderstukken van de ${base.board(body)} voor de vergadering van ${base.date(date)}: ${plural(count, 'agendapunt', 'agendapunten')}`,
      keywords: ['vergaderstukken', 'agenda', 'keuzevakken'],
      facts: { date: 'Datum', location: 'Locatie', cutoff: 'Sluiting agenda', items: 'Agendapunten' },
      noLocation: 'Niet opgegeven',
      itemCount: (count) => String(count),
      agenda: 'Agenda',
      emptyAgenda: 'De agenda is leeg.',
      toc: { number: 'Nr.', student: 'Student', course: 'Vak en instelling', findings: 'Bevindingen', page: 'Blz.' },
      findingCounts: (c) => counted(c, { error: ['fout', 'fouten'], warning: ['waarschuwing', 'waarschuwingen'], info: ['opmerking', 'opmerkingen'] }),
      noFindingsShort: 'Geen',
      item: (position) => `Agendapunt ${position}`,
      labels: { ec: 'EC', creditedEc: 'Toegekende EC', level: 'Niveau', startDate: 'Start van het vak', submittedOn: 'Ingediend op' },
      unknown: t('petition.unknown'),
      findings: t('findings.title'),
      noFindings: t('findings.none'),
      motivation: 'Motivatie van de student',
      noMotivation: t('petition.noMotivation'),
      adviceHeading: 'Advies van de Media Technology Board',
      adviceGiven: (advice, recordedOn) => `${base.advice(advice)} (vastgelegd op ${base.date(recordedOn)})`,
      noAdvice: t('meetings.advice.none'),
      generalDecisions: 'Algemene besluiten over dit vak',
      generalDecision: (number, outcome, date) => `${number}: ${base.outcome(outcome).toLowerCase()} op ${base.date(date)}`,
      footerLabel: (body, date) => `Vergaderstukken · ${base.board(body)} · ${base.date(date)}`,
    };
  }
  return {
    ...base,
    title: 'Meeting pack',
    meetingOf: (body, date) => `Meeting of the ${base.board(body)} on ${base.date(date)}`,
    subject: (body, date, count) => `Meeting pack of the ${base.board(body)} for the meeting of ${base.date(date)}: ${plural(count, 'agenda item', 'agenda items')}`,
    keywords: ['meeting pack', 'agenda', 'elective courses'],
    facts: { date: 'Date', location: 'Location', cutoff: 'Agenda cut-off', items: 'Agenda items' },
    noLocation: 'Not set',
    itemCount: (count) => String(count),
    agenda: 'Agenda',
    emptyAgenda: 'The agenda is empty.',
    toc: { number: 'No.', student: 'Student', course: 'Course and institution', findings: 'Findings', page: 'Page' },
    findingCounts: (c) => counted(c, { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'] }),
    noFindingsShort: 'None',
    item: (position) => `Item ${position}`,
    labels: { ec: 'EC', creditedEc: 'Credited EC', level: 'Level', startDate: 'Course starts', submittedOn: 'Submitted on' },
    unknown: t('petition.unknown'),
    findings: t('findings.title'),
    noFindings: t('findings.none'),
    motivation: 'Motivation of the student',
    noMotivation: t('petition.noMotivation'),
    adviceHeading: 'Advice of the Media Technology Board',
    adviceGiven: (advice, recordedOn) => `${base.advice(advice)} (recorded on ${base.date(recordedOn)})`,
    noAdvice: t('meetings.advice.none'),
    generalDecisions: 'General decisions on this course',
    generalDecision: (number, outcome, date) => `${number}: ${base.outcome(outcome).toLowerCase()} on ${base.date(date)}`,
    footerLabel: (body, date) => `Meeting pack · ${base.board(body)} · ${base.date(date)}`,
  };
}

export function listWording(language: DocumentLanguage): ListWording {
  const base = common(language, { en: 'decision list', nl: 'besluitenlijst' });
  if (language === 'nl') {
    return {
      ...base,
      title: 'Besluitenlijst',
      meetingOf: (date, location) => `Vergadering van ${base.date(date)}${location ? `, ${location}` : ''}`,
      subject: (date, count) => `Besluitenlijst van de ${base.board('boex')}, vergadering van ${base.date(date)}: ${plural(count, 'besluit', 'besluiten')}`,
      keywords: ['besluitenlijst', 'besluiten', 'keuzevakken'],
      summary: (count, approved, rejected) => `${plural(count, 'besluit', 'besluiten')}: ${approved} goedgekeurd, ${rejected} afgewezen.`,
      correctionsNote: 'Een correctie is een nieuw besluit met een eigen nummer; het besluit dat zij vervangt blijft op de lijst staan, gemarkeerd als vervangen.',
      none: 'Op deze vergadering zijn nog geen besluiten vastgelegd.',
      columns: { decision: 'Besluit', student: 'Student', course: 'Vak', institution: 'Instelling', outcome: 'Uitkomst', ec: 'EC', level: 'Niveau' },
      allStudents: 'Alle studenten',
      replaces: 'Vervangt',
      replacedBy: 'Vervangen door',
      cites: 'Op grond van algemeen besluit',
      footerLabel: (date) => `Besluitenlijst · ${base.board('boex')} · ${base.date(date)}`,
      csvHeader: ['Besluitnummer', 'Datum', 'Soort', 'Uitkomst', 'Studentnummer', 'Naam', 'Vakcode', 'Vaktitel', 'Instelling', 'Toegekende EC', 'Niveau', 'Vervangt', 'Vervangen door'],
    };
  }
  return {
    ...base,
    title: 'Decision list',
    meetingOf: (date, location) => `Meeting of ${base.date(date)}${location ? `, ${location}` : ''}`,
    subject: (date, count) => `Decision list of the ${base.board('boex')}, meeting of ${base.date(date)}: ${plural(count, 'decision', 'decisions')}`,
    keywords: ['decision list', 'decisions', 'elective courses'],
    summary: (count, approved, rejected) => `${plural(count, 'decision', 'decisions')}: ${approved} approved, ${rejected} rejected.`,
    correctionsNote: 'A correction is a new decision with its own number; the decision it replaces stays on the list, marked as replaced.',
    none: 'No decisions have been recorded at this meeting yet.',
    columns: { decision: 'Decision', student: 'Student', course: 'Course', institution: 'Institution', outcome: 'Outcome', ec: 'EC', level: 'Level' },
    allStudents: 'All students',
    replaces: 'Replaces',
    replacedBy: 'Replaced by',
    cites: 'Under general decision',
    footerLabel: (date) => `Decision list · ${base.board('boex')} · ${base.date(date)}`,
    csvHeader: ['Decision number', 'Date', 'Kind', 'Outcome', 'Student number', 'Name', 'Course code', 'Course title', 'Institution', 'Credited EC', 'Level', 'Replaces', 'Replaced by'],
  };
}
