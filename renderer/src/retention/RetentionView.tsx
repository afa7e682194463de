// Retention (#/retention, reached from the settings): the retention period, the students past it,
// and the purge of their personal data after a confirmation that names the count.
import { Alert, Button, Checkbox, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueStudent } from '../../../shared/retention';
import { call } from '../api/client';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { PurgeModal } from './PurgeModal';
import { RetentionSettingsForm } from './RetentionSettingsForm';

export function RetentionView() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['retention', 'settings'], queryFn: () => call('retention.settings', {}) });
  const due = useQuery({ queryKey: ['retention', 'due'], queryFn: () => call('retention.due', {}) });
  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={2}>{t('retention.title')}</Title>
        <Text size="sm" c="dimmed" maw={820}>
          {t('retention.intro')}
        </Text>
      </div>
      {(settings.isPending || due.isPending) && <Loader size="sm" aria-label={t('retention.loading')} />}
      {settings.isError && <Alert color="red">{settings.error.message}</Alert>}
      {settings.data && (
        <Paper withBorder p="md">
          <RetentionSettingsForm settings={settings.data} />
        </Paper>
      )}
      {due.isError && <Alert color="red">{due.error.message}</Alert>}
      {due.data && <DueList students={due.data} />}
    </Stack>
  );
}

function DueList({ students }: { students: DueStudent[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  // Students past the period who cannot be purged yet are shown with the reason, never selectable.
  const purgeable = students.filter((s) => s.blockedBy === null);
  const blocked = students.length - purgeable.length;
  // Only students still on the list count: the list may have changed since they were ticked.
  const selected = purgeable.filter((s) => picked.has(s.studentNumber)).map((s) => s.studentNumber);
  const all = purgeable.length > 0 && selected.length === purgeable.length;

  const purge = useMutation({
    mutationFn: (confirmCount: number) => call('retention.purge', { studentNumbers: selected, confirmCount }),
    onSuccess: async (result) => {
      setConfirming(false);
      setPicked(new Set());
      notifications.show({ color: 'green', message: t('retention.purged', { count: result.purged }) });
      if (!result.compacted) notifications.show({ color: 'yellow', autoClose: false, message: t('retention.notCompacted') });
      // Names disappear from every view: the register, petitions, meetings.
      await queryClient.invalidateQueries();
    },
  });

  const toggle = (number: string, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(number);
      else next.delete(number);
      return next;
    });

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {t('retention.due.title')}
        </Title>
        {purgeable.length > 0 && (
          <Button color="red" disabled={selected.length === 0} onClick={() => { purge.reset(); setConfirming(true); }}>
            {selected.length === 0 ? t('retention.purge.none') : t('retention.purge.button', { count: selected.length })}
          </Button>
        )}
      </Group>
      {students.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="retention-empty">
          {t('retention.due.empty')}
        </Text>
      ) : (
        <>
          <Text size="sm" mb={blocked > 0 ? 0 : 'xs'} data-testid="retention-count">
            {t('retention.due.count', { count: students.length })}
          </Text>
          {blocked > 0 && (
            <Text size="sm" mb="xs" c="dimmed" data-testid="retention-blocked-count">
              {t('retention.due.blocked', { count: blocked })}
            </Text>
          )}
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="xs" striped aria-label={t('retention.due.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t('retention.selectAll')}
                      disabled={purgeable.length === 0}
                      checked={all}
                      indeterminate={selected.length > 0 && !all}
                      onChange={(event) => setPicked(event.currentTarget.checked ? new Set(purgeable.map((s) => s.studentNumber)) : new Set())}
                    />
                  </Table.Th>
                  <Table.Th>{t('retention.col.student')}</Table.Th>
                  <Table.Th>{t('retention.col.lastDecision')}</Table.Th>
                  <Table.Th>{t('retention.col.dueSince')}</Table.Th>
                  <Table.Th className="numeric">{t('retention.col.petitions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {students.map((s) => (
                  <Table.Tr key={s.studentNumber} data-student={s.studentNumber} data-blocked={s.blockedBy ?? undefined}>
                    <Table.Td>
                      {s.blockedBy === null ? (
                        <Checkbox
                          aria-label={t('retention.select', { name: `${s.name} (${s.studentNumber})` })}
                          checked={picked.has(s.studentNumber)}
                          onChange={(event) => toggle(s.studentNumber, event.currentTarget.checked)}
                        />
                      ) : (
                        <Checkbox aria-label={t('retention.selectBlocked', { name: `${s.name} (${s.studentNumber})` })} checked={false} disabled readOnly />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500} c={s.blockedBy === null ? undefined : 'dimmed'}>
                        {s.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {s.studentNumber}
                      </Text>
                      {s.blockedBy !== null && (
                        <Text size="xs" c="orange.9" data-testid="retention-blocked-reason">
                          {t(`retention.blocked.${s.blockedBy}`)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDate(s.lastDecisionOn, lang)}</Table.Td>
                    <Table.Td>{formatDate(s.dueSince, lang)}</Table.Td>
                    <Table.Td className="numeric">{s.petitionCount}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <PurgeModal
        opened={confirming}
        count={selected.length}
        pending={purge.isPending}
        error={purge.error}
        onCancel={() => setConfirming(false)}
        onConfirm={(confirmCount) => purge.mutate(confirmCount)}
      />
    </Paper>
  );
}
