// One meeting: its header (body, date, status), the candidates, and the agenda. At an MT Board
// meeting the agenda leads to meeting mode; at a BoEx meeting each item carries the MT Board's
// advice and the decision.
import { Alert, Anchor, Button, Grid, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { MEETING_STATUSES } from '../../../shared/domain';
import type { AgendaItem, Decision, MeetingDetail } from '../../../shared/meetings';
import { call } from '../api/client';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { AgendaList } from './AgendaList';
import { MeetingStatusBadge } from './Badges';
import { BatchDecisionModal, batchItems } from './BatchDecisionModal';
import { BoexItemPanel, MtItemPanel } from './ItemPanels';
import { CandidatesPanel } from './CandidatesPanel';
import { DecisionFormModal } from './DecisionFormModal';
import { MeetingFormModal } from './MeetingFormModal';
import './meetings.css';
import { MeetingDocuments } from './MeetingDocuments';

export function MeetingPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: ['meetings.get', id], queryFn: () => call('meetings.get', { id }) });
  return (
    <Stack gap="md" maw={1320}>
      <Anchor component={Link} href="/meetings" size="sm">
        ← {t('meetings.back')}
      </Anchor>
      {detail.isPending && <Loader size="sm" aria-label={t('meetings.loading')} />}
      {detail.isError && <Alert color="red">{detail.error.message}</Alert>}
      {detail.data && <Meeting detail={detail.data} />}
    </Stack>
  );
}

function Meeting({ detail }: { detail: MeetingDetail }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const { meeting, items } = detail;
  const [editing, edit] = useDisclosure(false);
  const [batching, batch] = useDisclosure(false);
  const [deciding, setDeciding] = useState<{ item: AgendaItem; replaces: Decision | null } | null>(null);
  const editable = meeting.status !== 'closed';
  const isBoex = meeting.body === 'boex';

  const status = useMutation({
    mutationFn: (next: (typeof MEETING_STATUSES)[number]) =>
      call('meetings.update', { id: meeting.id, status: next, heldOn: meeting.heldOn, cutoffOn: meeting.cutoffOn, location: meeting.location }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: t('meetings.status.changed', { status: t(`meetings.status.${saved.status}`).toLowerCase() }) });
    },
  });

  const heading = t('meetings.heading', { body: t(`meetings.body.${meeting.body}`), date: formatDate(meeting.heldOn, lang) });
  const toDecide = batchItems(detail).length;

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={2}>{heading}</Title>
          <Group gap="xs" mt={4}>
            <MeetingStatusBadge status={meeting.status} />
            <Text size="sm" c="dimmed">
              {t(`meetings.bodyLong.${meeting.body}`)} · {t('meetings.cutoff', { date: formatDate(meeting.cutoffOn ?? meeting.heldOn, lang) })}
              {meeting.location && ` · ${meeting.location}`}
            </Text>
          </Group>
        </div>
        <Group gap="sm">
          <Button variant="default" onClick={edit.open}>
            {t('meetings.form.edit')}
          </Button>
          <MeetingDocuments meeting={meeting} />
          {!isBoex && (
            <Button component={Link} href={`/meetings/${meeting.id}/advice`} disabled={items.length === 0}>
              {t('meetings.meetingMode')}
            </Button>
          )}
          {isBoex && (
            <Button onClick={batch.open} disabled={toDecide === 0}>
              {t('meetings.batch')}
            </Button>
          )}
        </Group>
      </Group>

      <Group gap="sm" align="center">
        <Text size="sm" fw={500} id="meeting-status-label">
          {t('meetings.status.label')}
        </Text>
        <SegmentedControl
          size="sm"
          aria-labelledby="meeting-status-label"
          value={meeting.status}
          onChange={(value) => status.mutate(value as (typeof MEETING_STATUSES)[number])}
          // A meeting moves forward only: planned, held, closed.
          data={MEETING_STATUSES.map((s, i) => ({ value: s, label: t(`meetings.status.${s}`), disabled: i < MEETING_STATUSES.indexOf(meeting.status) }))}
          disabled={status.isPending}
        />
      </Group>
      {status.isError && (
        <Alert color="red" role="alert" withCloseButton onClose={() => status.reset()}>
          {status.error.message}
        </Alert>
      )}
      {!editable && (
        <Alert color="gray" variant="light" role="note">
          {t('meetings.closedNote')}
        </Alert>
      )}

      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: editable ? 8 : 12 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="agenda-title">
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h4" id="agenda-title">
                {t('meetings.agenda')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('meetings.agenda.count', { count: items.length })} · {t(`meetings.done.${meeting.body}`, { done: meeting.doneCount, count: meeting.itemCount })}
              </Text>
            </Group>
            {items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('meetings.agenda.empty')}
              </Text>
            ) : (
              <>
                {editable && (
                  <Text size="xs" c="dimmed" mb="sm">
                    {t('meetings.agenda.hint')}
                  </Text>
                )}
                <AgendaList
                  detail={detail}
                  editable={editable}
                  extra={(item) =>
                    isBoex ? (
                      <BoexItemPanel item={item} onDecide={() => setDeciding({ item, replaces: null })} onCorrect={(d) => setDeciding({ item, replaces: d })} />
                    ) : (
                      <MtItemPanel item={item} />
                    )
                  }
                />
              </>
            )}
          </Paper>
        </Grid.Col>
        {editable && (
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <CandidatesPanel meeting={meeting} />
          </Grid.Col>
        )}
      </Grid>

      <MeetingFormModal opened={editing} onClose={edit.close} meeting={meeting} />
      {isBoex && <BatchDecisionModal opened={batching} onClose={batch.close} detail={detail} />}
      {deciding && <DecisionFormModal opened onClose={() => setDeciding(null)} item={deciding.item} replaces={deciding.replaces} />}
    </>
  );
}
