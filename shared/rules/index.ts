/**
 * The rules of the elective-course procedure, as pure functions shared by the main process, the
 * renderer and the command line. Nothing here reads the clock, the disk or the network.
 */

export { LEVELS, LEVEL_CATEGORIES, isLevel, levelCategory, parseLevel } from './levels';
export type { Level, LevelCategory } from './levels';
export { ADVANCED_CAP_EC, INTRODUCTORY_CAP_EC, creditedEc, ecStanding } from './ec';
export type { CapStanding, EcStanding, Standing } from './ec';
export { convertGrade, gradeHundredths, isPass } from './grades';
export { academicYear, formatLongDate, isCalendarDate, parseCalendarDate } from './dates';
export type { CalendarDate } from './dates';
export { APPEAL_TERM_WEEKS, DEFAULT_DECISION_TERM_WEEKS, addDays, appealClosesOn, daysBetween, decisionClock, decisionDueOn, waitingFor } from './deadlines';
export type { DecisionClock } from './deadlines';
export { DEFAULT_DECISION_TEMPLATE, formatDecisionNumber } from './decision-number';
export { RULE_IDS, RULE_SEVERITY, SEVERITIES, mostSevere } from './findings';
export type { Finding, Message, RuleId, Severity } from './findings';
export { INSTITUTION_KINDS, checkPetition } from './petition';
export type { InstitutionKind, PetitionInput } from './petition';
export { transcriptFinding } from './transcript';
