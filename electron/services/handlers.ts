// The service behind each call of the API contract. The type makes a missing or mistyped handler
// a compile error, so the contract and the services cannot drift apart.
import type { z } from 'zod';
import type { Api, CallName } from '../../shared/api';
import type { AsyncCallName } from '../../shared/letters';
import { addAttachment, getAttachment, listAttachments, removeAttachment } from './attachments';
import { recordAdvice } from './advice';
import { addToAgenda, removeFromAgenda, reorderAgenda } from './agenda';
import type { ServiceContext } from './context';
import { searchCourses } from './courses';
import { importPetitions, previewImport } from './csv-import';
import { getLetterSettings, updateLetterSettings } from './letter-settings';
import { exportLetter, exportMeetingLetters, previewLetter } from './letters';
import { correctDecision, decisionsOf, recordBatch, recordDecision, recordGeneralDecision } from './decisions';
import { awaitingTranscript, correctGrade, gradesOfPetition, registerGrade } from './grades';
import { exportPending, pendingFile, pendingResults, reexportBatch, usisBatches } from './usis';
import { decisionList, meetingPack } from './meeting-documents';
import { createMeeting, getMeeting, listMeetings, meetingCandidates, updateMeeting } from './meetings';
import { createPetition, getPetition, updatePetition, withdrawPetition } from './petitions';
import { listPetitions } from './register-view';
import { registerInfo } from './register-info';
import { reportCsv, reportPdf, reportYears, yearFigures } from './report';
import { dueStudents, getRetentionSettings, purgeStudents, updateRetentionSettings } from './retention';
import { getDeadlineSettings, updateDeadlineSettings } from './deadline-settings';
import { getDecisionSettings, updateDecisionSettings } from './settings';
import { getStudent, rulesContext } from './students';

export type Handlers = {
  [N in Exclude<CallName, AsyncCallName>]: (ctx: ServiceContext, input: z.output<Api[N]['input']>) => z.input<Api[N]['output']>;
};

/** Calls that render or sign a PDF: their services are asynchronous, and dispatchAsync awaits them. */
export type AsyncHandlers = {
  [N in AsyncCallName]: (ctx: ServiceContext, input: z.output<Api[N]['input']>) => Promise<z.input<Api[N]['output']>>;
};

export const handlers: Handlers = {
  'register.info': (ctx) => registerInfo(ctx),
  'petitions.list': listPetitions,
  'petitions.get': getPetition,
  'petitions.create': createPetition,
  'petitions.update': updatePetition,
  'petitions.withdraw': withdrawPetition,
  'students.rulesContext': rulesContext,
  'students.get': getStudent,
  'courses.search': searchCourses,
  'petitions.importPreview': previewImport,
  'petitions.import': importPetitions,
  'attachments.add': addAttachment,
  'attachments.list': listAttachments,
  'attachments.get': getAttachment,
  'attachments.remove': removeAttachment,
  'meetings.list': (ctx) => listMeetings(ctx),
  'meetings.create': createMeeting,
  'meetings.update': updateMeeting,
  'meetings.get': getMeeting,
  'meetings.candidates': meetingCandidates,
  'agenda.add': addToAgenda,
  'agenda.remove': removeFromAgenda,
  'agenda.reorder': reorderAgenda,
  'advice.record': recordAdvice,
  'decisions.record': recordDecision,
  'decisions.recordBatch': recordBatch,
  'decisions.correct': correctDecision,
  'decisions.recordGeneral': recordGeneralDecision,
  'decisions.ofPetition': decisionsOf,
  'grades.awaiting': awaitingTranscript,
  'grades.register': registerGrade,
  'grades.correct': correctGrade,
  'grades.ofPetition': gradesOfPetition,
  'retention.settings': (ctx) => getRetentionSettings(ctx),
  'retention.updateSettings': updateRetentionSettings,
  'retention.due': (ctx) => dueStudents(ctx),
  'retention.purge': purgeStudents,
  'usis.pending': (ctx) => pendingResults(ctx),
  'usis.file': pendingFile,
  'usis.export': (ctx, input) => exportPending(ctx, input),
  'usis.batches': (ctx) => usisBatches(ctx),
  'usis.reexport': reexportBatch,
  'settings.decisions': (ctx) => getDecisionSettings(ctx),
  'settings.updateDecisions': updateDecisionSettings,
  'meetings.pack': meetingPack,
  'meetings.decisionList': decisionList,
  'report.year': yearFigures,
  'report.years': (ctx) => reportYears(ctx),
  'report.csv': reportCsv,
  'settings.letters': (ctx) => getLetterSettings(ctx),
  'settings.updateLetters': updateLetterSettings,
  'settings.deadlines': (ctx) => getDeadlineSettings(ctx),
  'settings.updateDeadlines': updateDeadlineSettings,
};

export const asyncHandlers: AsyncHandlers = {
  'letters.preview': previewLetter,
  'letters.export': exportLetter,
  'letters.exportMeeting': (ctx, input) => exportMeetingLetters(ctx, input),
  'report.pdf': reportPdf,
};
