import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ADVICE_KINDS, DECISION_OUTCOMES, MEETING_STATUSES } from '../../../shared/domain';

type MeetingStatus = (typeof MEETING_STATUSES)[number];
type AdviceKind = (typeof ADVICE_KINDS)[number];
type Outcome = (typeof DECISION_OUTCOMES)[number];

const STATUS_COLOURS: Record<MeetingStatus, string> = { planned: 'blue', held: 'yellow', closed: 'gray' };
export const ADVICE_COLOURS: Record<AdviceKind, string> = { support: 'green', not_support: 'red', defer: 'gray' };
const OUTCOME_COLOURS: Record<Outcome, string> = { approved: 'green', rejected: 'red' };

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" radius="sm" tt="none">
      {t(`meetings.status.${status}`)}
    </Badge>
  );
}

export function AdviceBadge({ advice, size = 'md' }: { advice: AdviceKind; size?: 'md' | 'lg' | 'xl' }) {
  const { t } = useTranslation();
  return (
    <Badge color={ADVICE_COLOURS[advice]} variant="light" radius="sm" tt="none" size={size}>
      {t('meetings.advice.badge', { advice: t(`meetings.advice.${advice}`).toLowerCase() })}
    </Badge>
  );
}

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  return (
    <Badge color={OUTCOME_COLOURS[outcome]} variant="light" radius="sm" tt="none">
      {t(`meetings.outcome.${outcome}`)}
    </Badge>
  );
}
