// Small helpers the meeting screens share: today's date, field sentences, names and the
// board's words for a meeting, an advice and a decision.
import type { QueryClient } from '@tanstack/react-query';
import { isMessageKey } from '../../../shared/i18n';
import type { MeetingDetail } from '../../../shared/meetings';
import { i18n } from '../i18n';

/** Today in the user's local calendar, as YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Field errors are catalogue keys (from the shared zod schemas) or sentences (from the main process). */
export function sentence(message: string | undefined): string | undefined {
  if (!message) return undefined;
  return isMessageKey(message) ? i18n.t(message) : message;
}

/**
 * After a call that returns the meeting's new state: show it at once, and let every other view
 * that may have changed (candidates, the meetings list, the register, petition pages) reload.
 */
export async function applyDetail(queryClient: QueryClient, detail: MeetingDetail): Promise<void> {
  queryClient.setQueryData(['meetings.get', detail.meeting.id], detail);
  await queryClient.invalidateQueries({
    predicate: (query) => !(query.queryKey[0] === 'meetings.get' && query.queryKey[1] === detail.meeting.id),
  });
}
