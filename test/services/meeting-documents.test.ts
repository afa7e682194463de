// A meeting's documents through the API (dispatch, the path every transport takes) on a real
// register: petitions created, put on an MT Board agenda and reordered, advised, decided at a BoEx
// meeting in a batch and corrected; then the meeting pack and the decision list exported, decoded
// and read back with pdftotext, qpdf and papaparse. And `boex pack` / `boex decision-list` as a
// person runs them.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { longDate } from '../../electron/services/petition-facts';
import { api } from '../../shared/api';
import { layoutText, plainText, removeTempFolders, run } from '../pdf/fixtures/readers';
import { call, decisionForm, itemOf, newPetition, ok, onBoexAgenda, refused, refusedWith, type Detail } from '../support/meetings';
import { cleanUp, openTestRegister, projectRoot, type TestRegister } from '../support/register';

afterEach(() => {
  cleanUp();
  removeTempFolders();
});
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const pdfOf = (base64: string) => Buffer.from(base64, 'base64');
const studentNumbers = (text: string) => [...text.matchAll(/\bs\d{7}\b/g)].map((m) => m[0]);
const stripBom = (csv: string) => csv.replace(/^\uFEFF/, '');

/** Three petitions a secretary could have typed: a half-credit master course, an HBO course, a Leiden 300 course. */
function threePetitions(t: TestRegister): number[] {
  return [
    newPetition(t, { givenName: 'Zoë', familyName: 'de Vries' }),
    newPetition(t, {
      givenName: 'Łukasz',
      familyName: 'Nowak',
      institution: 'Hogeschool voor de Kunsten Utrecht',
      institutionKind: 'applied_sciences',
      courseCode: 'IDM-SD2',
      courseTitle: 'Sound Design for Games',
      ec: 5,
      level: 'advanced',
      courseStartDate: null,
      motivation: 'The tools for my generative sound installation.',
    }),
    newPetition(t, {
      givenName: 'Дмитрий',
      familyName: 'Соколов',
      institution: 'Leiden University',
      institutionKind: 'leiden',
      courseCode: '4343MIR',
      courseTitle: 'Multimedia Information Retrieval',
      ec: 5,
      level: 300,
    }),
  ];
}

function mtAgenda(t: TestRegister, petitionIds: number[]): Detail {
  const meeting = ok(t, 'meetings.create', { body: 'mt_board', heldOn: '2025-02-20', cutoffOn: '2025-02-16', location: 'Snellius 401' });
  return ok(t, 'agenda.add', { meetingId: meeting.id, petitionIds });
}

describe('meetings.pack', () => {
  it('exports the MT Board\'s pack with every item in the agenda\'s (new) order, in English and Dutch', () => {
    const t = openTestRegister();
    const [a, b, c] = threePetitions(t) as [number, number, number];
    const added = mtAgenda(t, [a, b, c]);
    const detail = ok(t, 'agenda.reorder', { meetingId: added.meeting.id, petitionIds: [c, a, b] });
    const order = detail.items.map((item) => item.petition.studentNumber);

    for (const language of ['en', 'nl'] as const) {
      const pack = ok(t, 'meetings.pack', { meetingId: detail.meeting.id, language });
      expect(api['meetings.pack'].output.parse(pack)).toEqual(pack);
      expect(pack.fileName).toBe(language === 'en' ? 'meeting-pack-mt-board-2025-02-20.pdf' : 'vergaderstukken-mt-board-2025-02-20.pdf');
      const pdf = pdfOf(pack.pdfBase64);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(run('qpdf', ['--check'], pdf).status).toBe(0);
      const text = plainText(pdf);
      expect(studentNumbers(text)).toEqual([...order, ...order]);
      for (const item of detail.items) {
        expect(text).toContain(`${item.petition.studentName} · ${item.petition.studentNumber}`);
        expect(text).toContain(`${item.petition.courseCode} ${item.petition.courseTitle}`);
        expect(text).toContain(item.petition.motivation);
        for (const finding of item.findings) expect(text).toContain(finding.message[language].replace(/\s+/g, ' '));
      }
      expect(text).toContain(language === 'en' ? 'Meeting pack' : 'Vergaderstukken');
      expect(layoutText(pdf)).toMatch(language === 'en' ? /Agenda items\n\s*20 February 2025\s+Snellius 401\s+16 February 2025\s+3\n/ : /Agendapunten\n\s*20 februari 2025\s+Snellius 401\s+16 februari 2025\s+3\n/);
    }
  });

  it('exports a BoEx pack with the MT Board\'s advice and reasoning for each item', () => {
    const t = openTestRegister();
    const [a, b] = threePetitions(t) as [number, number, number];
    const boex = onBoexAgenda(t, [
      { id: a, advice: 'support', reasoning: 'A master course that deepens the thesis work.' },
      { id: b, advice: 'not_support', reasoning: 'An HBO course without the signed form.' },
    ]);
    const pack = ok(t, 'meetings.pack', { meetingId: boex.meeting.id, language: 'en' });
    expect(pack.fileName).toBe('meeting-pack-boex-2025-02-27.pdf');
    const text = plainText(pdfOf(pack.pdfBase64));
    expect(text).toContain('Board of Examiners of LIACS');
    expect(text).toContain('Advice of the Media Technology Board');
    expect(text).toMatch(/Support \(recorded on \d+ \w+ 2025\) A master course that deepens the thesis work\./);
    expect(text).toMatch(/Not support \(recorded on \d+ \w+ 2025\) An HBO course without the signed form\./);
  });

  it('refuses, in both languages, a name its fonts cannot show, naming the item, and changes nothing', () => {
    const t = openTestRegister();
    const id = newPetition(t, { givenName: '小明', familyName: 'Wang' });
    const detail = mtAgenda(t, [id]);
    const errors = refused(t, 'meetings.pack', { meetingId: detail.meeting.id, language: 'en' });
    expect(errors.en.code).toBe('text_unsupported_characters');
    const number = detail.items[0]?.petition.studentNumber ?? '';
    expect(errors.en.message).toContain(`小 明 (item 1, ${number})`);
    expect(errors.nl.message).toContain(`小 明 (agendapunt 1, ${number})`);
    expect(errors.en.message).toMatch(/^Nothing was exported\. /);
  });

  it('refuses a meeting that is not in the register, and input that is not a pack request', () => {
    const t = openTestRegister();
    refusedWith(t, 'meetings.pack', { meetingId: 99, language: 'en' }, 'not_found', 'meeting.error.notFound', { id: 99 });
    for (const input of [{ meetingId: 1, language: 'de' }, { meetingId: 0, language: 'en' }, { language: 'en' }]) {
      const result = call(t, 'meetings.pack', input as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });
});

describe('meetings.decisionList', () => {
  /** Three petitions advised and batch-decided at a BoEx meeting; the first then corrected; a general decision too. */
  function decided(t: TestRegister) {
    const [a, b, c] = threePetitions(t) as [number, number, number];
    const boex = onBoexAgenda(t, [{ id: a }, { id: b, advice: 'not_support' }, { id: c }]);
    const batch = ok(t, 'decisions.recordBatch', {
      meetingId: boex.meeting.id,
      decidedOn: '2025-02-27',
      signatory: 'Prof. dr. Anna de Vries',
      // The HBO course has an error finding (no signed form): only a rejection is possible.
      overrides: [{ agendaItemId: itemOf(boex, b).id, outcome: 'rejected', reasoning: 'No signed HBO form.' }],
    });
    const first = batch[0];
    if (!first) throw new Error('nothing decided');
    const correction = ok(t, 'decisions.correct', {
      ...decisionForm(itemOf(boex, a).id, { outcome: 'rejected', reasoning: 'Corrected: the course overlaps the core curriculum.', decidedOn: '2025-02-28' }),
      replacesId: first.id,
    } as never);
    const course = (t.register.sqlite.prepare('SELECT course_id AS id FROM petitions WHERE id = ?').get(c) as { id: number }).id;
    const general = ok(t, 'decisions.recordGeneral', {
      courseId: course,
      meetingId: boex.meeting.id,
      outcome: 'approved',
      creditedEc: 5,
      level: 300,
      institutionName: 'Leiden University',
      reasoning: 'The course is approved as an elective for every student of the programme.',
      decidedOn: '2025-02-27',
      signatory: 'Prof. dr. Anna de Vries',
    });
    return { boex, batch, correction, general, all: [...batch, correction, general] };
  }

  it('exports every decision of the meeting as a PDF, numbers in order, corrections marked', () => {
    const t = openTestRegister();
    const { boex, batch, correction, general, all } = decided(t);
    expect(batch.map((d) => d.number)).toEqual(['24-25 LIACS 1', '24-25 LIACS 2', '24-25 LIACS 3']);
    for (const language of ['en', 'nl'] as const) {
      const list = ok(t, 'meetings.decisionList', { meetingId: boex.meeting.id, language, format: 'pdf' });
      expect(api['meetings.decisionList'].output.parse(list)).toEqual(list);
      if (list.format !== 'pdf') throw new Error('not a PDF');
      expect(list.fileName).toBe(language === 'en' ? 'decision-list-2025-02-27.pdf' : 'besluitenlijst-2025-02-27.pdf');
      const pdf = pdfOf(list.pdfBase64);
      expect(run('qpdf', ['--check'], pdf).status).toBe(0);
      const layout = layoutText(pdf);
      const rows = [...layout.matchAll(/^[ \t]*(24-25 LIACS \d+)[ \t]{2,}\S/gm)].map((m) => m[1]);
      expect(rows).toEqual(all.map((d) => d.number));
      const text = plainText(pdf);
      for (const item of boex.items) {
        expect(text).toContain(item.petition.studentName);
        expect(text).toContain(item.petition.studentNumber);
      }
      expect(text).toContain(language === 'en' ? `Replaced by ${correction.number}` : `Vervangen door ${correction.number}`);
      expect(text).toContain(language === 'en' ? `Replaces ${batch[0]?.number}` : `Vervangt ${batch[0]?.number}`);
      expect(text).toContain(general.number);
      expect(text).toContain(language === 'en' ? 'All students' : 'Alle studenten');
    }
  });

  it('exports the same decisions as CSV that papaparse reads back field by field', () => {
    const t = openTestRegister();
    const { boex, all } = decided(t);
    const list = ok(t, 'meetings.decisionList', { meetingId: boex.meeting.id, language: 'nl', format: 'csv' });
    if (list.format !== 'csv') throw new Error('not a CSV');
    expect(list.fileName).toBe('besluitenlijst-2025-02-27.csv');
    expect(list.csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(stripBom(list.csv), { header: true, delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((row) => row.Besluitnummer)).toEqual(all.map((d) => d.number));
    const students = new Map(boex.items.map((item) => [item.petition.id, item.petition]));
    all.forEach((d, i) => {
      const row = parsed.data[i] ?? {};
      expect(row).toMatchObject({
        Datum: d.decidedOn,
        Soort: d.kind === 'individual' ? 'Individueel' : 'Algemeen',
        Uitkomst: d.outcome === 'approved' ? 'Goedgekeurd' : 'Afgewezen',
        Studentnummer: d.petitionId === null ? '' : students.get(d.petitionId)?.studentNumber,
        Naam: d.petitionId === null ? 'Alle studenten' : students.get(d.petitionId)?.studentName,
        Vakcode: d.courseCode,
        Vaktitel: d.courseTitle,
        Instelling: d.institutionName,
        'Toegekende EC': String(d.creditedEc),
        Vervangt: d.replacesNumber ?? '',
      });
    });
    expect(parsed.data[0]?.['Vervangen door']).toBe(all[3]?.number);
  });

  it('is refused for a meeting of the MT Board, which advises, and changes nothing', () => {
    const t = openTestRegister();
    const detail = mtAgenda(t, threePetitions(t));
    refusedWith(t, 'meetings.decisionList', { meetingId: detail.meeting.id, language: 'en', format: 'pdf' }, 'not_boex', 'meetingDocuments.error.notBoex', {
      date: longDate('2025-02-20'),
    });
    const result = call(t, 'meetings.decisionList', { meetingId: detail.meeting.id, language: 'en', format: 'xlsx' } as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('says so when nothing has been decided yet', () => {
    const t = openTestRegister();
    const [a] = threePetitions(t) as [number, number, number];
    const boex = onBoexAgenda(t, [{ id: a }]);
    const list = ok(t, 'meetings.decisionList', { meetingId: boex.meeting.id, language: 'en', format: 'pdf' });
    if (list.format !== 'pdf') throw new Error('not a PDF');
    expect(plainText(pdfOf(list.pdfBase64))).toContain('No decisions have been recorded at this meeting yet.');
    const csv = ok(t, 'meetings.decisionList', { meetingId: boex.meeting.id, language: 'en', format: 'csv' });
    if (csv.format !== 'csv') throw new Error('not a CSV');
    expect(stripBom(csv.csv).trim().split('\r\n')).toHaveLength(1);
  });
});

describe('the command line', () => {
  const exec = promisify(execFile);
  async function boex(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await exec(process.execPath, [path.join(projectRoot, 'bin/boex.js'), ...args], {
        cwd: projectRoot,
        env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '' },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  it('boex pack and boex decision-list write the files, in the language of --lang', async () => {
    const t = openTestRegister();
    const [a, b] = threePetitions(t) as [number, number, number];
    const boexMeeting = onBoexAgenda(t, [{ id: a }, { id: b }]);
    ok(t, 'decisions.record', decisionForm(itemOf(boexMeeting, a).id, { institutionName: 'Utrecht University' }));
    const id = String(boexMeeting.meeting.id);

    const packFile = path.join(t.dir, 'pack.pdf');
    const packed = await boex('pack', '--register', t.file, '--meeting', id, '--out', packFile, '--lang', 'nl');
    expect(packed).toEqual({ code: 0, stdout: `Vergaderstukken geschreven naar ${packFile}; agendapunten: 2.\n`, stderr: '' });
    const packText = plainText(readFileSync(packFile));
    expect(packText).toContain('Vergaderstukken');
    expect(studentNumbers(packText)).toEqual([...boexMeeting.items.map((i) => i.petition.studentNumber), ...boexMeeting.items.map((i) => i.petition.studentNumber)]);

    const again = await boex('pack', '--register', t.file, '--meeting', id, '--out', packFile);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect((await boex('pack', '--register', t.file, '--meeting', id, '--out', packFile, '--overwrite')).code).toBe(0);

    const csvFile = path.join(t.dir, 'list.csv');
    const listed = await boex('decision-list', '--register', t.file, '--meeting', id, '--out', csvFile, '--lang', 'en');
    expect(listed).toEqual({ code: 0, stdout: `Decision list written to ${csvFile}; decisions: 1.\n`, stderr: '' });
    const bytes = readFileSync(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(stripBom(bytes.toString('utf8')), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows.map((row) => row[0])).toEqual(['Decision number', '24-25 LIACS 1']);

    const pdfFile = path.join(t.dir, 'list.pdf');
    expect((await boex('decision-list', '--register', t.file, '--meeting', id, '--out', pdfFile)).code).toBe(0);
    expect(plainText(readFileSync(pdfFile))).toContain('24-25 LIACS 1');
  });

  it('refuses a wrong file type, a wrong language and an MT Board meeting with a sentence', async () => {
    const t = openTestRegister();
    const mt = mtAgenda(t, threePetitions(t).slice(0, 1));
    const id = String(mt.meeting.id);
    const out = path.join(t.dir, 'list.xlsx');
    const wrongType = await boex('decision-list', '--register', t.file, '--meeting', id, '--out', out);
    expect(wrongType.code).toBe(64);
    expect(wrongType.stderr).toContain('ending in .pdf or .csv');
    const wrongLanguage = await boex('pack', '--register', t.file, '--meeting', id, '--out', path.join(t.dir, 'p.pdf'), '--lang', 'de');
    expect(wrongLanguage.code).toBe(64);
    const notBoex = await boex('decision-list', '--register', t.file, '--meeting', id, '--out', path.join(t.dir, 'list.csv'));
    expect(notBoex.code).toBe(2);
    expect(notBoex.stderr).toContain('only a meeting of the Board of Examiners has a decision list');
    expect(existsSync(path.join(t.dir, 'list.csv'))).toBe(false);
  });
});
