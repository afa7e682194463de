/**
 * Findings: what the rules have to say about a petition or a grade. `error` blocks an approved
 * decision (a rejection is always possible), `warning` needs the board's attention, `info` explains.
 */

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Message {
  en: string;
  nl: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: Message;
}

/** Every rule, in the order findings are reported. */
export const RULE_IDS = [
  'level.advanced',
  'level.introductory',
  'cap.advanced',
  'cap.advanced.pending',
  'cap.introductory',
  'cap.introductory.pending',
  'hbo.form',
  'honours',
  'timing.late',
  'timing.unknown',
  'ec.half',
  'duplicate',
  'transcript.certified',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const RULE_SEVERITY: Readonly<Record<RuleId, Severity>> = {
  'level.advanced': 'warning',
  'level.introductory': 'warning',
  'cap.advanced': 'error',
  'cap.advanced.pending': 'warning',
  'cap.introductory': 'error',
  'cap.introductory.pending': 'warning',
  'hbo.form': 'error',
  honours: 'error',
  'timing.late': 'error',
  'timing.unknown': 'warning',
  'ec.half': 'info',
  duplicate: 'error',
  'transcript.certified': 'error',
};

export function finding(rule: RuleId, message: Message): Finding {
  return { rule, severity: RULE_SEVERITY[rule], message };
}

/** Sorts by RULE_IDS so that reports do not depend on the order the checks happen to run in. */
export function byRuleOrder(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding): number => (RULE_IDS as readonly string[]).indexOf(f.rule);
  return [...findings].sort((a, b) => rank(a) - rank(b));
}

export function mostSevere(findings: readonly Finding[]): Severity | null {
  return SEVERITIES.find((severity) => findings.some((f) => f.severity === severity)) ?? null;
}
