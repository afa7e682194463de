import { describe, expect, it } from 'vitest';
import * as rules from '../../shared/rules';
import {
  INSTITUTION_KINDS,
  RULE_IDS,
  RULE_SEVERITY,
  SEVERITIES,
  mostSevere,
  transcriptFinding,
  type Finding,
  type Severity,
} from '../../shared/rules';

const of = (...severities: Severity[]): Finding[] =>
  severities.map((severity) => ({ rule: 'x', severity, message: { en: 'x', nl: 'x' } }));

describe('the public contract', () => {
  it.each([
    'levelCategory', 'creditedEc', 'convertGrade', 'isPass', 'academicYear', 'formatDecisionNumber',
    'checkPetition', 'transcriptFinding', 'LEVELS', 'INSTITUTION_KINDS', 'SEVERITIES', 'RULE_IDS',
    'mostSevere', 'parseLevel', 'isCalendarDate', 'ecStanding', 'ADVANCED_CAP_EC', 'INTRODUCTORY_CAP_EC',
  ])('exports %s', (name) => {
    expect(rules).toHaveProperty(name);
  });

  it('lists the institution kinds and severities', () => {
    expect(INSTITUTION_KINDS).toEqual(['leiden', 'university', 'applied_sciences']);
    expect(SEVERITIES).toEqual(['error', 'warning', 'info']);
  });
});

describe('RULE_IDS', () => {
  it.each<[string, Severity]>([
    ['level.advanced', 'warning'],
    ['level.introductory', 'warning'],
    ['cap.advanced', 'error'],
    ['cap.advanced.pending', 'warning'],
    ['cap.introductory', 'error'],
    ['cap.introductory.pending', 'warning'],
    ['hbo.form', 'error'],
    ['honours', 'error'],
    ['timing.late', 'error'],
    ['timing.unknown', 'warning'],
    ['ec.half', 'info'],
    ['duplicate', 'error'],
    ['transcript.certified', 'error'],
  ])('%s is a rule with severity %s', (rule, severity) => {
    expect(RULE_IDS).toContain(rule);
    expect(RULE_SEVERITY[rule as rules.RuleId]).toBe(severity);
  });

  it('has no duplicates and a severity for each', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect(Object.keys(RULE_SEVERITY).sort()).toEqual([...RULE_IDS].sort());
  });
});

describe('mostSevere', () => {
  it.each<[Severity[], Severity | null]>([
    [[], null],
    [['info'], 'info'],
    [['info', 'warning'], 'warning'],
    [['warning', 'error', 'info'], 'error'],
    [['error'], 'error'],
  ])('%j → %s', (severities, expected) => {
    expect(mostSevere(of(...severities))).toBe(expected);
  });
});

describe('transcriptFinding', () => {
  it('is silent when a certified transcript is on file', () => {
    expect(transcriptFinding(true)).toEqual([]);
  });

  it('blocks registering a grade without one', () => {
    const [finding, ...rest] = transcriptFinding(false);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'transcript.certified', severity: 'error' });
    expect(finding?.message.en).toMatch(/certified transcript/);
    expect(finding?.message.nl).toMatch(/gewaarmerkt cijferoverzicht/);
  });
});
