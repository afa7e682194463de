// The settings page's way to retention: a short section and a link, rather than a place in the
// main navigation, since a purge is a rare, deliberate act.
import { Button, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';

export function RetentionSection() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">
        {t('retention.settingsLink.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('retention.settingsLink.intro')}
      </Text>
      <Button component={Link} href="/retention" variant="default">
        {t('retention.settingsLink.open')}
      </Button>
    </Paper>
  );
}
