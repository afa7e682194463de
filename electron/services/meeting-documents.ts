// A meeting's documents from the register: the meeting pack of any meeting and the decision list
// of a Board of Examiners meeting. Reading only: nothing is stored, so there is no audit row. The
// documents are dated with the service clock, so the same register at the same moment gives the
// same bytes.
import { eq } from 'drizzle-orm';
import { decisions } from '../../db/schema';
import { AppError } from '../../shared/errors';
import type { DecisionList, MeetingPack } from '../../shared/meeting-documents';
import type { Meeting } from '../../shared/meetings';
import { decisionListCsv, decisionListEntries, renderDecisionList } from '../pdf/decision-list';
import { PdfError } from '../pdf/errors';
import { renderMeetingPack } from '../pdf/meeting-pack';
import type { DocumentLanguage } from '../pdf/meeting-wording';
import type { ServiceContext } from './context';
import { decisionsWhere } from './decision-view';
import { meetingDetail } from './meetings';
import { longDate } from './petition-facts';

type Format = 'pdf' | 'csv';

/** A document and what it holds, for the API (as base64 or text) and the command line (as a file). */
export interface MeetingDocument<Content extends Buffer | string = Buffer | string> {
  fileName: string;
  content: Content;
  /** Agenda items (pack) or decisions (list). */
  count: number;
}

const PACK_NAME = { en: 'meeting-pack', nl: 'vergaderstukken' } as const;
const LIST_NAME = { en: 'decision-list', nl: 'besluitenlijst' } as const;
const BODY_NAME = { mt_board: 'mt-board', boex: 'boex' } as const;

/** "meeting-pack-mt-board-2025-02-20.pdf", "besluitenlijst-2025-02-27.csv": safe on every system. */
function fileName(parts: string[], extension: Format): string {
  return `${parts.join('-')}.${extension}`;
}

/** A document the fonts cannot draw is refused with the sentence the PDF layer wrote for it. */
function rendered<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof PdfError) throw new AppError(error.code, 'meetingDocuments.error.pdf', { reason: error.sentence });
    throw error;
  }
}

export function meetingPackDocument(ctx: ServiceContext, input: { meetingId: number; language: DocumentLanguage }): MeetingDocument<Buffer> {
  const detail = meetingDetail(ctx, input.meetingId);
  const { meeting } = detail;
  const pdf = rendered(() => renderMeetingPack(detail, { language: input.language, createdAt: ctx.now() }));
  return { fileName: fileName([PACK_NAME[input.language], BODY_NAME[meeting.body], meeting.heldOn], 'pdf'), content: pdf, count: detail.items.length };
}

function boexOnly(meeting: Meeting): void {
  if (meeting.body !== 'boex') throw new AppError('not_boex', 'meetingDocuments.error.notBoex', { date: longDate(meeting.heldOn) });
}

export function decisionListDocument(
  ctx: ServiceContext,
  input: { meetingId: number; language: DocumentLanguage; format: Format },
): MeetingDocument {
  const { db } = ctx.register;
  const detail = meetingDetail(ctx, input.meetingId);
  boexOnly(detail.meeting);
  // Every decision taken at the meeting: corrections keep the meeting of the decision they
  // replace, so both appear; general decisions taken there have no agenda item but belong too.
  const taken = decisionsWhere(db, eq(decisions.meetingId, detail.meeting.id));
  const list = { detail, decisions: taken, language: input.language, createdAt: ctx.now() };
  const content = input.format === 'pdf' ? rendered(() => renderDecisionList(list)) : decisionListCsv(list);
  return {
    fileName: fileName([LIST_NAME[input.language], detail.meeting.heldOn], input.format),
    content,
    count: decisionListEntries(detail, taken).length,
  };
}

export function meetingPack(ctx: ServiceContext, input: { meetingId: number; language: DocumentLanguage }): MeetingPack {
  const { fileName: name, content } = meetingPackDocument(ctx, input);
  return { fileName: name, pdfBase64: content.toString('base64') };
}

export function decisionList(ctx: ServiceContext, input: { meetingId: number; language: DocumentLanguage; format: Format }): DecisionList {
  const { fileName: name, content } = decisionListDocument(ctx, input);
  return typeof content === 'string'
    ? { format: 'csv', fileName: name, csv: content }
    : { format: 'pdf', fileName: name, pdfBase64: content.toString('base64') };
}
