// "Decide all supported as approved": every advised item without a decision is decided at once,
// each with its own number, as the advice suggests (support: approved; not support: rejected),
// with a switch per item to decide otherwise.
import { Alert, Autocomplete, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../shared/api';
import type { DECISION_OUTCOMES } from '../../../shared/domain';
import { batchDecisionInput, type AgendaItem, type MeetingDetail } from '../../../shared/meetings';
import { creditedEc } from '../../../shared/rules';
import { ApiError, call } from '../api/client';
import { currentLanguage } from '../i18n';
import { SeverityBadge } from '../petitions/Findings';
import { AdviceBadge } from './Badges';
import { sentence, today } from '../forms';

type Outcome = (typeof DECISION_OUTCOMES)[number];

/** The items the batch decides: advised (supported or not) by the MT Board and not decided yet. */
export function batchItems(detail: MeetingDetail): AgendaItem[] {
  return detail.items.filter((item) => (item.advice?.advice === 'support' || item.advice?.advice === 'not_support') && item.decision === null);
}

/** The outcome the advice suggests: supported items are approved, the others rejected. */
const suggested = (item: AgendaItem): Outcome => (item.advice?.advice === 'support' ? 'approved' : 'rejected');

export function BatchDecisionModal({ opened, onClose, detail }: { opened: boolean; onClose(): void; detail: MeetingDetail }) {
  const { t } = useTranslation();
  // The modal's content mounts on every opening, so each opening starts from today and no overrides.
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={t('meetings.batch')} closeOnClickOutside={false}>
      <BatchForm onClose={onClose} detail={detail} />
    </Modal>
  );
}

function BatchForm({ onClose, detail }: { onClose(): void; detail: MeetingDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const items = useMemo(() => batchItems(detail), [detail]);
  const settings = useQuery({ queryKey: ['settings.decisions'], queryFn: () => call('settings.decisions', {}) });
  const signatories = [...new Set((settings.data?.signatories ?? []).map((s) => s.name))];
  const [decidedOn, setDecidedOn] = useState(today);
  const [typedSignatory, setSignatory] = useState<string | null>(null);
  const signatory = typedSignatory ?? signatories[0] ?? '';
  const [chosen, setChosen] = useState<Readonly<Record<number, Outcome>>>({});
  const outcomeOf = (item: AgendaItem): Outcome => chosen[item.id] ?? suggested(item);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const decide = useMutation({
    mutationFn: (input: CallInput<'decisions.recordBatch'>) => call('decisions.recordBatch', input),
    onSuccess: async (decisions) => {
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: t('meetings.batch.done', { numbers: decisions.map((d) => d.number).join(', ') }) });
      onClose();
    },
    onError: (failure) => {
      if (failure instanceof ApiError) setErrors(failure.fields);
    },
  });

  const submit = () => {
    const input = {
      meetingId: detail.meeting.id,
      decidedOn,
      signatory,
      lang: currentLanguage(),
      // Supported items are approved unless told otherwise; every other item is named with its outcome.
      overrides: items
        .filter((item) => item.advice?.advice !== 'support' || outcomeOf(item) !== 'approved')
        .map((item) => ({ agendaItemId: item.id, outcome: outcomeOf(item) })),
    };
    const parsed = batchDecisionInput.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setErrors({});
    decide.mutate(input);
  };

  const toggle = (id: number, approve: boolean) => setChosen((old) => ({ ...old, [id]: approve ? 'approved' : 'rejected' }));
  const formError = decide.error && !(decide.error instanceof ApiError && Object.keys(decide.error.fields).some((f) => f === 'decidedOn' || f === 'signatory')) ? decide.error.message : null;

  return (
    <Stack gap="md">
      <Text size="sm">{t('meetings.batch.intro')}</Text>
      {items.length === 0 ? (
        <Text c="dimmed">{t('meetings.batch.none')}</Text>
      ) : (
        <Stack component="ul" gap="xs" aria-label={t('meetings.batch.items')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((item) => {
            const approve = outcomeOf(item) === 'approved';
            const hasError = item.findings.some((f) => f.severity === 'error');
            return (
              <Paper component="li" key={item.id} withBorder p="sm" data-petition={item.petition.id}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600}>
                      {item.position}. {item.petition.studentName}{' '}
                      <Text span size="xs" c="dimmed" ff="monospace">
                        {item.petition.studentNumber}
                      </Text>
                    </Text>
                    <Text size="sm">
                      {item.petition.courseCode} · {item.petition.courseTitle} · {creditedEc(item.petition.ec)} EC
                    </Text>
                    {item.advice && (
                      <Group gap={6} mt={4}>
                        <AdviceBadge advice={item.advice.advice} />
                      </Group>
                    )}
                    {hasError && approve && (
                      <Group gap={6} mt={4}>
                        <SeverityBadge severity="error" />
                        <Text size="xs" c="red.8">
                          {t('meetings.batch.errorFinding')}
                        </Text>
                      </Group>
                    )}
                  </div>
                  <Group gap="sm" wrap="nowrap">
                    <Badge color={approve ? 'green' : 'red'} variant="light" radius="sm" tt="none" miw={96} aria-hidden="true">
                      {t(approve ? 'meetings.outcome.approved' : 'meetings.outcome.rejected')}
                    </Badge>
                    <Switch
                      checked={approve}
                      onChange={(e) => toggle(item.id, e.currentTarget.checked)}
                      aria-label={t('meetings.batch.approve', { name: item.petition.studentName })}
                      color="green"
                      size="md"
                    />
                  </Group>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateInput label={t('meetings.field.decidedOn')} withAsterisk valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" value={decidedOn || null} onChange={(v) => setDecidedOn(v ?? '')} error={sentence(errors.decidedOn)} />
        <Autocomplete label={t('meetings.field.signatory')} description={t('meetings.field.signatory.hint')} withAsterisk data={signatories} value={signatory} onChange={setSignatory} error={sentence(errors.signatory)} />
      </SimpleGrid>
      {formError && (
        <Alert color="red" role="alert">
          {formError}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('meetings.cancel')}
        </Button>
        <Button onClick={submit} loading={decide.isPending} disabled={items.length === 0}>
          {t('meetings.batch.confirm', { count: items.length })}
        </Button>
      </Group>
    </Stack>
  );
}
