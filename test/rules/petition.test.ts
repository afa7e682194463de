import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INSTITUTION_KINDS,
  LEVELS,
  RULE_IDS,
  RULE_SEVERITY,
  checkPetition,
  levelCategory,
  type Finding,
  type Level,
  type PetitionInput,
  type RuleId,
} from '../../shared/rules';

type Other = PetitionInput['otherPetitions'][number];

/** A petition that breaks nothing: master level, Leiden, on time, whole EC, no other petitions. */
const ok: PetitionInput = {
  submittedOn: '2023-01-10',
  course: { id: 'c-1', ec: 5, level: 400, startDate: '2023-02-01', honours: false },
  institutionKind: 'leiden',
  hboFormOnFile: false,
  otherPetitions: [],
};

function petition(change: {
  submittedOn?: string;
  course?: Partial<PetitionInput['course']>;
  institutionKind?: PetitionInput['institutionKind'];
  hboFormOnFile?: boolean;
  otherPetitions?: Other[];
}): PetitionInput {
  return { ...ok, ...change, course: { ...ok.course, ...change.course } };
}

const other = (ec: number, level: Level, standing: Other['standing'], courseId = `other-${ec}-${level}`): Other =>
  ({ courseId, ec, level, standing });

const ruleIds = (input: PetitionInput): string[] => checkPetition(input).map((f) => f.rule);
const only = (input: PetitionInput, rule: RuleId): Finding => {
  const found = checkPetition(input).find((f) => f.rule === rule);
  if (!found) throw new Error(`no ${rule} finding`);
  return found;
};

describe('checkPetition: one table row per rule', () => {
  it.each<[string, PetitionInput, RuleId[]]>([
    ['a petition that breaks nothing', ok, []],
    ['level 500', petition({ course: { level: 500 } }), []],
    ['category master elsewhere', petition({ course: { level: 'master' }, institutionKind: 'university' }), []],

    ['level 300', petition({ course: { level: 300, ec: 3 } }), ['level.advanced']],
    ['category advanced', petition({ course: { level: 'advanced', ec: 3 } }), ['level.advanced']],
    ['level 100', petition({ course: { level: 100, ec: 3 } }), ['level.introductory']],
    ['level 200', petition({ course: { level: 200, ec: 2 } }), ['level.introductory']],
    ['category introductory', petition({ course: { level: 'introductory', ec: 1 } }), ['level.introductory']],

    ['6 EC at level 300 on its own', petition({ course: { level: 300, ec: 6 } }), ['level.advanced', 'cap.advanced']],
    [
      '3 EC approved at level 300, 3 more at level 300',
      petition({ course: { level: 300, ec: 3 }, otherPetitions: [other(3, 300, 'approved')] }),
      ['level.advanced', 'cap.advanced'],
    ],
    [
      'exactly 5 EC below master level is allowed',
      petition({ course: { level: 300, ec: 2 }, otherPetitions: [other(3, 'advanced', 'approved')] }),
      ['level.advanced'],
    ],
    [
      '3 EC pending at level 300, 3 more at level 300',
      petition({ course: { level: 300, ec: 3 }, otherPetitions: [other(3, 300, 'pending')] }),
      ['level.advanced', 'cap.advanced.pending'],
    ],
    [
      '3 EC approved at introductory level, 2 more (the example of the brief)',
      petition({ course: { level: 100, ec: 2 }, otherPetitions: [other(3, 'introductory', 'approved')] }),
      ['level.introductory', 'cap.introductory'],
    ],
    [
      'exactly 3 EC at introductory level is allowed',
      petition({ course: { level: 200, ec: 2 }, otherPetitions: [other(1, 100, 'approved')] }),
      ['level.introductory'],
    ],
    [
      '2 EC pending at introductory level, 2 more',
      petition({ course: { level: 200, ec: 2 }, otherPetitions: [other(2, 100, 'pending')] }),
      ['level.introductory', 'cap.introductory.pending'],
    ],
    [
      'both caps exceeded by approved petitions',
      petition({ course: { level: 100, ec: 2 }, otherPetitions: [other(2, 100, 'approved'), other(2, 300, 'approved')] }),
      ['level.introductory', 'cap.advanced', 'cap.introductory'],
    ],
    [
      'advanced cap exceeded, introductory only with pending',
      petition({
        course: { level: 100, ec: 2 },
        otherPetitions: [other(1, 100, 'approved'), other(3, 300, 'approved'), other(1, 200, 'pending')],
      }),
      ['level.introductory', 'cap.advanced', 'cap.introductory.pending'],
    ],
    [
      'master-level petitions never count toward a cap',
      petition({ course: { level: 300, ec: 5 }, otherPetitions: [other(20, 400, 'approved'), other(6, 'master', 'pending')] }),
      ['level.advanced'],
    ],
    [
      'a master-level course gets no cap finding, however much is approved below master level',
      petition({ otherPetitions: [other(5, 300, 'approved'), other(3, 100, 'approved'), other(4, 200, 'pending')] }),
      [],
    ],
    [
      'an advanced course is not charged with introductory EC approved before',
      petition({ course: { level: 300, ec: 1 }, otherPetitions: [other(4, 100, 'approved')] }),
      ['level.advanced'],
    ],
    [
      'caps count credited EC: 2.5 + 2.5 at introductory level is 4 EC',
      petition({ course: { level: 100, ec: 2.5 }, otherPetitions: [other(2.5, 100, 'approved')] }),
      ['level.introductory', 'cap.introductory', 'ec.half'],
    ],

    ['applied sciences without the HBO form', petition({ institutionKind: 'applied_sciences' }), ['hbo.form']],
    ['applied sciences with the HBO form', petition({ institutionKind: 'applied_sciences', hboFormOnFile: true }), []],
    ['a research university needs no HBO form', petition({ institutionKind: 'university' }), []],

    ['an honours course', petition({ course: { honours: true } }), ['honours']],

    ['submitted on the start date', petition({ submittedOn: '2023-02-01' }), ['timing.late']],
    ['submitted after the start date', petition({ submittedOn: '2023-03-01' }), ['timing.late']],
    ['submitted the day before', petition({ submittedOn: '2023-01-31' }), []],
    ['start date unknown', petition({ course: { startDate: null } }), ['timing.unknown']],

    ['7.5 EC', petition({ course: { ec: 7.5 } }), ['ec.half']],
    ['2.5 EC', petition({ course: { ec: 2.5 } }), ['ec.half']],

    ['an approved petition for the same course', petition({ otherPetitions: [other(5, 400, 'approved', 'c-1')] }), ['duplicate']],
    ['a pending petition for the same course', petition({ otherPetitions: [other(5, 400, 'pending', 'c-1')] }), ['duplicate']],
    ['a petition for another course', petition({ otherPetitions: [other(5, 400, 'approved', 'c-2')] }), []],

    [
      'everything at once, reported in rule order',
      petition({
        submittedOn: '2023-02-01',
        course: { id: 'c-9', level: 200, ec: 2.5, honours: true },
        institutionKind: 'applied_sciences',
        otherPetitions: [other(3, 100, 'approved', 'c-9'), other(1, 300, 'pending')],
      }),
      ['level.introductory', 'cap.advanced.pending', 'cap.introductory', 'hbo.form', 'honours', 'timing.late', 'ec.half', 'duplicate'],
    ],
  ])('%s', (_, input, expected) => {
    expect(ruleIds(input)).toEqual(expected);
    for (const f of checkPetition(input)) expect(f.severity).toBe(RULE_SEVERITY[f.rule as RuleId]);
  });
});

describe('checkPetition: messages', () => {
  it.each<[RuleId, PetitionInput, string[], string[]]>([
    [
      'level.introductory',
      petition({ course: { level: 100, ec: 2 } }),
      ['introductory level (level 100)', 'individual permission'],
      ['inleidend niveau (niveau 100)', 'Voor vakken op inleidend niveau is individuele toestemming nodig.'],
    ],
    [
      'level.advanced',
      petition({ course: { level: 'advanced', ec: 2 } }),
      ['at advanced level, not at Master level'],
      ['op gevorderd niveau en dus niet op masterniveau'],
    ],
    [
      'cap.introductory',
      petition({ course: { level: 100, ec: 2 }, otherPetitions: [other(3, 100, 'approved')] }),
      ['the 3 EC already approved', 'the 2 EC of this petition', 'make 5 EC', 'the limit of 3 EC', 'introductory level'],
      ['de al goedgekeurde 3 EC', 'de 2 EC van dit verzoek', 'maken samen 5 EC', 'het maximum van 3 EC'],
    ],
    [
      'cap.advanced',
      petition({ course: { level: 300, ec: 6 } }),
      ['the 6 EC of this petition are more than the limit of 5 EC', 'advanced and introductory level'],
      ['de 6 EC van dit verzoek zijn al meer dan het maximum van 5 EC', 'gevorderd en inleidend niveau'],
    ],
    [
      'cap.advanced.pending',
      petition({ course: { level: 300, ec: 2 }, otherPetitions: [other(1, 300, 'approved'), other(3, 100, 'pending')] }),
      ['If pending petitions are approved', 'the 1 EC already approved, the 3 EC of pending petitions and the 2 EC of this petition make 6 EC', 'limit of 5 EC'],
      ['Als lopende verzoeken worden goedgekeurd', 'de 3 EC van lopende verzoeken', 'maken samen 6 EC', 'maximum van 5 EC'],
    ],
    [
      'ec.half',
      petition({ course: { ec: 7.5 } }),
      ['7.5 EC', 'rounded down to 7 EC'],
      ['7,5 EC', 'naar beneden afgerond op 7 EC'],
    ],
    [
      'timing.late',
      petition({ submittedOn: '2023-02-03' }),
      ['submitted on 3 February 2023', 'started on 1 February 2023', 'before the start of the course'],
      ['ingediend op 3 februari 2023', 'op 1 februari 2023', 'vóór de start van het vak'],
    ],
    [
      'timing.late',
      petition({ submittedOn: '2023-02-01' }),
      ['the day the course started'],
      ['de dag waarop het vak begon'],
    ],
    ['hbo.form', petition({ institutionKind: 'applied_sciences' }), ['HBO Elective Course Form', 'signed by the course lecturer'], ['hogeschool', 'ondertekend door de docent']],
    ['honours', petition({ course: { honours: true } }), ['honours course', 'cannot be used as an elective'], ['honoursvak', 'niet als keuzevak']],
    ['timing.unknown', petition({ course: { startDate: null } }), ['start date of the course is unknown'], ['startdatum van het vak is onbekend']],
    ['duplicate', petition({ otherPetitions: [other(5, 400, 'pending', 'c-1')] }), ['pending petition for this course'], ['nog in behandeling']],
    ['duplicate', petition({ otherPetitions: [other(5, 400, 'approved', 'c-1')] }), ['approved petition for this course'], ['goedgekeurd verzoek']],
  ])('%s names what it is about', (rule, input, en, nl) => {
    const { message } = only(input, rule);
    for (const part of en) expect(message.en).toContain(part);
    for (const part of nl) expect(message.nl).toContain(part);
  });
});

describe('checkPetition: invalid input', () => {
  it.each<[string, PetitionInput, RegExp]>([
    ['a submission date that does not exist', petition({ submittedOn: '2023-02-29' }), /Submission date "2023-02-29" is not a real calendar date/],
    ['a submission date in another format', petition({ submittedOn: '10-01-2023' }), /Submission date/],
    ['a start date that does not exist', petition({ course: { startDate: '2023-04-31' } }), /Course start date "2023-04-31"/],
    ['zero EC', petition({ course: { ec: 0 } }), /EC must be a positive finite number/],
    ['negative EC', petition({ course: { ec: -5 } }), /EC must be a positive finite number/],
    ['infinite EC', petition({ course: { ec: Number.POSITIVE_INFINITY } }), /EC must be a positive finite number/],
    ['NaN EC', petition({ course: { ec: Number.NaN } }), /EC must be a positive finite number/],
    ['an unknown level', petition({ course: { level: 450 as Level } }), /Level 450 is not one of/],
    ['an unknown institution kind', petition({ institutionKind: 'college' as 'leiden' }), /Institution kind "college"/],
    ['another petition with zero EC', petition({ otherPetitions: [other(0, 300, 'approved')] }), /EC must be a positive/],
    ['another petition with an unknown level', petition({ otherPetitions: [other(3, 'bachelor' as Level, 'approved')] }), /Level "bachelor"/],
    ['another petition that was rejected', petition({ otherPetitions: [other(3, 300, 'rejected' as 'approved')] }), /Standing must be/],
  ])('%s is a RangeError', (_, input, message) => {
    expect(() => checkPetition(input)).toThrow(RangeError);
    expect(() => checkPetition(input)).toThrow(message);
  });
});

const level = fc.constantFrom(...LEVELS);
const ec = fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constantFrom(0.5, 1.5, 2.5, 3.75, 7.5));
const date = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const courseId = fc.constantFrom('c-1', 'c-2', 'c-3', 'c-4');
const otherArb = fc.record({ courseId, ec, level, standing: fc.constantFrom('approved' as const, 'pending' as const) });
const input: fc.Arbitrary<PetitionInput> = fc.record({
  submittedOn: date,
  course: fc.record({ id: courseId, ec, level, startDate: fc.option(date, { nil: null }), honours: fc.boolean() }),
  institutionKind: fc.constantFrom(...INSTITUTION_KINDS),
  hboFormOnFile: fc.boolean(),
  otherPetitions: fc.array(otherArb, { maxLength: 6 }),
});

const capErrors = (i: PetitionInput): string[] =>
  ruleIds(i).filter((rule) => rule === 'cap.advanced' || rule === 'cap.introductory');

describe('checkPetition: properties', () => {
  it('adding an approved petition never removes a cap error', () => {
    fc.assert(
      fc.property(input, otherArb, (i, extra) => {
        const more = { ...i, otherPetitions: [...i.otherPetitions, { ...extra, standing: 'approved' as const }] };
        for (const rule of capErrors(i)) expect(capErrors(more)).toContain(rule);
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(checkPetition(structuredClone(i))).toEqual(checkPetition(i));
      }),
    );
  });

  it('does not depend on the order of the other petitions', () => {
    fc.assert(
      fc.property(input, (i) => {
        const reversed = { ...i, otherPetitions: [...i.otherPetitions].reverse() };
        expect(checkPetition(reversed)).toEqual(checkPetition(i));
      }),
    );
  });

  it('reports each rule at most once, in RULE_IDS order, with its own severity', () => {
    fc.assert(
      fc.property(input, (i) => {
        const findings = checkPetition(i);
        const ranks = findings.map((f) => RULE_IDS.indexOf(f.rule as RuleId));
        expect(ranks.every((rank) => rank >= 0)).toBe(true);
        for (let k = 1; k < ranks.length; k++) expect(ranks[k]).toBeGreaterThan(ranks[k - 1] ?? -1);
        for (const f of findings) expect(f.severity).toBe(RULE_SEVERITY[f.rule as RuleId]);
      }),
    );
  });

  it('writes every finding as a sentence in English and in Dutch', () => {
    fc.assert(
      fc.property(input, (i) => {
        for (const { message } of checkPetition(i)) {
          expect(message.en.trim()).not.toBe('');
          expect(message.nl.trim()).not.toBe('');
          expect(message.en).not.toBe(message.nl);
          expect(message.en).toMatch(/^[A-Z].*\.$/);
          expect(message.nl).toMatch(/^[A-Z].*\.$/);
        }
      }),
    );
  });

  it('never reports a cap for a master-level course', () => {
    fc.assert(
      fc.property(input, (i) => {
        fc.pre(levelCategory(i.course.level) === 'master');
        expect(ruleIds(i).filter((rule) => rule.startsWith('cap.'))).toEqual([]);
      }),
    );
  });

  it('never reports a cap error and its pending warning together', () => {
    fc.assert(
      fc.property(input, (i) => {
        const rules = ruleIds(i);
        for (const scope of ['advanced', 'introductory']) {
          expect(rules.includes(`cap.${scope}`) && rules.includes(`cap.${scope}.pending`)).toBe(false);
        }
      }),
    );
  });
});
