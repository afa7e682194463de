// The "Decisions" section of a petition's page: every decision on it with its number, and the
// corrections, both visible (a correction names the decision it replaces).
import { Alert, Anchor, Badge, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { call } from '../api/client';
import { formatDate } from '../format';
import { today } from '../forms';
import { currentLanguage } from '../i18n';
import { OutcomeBadge } from './Badges';
import './meetings.css';

export function PetitionDecisions({ petitionId }: { petitionId: number }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const decisions = useQuery({
    queryKey: ['decisions.ofPetition', petitionId],
    queryFn: () => call('decisions.ofPetition', { petitionId }),
  });
  const rows = decisions.data ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="petition-decisions-title">
      <Title order={3} size="h5" mb="sm" id="petition-decisions-title">
        {t('meetings.decisions.title')}
      </Title>
      {decisions.isPending && <Loader size="sm" aria-label={t('meetings.loading')} />}
      {decisions.isError && <Alert color="red">{decisions.error.message}</Alert>}
      {decisions.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('meetings.decisions.none')}
        </Text>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" aria-labelledby="petition-decisions-title">
            <caption className="meetings-visually-hidden">{t('meetings.decisions.caption')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('meetings.column.number')}</Table.Th>
                <Table.Th>{t('meetings.column.kind')}</Table.Th>
                <Table.Th>{t('meetings.column.outcome')}</Table.Th>
                <Table.Th className="numeric">{t('meetings.column.creditedEc')}</Table.Th>
                <Table.Th>{t('column.level')}</Table.Th>
                <Table.Th>{t('meetings.column.decidedOn')}</Table.Th>
                <Table.Th>{t('meetings.column.signatory')}</Table.Th>
                <Table.Th>{t('meetings.column.correction')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.id} data-decision={d.number} style={d.replacedByNumber ? { opacity: 0.75 } : undefined}>
                  <Table.Td>
                    {d.meetingId ? (
                      <Anchor component={Link} href={`/meetings/${d.meetingId}`} ff="monospace" fw={600} size="sm">
                        {d.number}
                      </Anchor>
                    ) : (
                      <Text ff="monospace" fw={600} size="sm">
                        {d.number}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`meetings.kind.${d.kind}`)}</Table.Td>
                  <Table.Td>
                    <OutcomeBadge outcome={d.outcome} />
                  </Table.Td>
                  <Table.Td className="numeric">{d.creditedEc}</Table.Td>
                  <Table.Td>{t(`level.${d.level}`)}</Table.Td>
                  <Table.Td>
                    {formatDate(d.decidedOn, lang)}
                    <Text size="xs" c="dimmed" className="appeal-window">
                      {t(d.appealClosesOn >= today() ? 'deadlines.appeal.open' : 'deadlines.appeal.closed', { date: formatDate(d.appealClosesOn, lang) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.signatory}</Table.Td>
                  <Table.Td>
                    {d.replacedByNumber && (
                      <Badge variant="outline" color="orange" radius="sm" tt="none">
                        {t('meetings.decision.replacedBy', { number: d.replacedByNumber })}
                      </Badge>
                    )}
                    {d.replacesNumber && (
                      <Badge variant="outline" color="gray" radius="sm" tt="none">
                        {t('meetings.decision.replaces', { number: d.replacesNumber })}
                      </Badge>
                    )}
                    {d.citesNumber && (
                      <Badge variant="outline" color="blue" radius="sm" tt="none">
                        {t('meetings.decision.cites', { number: d.citesNumber })}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
