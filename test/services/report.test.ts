// The yearly report's figures on a real register, built through the services a secretary uses
// (petitions, MT Board advice, BoEx decisions and a correction), with every figure known by hand:
// counts, outcomes, the advice × outcome table, institution kinds, levels, credited EC, median
// turnaround (odd and even counts), late petitions, and the 31 August / 1 September boundary.
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n';
import type { YearFigures } from '../../shared/report';
import { call, decisionForm, itemOf, newPetition, ok, onBoexAgenda, refused, type Detail } from '../support/meetings';
import { cleanUp, openTestRegister, steppingClock, type PetitionForm, type TestRegister } from '../support/register';
import { dispatchAsync } from '../../electron/services/dispatch';

let t: TestRegister;

const university: Partial<PetitionForm> = { institution: 'Utrecht University', institutionKind: 'university', level: 'master' };
const hbo: Partial<PetitionForm> = { institution: 'Willem de Kooning Academy', institutionKind: 'applied_sciences', level: 'advanced' };
const leiden: Partial<PetitionForm> = { institution: 'Leiden University', institutionKind: 'leiden', level: 400 };

const decide = (boex: Detail, petitionId: number, change: Parameters<typeof decisionForm>[1]) =>
  ok(t, 'decisions.record', decisionForm(itemOf(boex, petitionId).id, change));

/** Petitions, advice and decisions whose figures are worked out by hand in the tests below. */
function buildRegister(): void {
  // The clock stands after the last submission, so no date is in the future.
  t = openTestRegister({ now: steppingClock(new Date('2025-09-10T09:00:00.000Z')) });
  const p: Record<string, number> = {};

  // 23-24: two petitions decided, one submitted on its last day (31 August).
  p.a = newPetition(t, { ...university, submittedOn: '2024-06-01', courseStartDate: '2024-09-02', ec: 5 });
  p.b = newPetition(t, { ...university, submittedOn: '2024-08-31', courseStartDate: '2024-09-02', ec: 5 });
  const boex23 = onBoexAgenda(t, [{ id: p.a }, { id: p.b }], { mtOn: '2024-08-31', boexOn: '2024-08-31' });
  decide(boex23, p.a, { decidedOn: '2024-08-31', creditedEc: 5 }); // 91 days
  decide(boex23, p.b, { decidedOn: '2024-08-31', creditedEc: 5 }); // 0 days

  // 24-25, from its first day (1 September) to its last (31 August).
  p.p1 = newPetition(t, { ...university, submittedOn: '2024-09-01', courseStartDate: '2024-11-01', ec: 7.5 });
  p.p2 = newPetition(t, { ...hbo, submittedOn: '2024-09-10', courseStartDate: '2024-09-05', ec: 5 }); // late
  p.p3 = newPetition(t, { ...leiden, submittedOn: '2024-10-01', courseStartDate: '2025-02-01', ec: 6, institution: 'Leiden University' });
  p.p4 = newPetition(t, { ...university, submittedOn: '2024-10-15', courseStartDate: '2025-01-10', ec: 5 });
  p.p5 = newPetition(t, { ...university, submittedOn: '2025-01-10', courseStartDate: '2025-04-01', ec: 10 });
  p.p6 = newPetition(t, { ...university, submittedOn: '2025-02-01', courseStartDate: null });
  p.p7 = newPetition(t, { ...university, submittedOn: '2025-08-31', courseStartDate: '2025-09-15' });
  // 25-26: its first day.
  p.c = newPetition(t, { ...university, submittedOn: '2025-09-01', courseStartDate: '2025-10-01' });
  // A draft in 24-25, which the board has not received: not counted. No form makes drafts yet.
  p.draft = newPetition(t, { ...university, submittedOn: '2024-12-01' });
  t.register.sqlite.prepare("UPDATE petitions SET status = 'draft' WHERE id = ?").run(p.draft);

  // P4 is deferred by the MT Board first, and supported at its next meeting.
  const mt = ok(t, 'meetings.create', { body: 'mt_board', heldOn: '2024-10-20', cutoffOn: null, location: 'Snellius' });
  const agenda = ok(t, 'agenda.add', { meetingId: mt.id, petitionIds: [p.p4] });
  ok(t, 'advice.record', { agendaItemId: itemOf(agenda, p.p4).id, advice: 'defer', reasoning: 'Send the course description.' });

  const boex = onBoexAgenda(
    t,
    [
      { id: p.p1, advice: 'support' },
      { id: p.p2, advice: 'not_support' },
      { id: p.p3, advice: 'support' },
    ],
    { mtOn: '2024-10-01', boexOn: '2024-10-01' },
  );
  decide(boex, p.p1, { decidedOn: '2024-10-01', creditedEc: 7 }); // 30 days
  decide(boex, p.p2, { outcome: 'rejected', decidedOn: '2024-10-11', creditedEc: 5, level: 'advanced' }); // 31 days
  const first = decide(boex, p.p3, { decidedOn: '2024-11-05', creditedEc: 6, level: 400 }); // 35 days
  const later = onBoexAgenda(t, [{ id: p.p4, advice: 'support' }], { mtOn: '2024-11-20', boexOn: '2024-11-27' });
  decide(later, p.p4, { decidedOn: '2024-12-15', creditedEc: 5 }); // 61 days
  const last = onBoexAgenda(t, [{ id: p.p5, advice: 'not_support' }], { mtOn: '2025-01-20', boexOn: '2025-02-01' });
  decide(last, p.p5, { decidedOn: '2025-02-20', creditedEc: 10 }); // 41 days
  // P3's approval is corrected to a rejection: the correction is current, the first decision sets the turnaround.
  const { agendaItemId: _item, ...correction } = decisionForm(itemOf(boex, p.p3).id, { outcome: 'rejected', decidedOn: '2024-12-01', creditedEc: 6, level: 400 });
  ok(t, 'decisions.correct', { ...correction, replacesId: first.id });
  // A general decision names no petition and changes no petition's figures.
  const course = ok(t, 'petitions.get', { id: p.p5 }).course;
  ok(t, 'decisions.recordGeneral', { outcome: 'approved', creditedEc: 10, level: 'master', institutionName: 'Utrecht University', reasoning: 'For every student.', decidedOn: '2025-03-01', signatory: 'Dr. A. Chair', courseId: course.id });
  ok(t, 'petitions.withdraw', { id: p.p6 });
}

let figures: YearFigures;
beforeAll(() => {
  buildRegister();
  figures = ok(t, 'report.year', { academicYear: '24-25' });
  return cleanUp;
});

describe('the yearly report of 24-25', () => {
  it('counts the petitions submitted from 1 September to 31 August, drafts left out', () => {
    expect(figures.academicYear).toBe('24-25');
    expect([figures.from, figures.to]).toEqual(['2024-09-01', '2025-08-31']);
    expect(figures.petitions).toBe(7);
  });

  it('takes the outcome of the current decision, and the status where there is no decision', () => {
    expect(figures.outcomes).toEqual({ approved: 3, rejected: 2, withdrawn: 1, pending: 1 });
    expect(Object.fromEntries(figures.statuses.map((s) => [s.status, s.petitions]))).toEqual({
      draft: 0,
      submitted: 1,
      in_progress: 3,
      rejected: 2,
      approved: 0,
      external_approved: 0,
      withdrawn: 1,
    });
  });

  it('sets the MT Board\'s latest advice against the outcome', () => {
    expect(figures.adviceByOutcome).toEqual([
      { advice: 'support', approved: 2, rejected: 1, withdrawn: 0, pending: 0 },
      { advice: 'not_support', approved: 1, rejected: 1, withdrawn: 0, pending: 0 },
      { advice: 'defer', approved: 0, rejected: 0, withdrawn: 0, pending: 0 },
      { advice: 'none', approved: 0, rejected: 0, withdrawn: 1, pending: 1 },
    ]);
  });

  it('splits by institution kind and level, with the credited EC of the approved petitions only', () => {
    expect(figures.institutionKinds).toEqual([
      { kind: 'leiden', petitions: 1, approved: 0, creditedEc: 0 },
      { kind: 'university', petitions: 5, approved: 3, creditedEc: 22 },
      { kind: 'applied_sciences', petitions: 1, approved: 0, creditedEc: 0 },
    ]);
    const levels = Object.fromEntries(figures.levels.map(({ level, ...row }) => [level, row]));
    expect(levels).toEqual({
      100: { petitions: 0, approved: 0, creditedEc: 0 },
      200: { petitions: 0, approved: 0, creditedEc: 0 },
      300: { petitions: 0, approved: 0, creditedEc: 0 },
      400: { petitions: 1, approved: 0, creditedEc: 0 },
      500: { petitions: 0, approved: 0, creditedEc: 0 },
      600: { petitions: 0, approved: 0, creditedEc: 0 },
      master: { petitions: 5, approved: 3, creditedEc: 22 },
      advanced: { petitions: 1, approved: 0, creditedEc: 0 },
      introductory: { petitions: 0, approved: 0, creditedEc: 0 },
    });
    expect(figures.creditedEc).toBe(22);
  });

  it('takes the median of the days to the first decision (30, 31, 35, 41, 61)', () => {
    expect(figures.turnaround).toEqual({ decided: 5, medianDays: 35, minDays: 30, maxDays: 61 });
  });

  it('counts late petitions by the rule timing.late, and those whose start date is unknown', () => {
    expect(figures.late).toEqual({ petitions: 1, approved: 0, rejected: 1, startUnknown: 1 });
  });
});

describe('the other years', () => {
  it('puts 31 August in the year before and takes the mean of the two middle values for an even count', () => {
    const previous = ok(t, 'report.year', { academicYear: '23-24' });
    expect(previous.petitions).toBe(2);
    expect(previous.outcomes).toEqual({ approved: 2, rejected: 0, withdrawn: 0, pending: 0 });
    expect(previous.creditedEc).toBe(10);
    expect(previous.turnaround).toEqual({ decided: 2, medianDays: 45.5, minDays: 0, maxDays: 91 });
    // Both were submitted before the course started on 2 September.
    expect(previous.late).toEqual({ petitions: 0, approved: 0, rejected: 0, startUnknown: 0 });
  });

  it('puts 1 September in the new year', () => {
    const next = ok(t, 'report.year', { academicYear: '25-26' });
    expect(next.petitions).toBe(1);
    expect(next.outcomes).toEqual({ approved: 0, rejected: 0, withdrawn: 0, pending: 1 });
    expect(next.turnaround).toEqual({ decided: 0, medianDays: null, minDays: null, maxDays: null });
  });

  it('lists the years with petitions, newest first', () => {
    expect(ok(t, 'report.years', {})).toEqual([
      { academicYear: '25-26', petitions: 1 },
      { academicYear: '24-25', petitions: 7 },
      { academicYear: '23-24', petitions: 2 },
    ]);
  });

  it('gives a year without petitions as zeros', () => {
    const empty = ok(t, 'report.year', { academicYear: '19-20' });
    expect(empty.petitions).toBe(0);
    expect(empty.outcomes).toEqual({ approved: 0, rejected: 0, withdrawn: 0, pending: 0 });
    expect(empty.turnaround.medianDays).toBeNull();
  });
});

describe('the exports', () => {
  it('writes the figures as CSV, one figure a line, in the document language', () => {
    const { fileName, csv } = ok(t, 'report.csv', { academicYear: '24-25', language: 'nl' });
    expect(fileName).toBe('jaarverslag-24-25.csv');
    expect(csv.startsWith('\uFEFFStudiejaar;Tabel;Rij;Kolom;Waarde\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toContain('24-25;Kerncijfers;Verzoeken;Aantal;7');
    expect(lines).toContain('24-25;Kerncijfers;Toegekende EC;Aantal;22');
    expect(lines).toContain('24-25;Advies van de MT Board tegenover het besluit van de examencommissie;Niet steunen;Goedgekeurd;1');
    expect(lines).toContain('24-25;Doorlooptijd;Mediaan dagen;Aantal;35');
    const even = ok(t, 'report.csv', { academicYear: '23-24' }).csv;
    expect(even).toContain('23-24;Turnaround;Median days;Count;45,5\r\n');
  });

  it('renders the PDF through the asynchronous path only', async () => {
    const sync = call(t, 'report.pdf', { academicYear: '24-25' });
    expect(sync.ok).toBe(false);
    const result = await dispatchAsync(t.ctx, 'report.pdf', { academicYear: '24-25', language: 'en' }, 'en');
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as { fileName: string; pdfBase64: string };
    expect(value.fileName).toBe('yearly-report-24-25.pdf');
    expect(Buffer.from(value.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('a year written wrongly', () => {
  it.each(['2024', '24-26', '24/25', '2024-2025', ''])('refuses %j with a sentence in both languages', (year) => {
    const errors = refused(t, 'report.year', { academicYear: year });
    expect(errors.en.fields?.academicYear).toBe(translate('en', 'report.invalid.year'));
    expect(errors.nl.fields?.academicYear).toBe(translate('nl', 'report.invalid.year'));
  });

  it('is refused by the PDF call too', async () => {
    const result = await dispatchAsync(t.ctx, 'report.pdf', { academicYear: '2024' }, 'nl');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fields?.academicYear).toBe(translate('nl', 'report.invalid.year'));
  });
});
