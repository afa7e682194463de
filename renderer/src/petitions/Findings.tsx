import { Badge, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Finding, Severity } from '../../../shared/rules';
import { currentLanguage } from '../i18n';

export const SEVERITY_COLOURS: Record<Severity, string> = { error: 'red', warning: 'orange', info: 'blue' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOURS[severity]} variant="light" radius="sm" tt="none" miw={84}>
      {t(`severity.${severity}`)}
    </Badge>
  );
}

/** The rules' findings in the rules module's fixed order, each a sentence in the user's language. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (findings.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('findings.none')}
      </Text>
    );
  }
  return (
    <List listStyleType="none" spacing="xs" aria-label={t('findings.title')}>
      {findings.map((finding) => (
        <List.Item key={finding.rule} data-rule={finding.rule}>
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <SeverityBadge severity={finding.severity} />
            <Text size="sm">{finding.message[lang]}</Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
