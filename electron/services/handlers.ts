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
import { decisionList, meetingPack } from './meeting-documents';
import { createMeeting, getMeeting, listMeetings, meetingCandidates, updateMeeting } from './meetings';
import { createPetition, getPetition, updatePetition, withdrawPetition } from './petitions';
import { listPetitions } from './register-view';
import { registerInfo } from './register-info';
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
  'settings.decisions': (ctx) => getDecisionSettings(ctx),
  'settings.updateDecisions': updateDecisionSettings,
  'meetings.pack': meetingPack,
  'meetings.decisionList': decisionList,
  'settings.letters': (ctx) => getLetterSettings(ctx),
  'settings.updateLetters': updateLetterSettings,
};

export const asyncHandlers: AsyncHandlers = {
  'letters.preview': previewLetter,
  'letters.export': exportLetter,
  'letters.exportMeeting': (ctx, input) => exportMeetingLetters(ctx, input),
};
