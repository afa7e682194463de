// What a meeting adds below an agenda item: at the MT Board its advice; at the BoEx the MT
// Board's advice the decision rests on, and the decision with its number (or the button to take it).
import { Badge, Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgendaItem, Decision } from '../../../shared/meetings';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { AdviceBadge, OutcomeBadge } from './Badges';

export function MtItemPanel({ item }: { item: AgendaItem }) {
  if (!item.advice) return null;
  return (
    <>
      <Divider my="sm" />
      <AdviceLine item={item} />
    </>
  );
}

function AdviceLine({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  if (!item.advice) {
    return (
      <Text size="sm" c="dimmed">
        {t('meetings.advice.none')}
      </Text>
    );
  }
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap" data-advice={item.advice.advice}>
      <AdviceBadge advice={item.advice.advice} />
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {item.advice.reasoning}
      </Text>
    </Group>
  );
}

export function BoexItemPanel({ item, onDecide, onCorrect }: { item: AgendaItem; onDecide(): void; onCorrect(decision: Decision): void }) {
  const { t } = useTranslation();
  return (
    <>
      <Divider my="sm" />
      <Stack gap="xs">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t('meetings.advice.title')}
        </Text>
        <AdviceLine item={item} />
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt={4}>
          {t('meetings.decision.title')}
        </Text>
        {item.decision ? (
          <DecisionLine decision={item.decision} onCorrect={() => item.decision && onCorrect(item.decision)} />
        ) : (
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('meetings.decision.none')}
            </Text>
            <Button size="xs" onClick={onDecide} aria-label={t('meetings.decision.recordFor', { name: item.petition.studentName })}>
              {t('meetings.decision.record')}
            </Button>
          </Group>
        )}
      </Stack>
    </>
  );
}

function DecisionLine({ decision: d, onCorrect }: { decision: Decision; onCorrect(): void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" data-decision={d.number}>
      <Stack gap={4}>
        <Group gap="sm">
          <Text fw={700} ff="monospace" data-testid="decision-number">
            {d.number}
          </Text>
          <OutcomeBadge outcome={d.outcome} />
          <Text size="sm">{t(`meetings.kind.${d.kind}`)}</Text>
        </Group>
        <Text size="sm" c="dimmed">
          {d.creditedEc} EC · {t(`level.${d.level}`)} · {d.institutionName} · {formatDate(d.decidedOn, lang)} · {t('meetings.decision.signedBy', { name: d.signatory })}
        </Text>
        <Group gap="xs">
          {d.replacesNumber && (
            <Badge variant="outline" color="gray" radius="sm" tt="none">
              {t('meetings.decision.replaces', { number: d.replacesNumber })}
            </Badge>
          )}
          {d.replacedByNumber && (
            <Badge variant="outline" color="orange" radius="sm" tt="none">
              {t('meetings.decision.replacedBy', { number: d.replacedByNumber })}
            </Badge>
          )}
          {d.citesNumber && (
            <Badge variant="outline" color="blue" radius="sm" tt="none">
              {t('meetings.decision.cites', { number: d.citesNumber })}
            </Badge>
          )}
        </Group>
      </Stack>
      {!d.replacedByNumber && (
        <Button size="xs" variant="default" onClick={onCorrect} aria-label={t('meetings.decision.correctLabel', { number: d.number })}>
          {t('meetings.decision.correct')}
        </Button>
      )}
    </Group>
  );
}
