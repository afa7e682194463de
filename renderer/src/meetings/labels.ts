// Small helpers the meeting screens share: today's date, field sentences, names and the
// board's words for a meeting, an advice and a decision.
import type { QueryClient } from '@tanstack/react-query';
import type { MeetingDetail } from '../../../shared/meetings';

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
