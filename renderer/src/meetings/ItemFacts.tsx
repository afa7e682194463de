// What the board needs to see of an agenda item before it decides anything: who, which course,
// where, how many EC at which level, and the rules' findings.
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AgendaItem } from '../../../shared/meetings';
import { formatDate, formatEc } from '../format';
import { currentLanguage } from '../i18n';
import { FindingsList } from '../petitions/Findings';
import { StatusBadge } from '../petitions/StatusBadge';

export function ItemFacts({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const p = item.petition;
  return (
    <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
      <Group gap="xs" wrap="wrap">
        <Anchor component={Link} href={`/petitions/${p.id}`} fw={600} aria-label={t('meetings.item.openPetition', { name: p.studentName })}>
          {p.studentName}
        </Anchor>
        <Text size="sm" c="dimmed" ff="monospace">
          {p.studentNumber}
        </Text>
        <StatusBadge status={p.status} />
      </Group>
      <Text size="sm">
        <Text span ff="monospace" size="sm">
          {p.courseCode}
        </Text>{' '}
        · {p.courseTitle}
      </Text>
      <Group gap="lg" wrap="wrap">
        <Fact label={t('field.institution')}>{`${p.institution} (${t(`kind.${p.institutionKind}`)})`}</Fact>
        <Fact label={t('field.ec')}>{formatEc(p.ec, lang)}</Fact>
        <Fact label={t('field.level')}>{t(`level.${p.level}`)}</Fact>
        <Fact label={t('field.submittedOn')}>{formatDate(p.submittedOn, lang)}</Fact>
      </Group>
      <FindingsList findings={item.findings} />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: string }) {
  return (
    <Text size="sm">
      <Text span size="xs" c="dimmed">
        {label}:
      </Text>{' '}
      {children}
    </Text>
  );
}
