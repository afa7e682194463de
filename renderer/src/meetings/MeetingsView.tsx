// The board's calendar: every meeting of the MT Board and the BoEx, newest first.
import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { Meeting } from '../../../shared/meetings';
import { call } from '../api/client';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { MeetingStatusBadge } from './Badges';
import { MeetingFormModal } from './MeetingFormModal';
import './meetings.css';

export function MeetingsView() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [, navigate] = useLocation();
  const [formOpen, form] = useDisclosure(false);
  const list = useQuery({ queryKey: ['meetings.list'], queryFn: () => call('meetings.list', {}) });
  const meetings = useMemo(
    () => [...(list.data ?? [])].sort((a, b) => b.heldOn.localeCompare(a.heldOn) || b.id - a.id),
    [list.data],
  );
  const title = (m: Meeting) => t('meetings.open', { body: t(`meetings.bodyLong.${m.body}`), date: formatDate(m.heldOn, lang) });

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('meetings.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('meetings.intro')}
          </Text>
        </div>
        <Button onClick={form.open}>{t('meetings.new')}</Button>
      </Group>
      {list.isPending && <Loader size="sm" aria-label={t('meetings.loading')} />}
      {list.isError && <Alert color="red">{list.error.message}</Alert>}
      {list.data && meetings.length === 0 && (
        <Paper withBorder p="xl">
          <Text c="dimmed">{t('meetings.empty')}</Text>
        </Paper>
      )}
      {meetings.length > 0 && (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
            <Table.Caption className="meetings-visually-hidden">
              {t('meetings.caption')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('meetings.column.date')}</Table.Th>
                <Table.Th>{t('meetings.column.body')}</Table.Th>
                <Table.Th>{t('meetings.column.cutoff')}</Table.Th>
                <Table.Th>{t('meetings.column.location')}</Table.Th>
                <Table.Th>{t('meetings.column.status')}</Table.Th>
                <Table.Th className="numeric">{t('meetings.column.items')}</Table.Th>
                <Table.Th>{t('meetings.column.done')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meetings.map((m) => (
                <Table.Tr key={m.id} className="register-row" data-meeting={m.id} onClick={() => navigate(`/meetings/${m.id}`)}>
                  <Table.Td>
                    <Anchor component={Link} href={`/meetings/${m.id}`} aria-label={title(m)} fw={500} size="sm" onClick={(e: MouseEvent) => e.stopPropagation()}>
                      {formatDate(m.heldOn, lang)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`meetings.bodyLong.${m.body}`)}</Table.Td>
                  <Table.Td>{formatDate(m.cutoffOn ?? m.heldOn, lang)}</Table.Td>
                  <Table.Td>{m.location}</Table.Td>
                  <Table.Td>
                    <MeetingStatusBadge status={m.status} />
                  </Table.Td>
                  <Table.Td className="numeric">{m.itemCount}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={m.itemCount > 0 && m.doneCount === m.itemCount ? 'green.8' : undefined}>
                      {t(`meetings.done.${m.body}`, { done: m.doneCount, count: m.itemCount })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <MeetingFormModal opened={formOpen} onClose={form.close} />
    </Stack>
  );
}
