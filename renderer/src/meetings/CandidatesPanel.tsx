// The petitions that may go on this meeting's agenda now, each with "Add", and "Add all".
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/meetings';
import type { PetitionRow } from '../../../shared/schemas';
import { call } from '../api/client';
import { formatEc } from '../format';
import { currentLanguage } from '../i18n';
import { SeverityBadge } from '../petitions/Findings';
import { applyDetail } from './labels';

export function CandidatesPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const candidates = useQuery({
    queryKey: ['meetings.candidates', meeting.id],
    queryFn: () => call('meetings.candidates', { meetingId: meeting.id }),
  });
  const add = useMutation({
    mutationFn: (petitionIds: number[]) => call('agenda.add', { meetingId: meeting.id, petitionIds }),
    onSuccess: async (saved, petitionIds) => {
      await applyDetail(queryClient, saved);
      notifications.show({ color: 'green', message: t('meetings.candidates.added', { count: petitionIds.length }) });
    },
  });
  const rows = candidates.data ?? [];
  const adding = (row: PetitionRow) => add.isPending && add.variables.includes(row.id) && add.variables.length === 1;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="candidates-title">
      <Group justify="space-between" align="flex-start" mb={4}>
        <Title order={3} size="h4" id="candidates-title">
          {t('meetings.candidates')}
        </Title>
        {rows.length > 0 && (
          <Button size="xs" variant="light" onClick={() => add.mutate(rows.map((row) => row.id))} loading={add.isPending && add.variables.length > 1}>
            {t('meetings.candidates.addAll', { count: rows.length })}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t(`meetings.candidates.hint.${meeting.body}`)}
      </Text>
      {candidates.isPending && <Loader size="sm" aria-label={t('meetings.loading')} />}
      {candidates.isError && <Alert color="red">{candidates.error.message}</Alert>}
      {add.isError && (
        <Alert color="red" role="alert" mb="sm" withCloseButton onClose={() => add.reset()}>
          {add.error.message}
        </Alert>
      )}
      {candidates.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('meetings.candidates.none')}
        </Text>
      )}
      {rows.length > 0 && (
        <Stack component="ul" gap="xs" aria-label={t('meetings.candidates.label')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {rows.map((row) => (
            <li key={row.id} data-petition={row.id} data-student={row.studentNumber}>
              <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {row.studentName}{' '}
                    <Text span size="xs" c="dimmed" ff="monospace">
                      {row.studentNumber}
                    </Text>
                  </Text>
                  <Text size="sm" lineClamp={2}>
                    {row.courseTitle}
                  </Text>
                  <Group gap={6} mt={2}>
                    <Text size="xs" c="dimmed">
                      {row.institution} · {formatEc(row.ec, lang)} EC · {t(`level.${row.level}`)}
                    </Text>
                    {row.findingSeverity && <SeverityBadge severity={row.findingSeverity} />}
                  </Group>
                </div>
                <Button size="xs" variant="default" aria-label={t('meetings.candidates.addLabel', { name: row.studentName })} onClick={() => add.mutate([row.id])} loading={adding(row)}>
                  {t('meetings.candidates.add')}
                </Button>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
