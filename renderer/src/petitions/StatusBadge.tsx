import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PetitionStatus } from '../../../shared/domain';

const COLOURS: Record<PetitionStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  in_progress: 'yellow',
  rejected: 'red',
  approved: 'green',
  external_approved: 'teal',
  withdrawn: 'gray',
};

export function StatusBadge({ status }: { status: PetitionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="light" radius="sm" tt="none">
      {t(`status.${status}`)}
    </Badge>
  );
}
