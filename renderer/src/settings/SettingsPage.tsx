// The settings screen (#/settings): decision numbers and signatories, and the decision letters. The folder export of a
// meeting's letters is the command line's (and, later, the desktop app's folder dialog): said here.
import { Alert, Code, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { DeadlineSettingsForm } from './DeadlineSettingsForm';
import { DecisionSettingsForm } from './DecisionSettingsForm';
import { LetterSettingsForm } from './LetterSettingsForm';
import { RetentionSection } from '../retention/RetentionSection';

export function SettingsPage() {
  const { t } = useTranslation();
  const letters = useQuery({ queryKey: ['settings.letters'], queryFn: () => call('settings.letters', {}) });
  const decisions = useQuery({ queryKey: ['settings.decisions'], queryFn: () => call('settings.decisions', {}) });
  const deadlines = useQuery({ queryKey: ['settings.deadlines'], queryFn: () => call('settings.deadlines', {}) });
  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>{t('settings.title')}</Title>
      {letters.isPending && <Loader size="sm" aria-label={t('settings.loading')} />}
      {[letters, decisions, deadlines].map((query, i) => query.isError && <Alert key={i} color="red">{query.error.message}</Alert>)}
      {decisions.data && (
        <Paper withBorder p="md">
          <DecisionSettingsForm settings={decisions.data} />
        </Paper>
      )}
      {deadlines.data && (
        <Paper withBorder p="md">
          <DeadlineSettingsForm settings={deadlines.data} />
        </Paper>
      )}
      {letters.data && (
        <Paper withBorder p="md">
          <LetterSettingsForm settings={letters.data} />
        </Paper>
      )}
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          {t('settings.meetingLetters.title')}
        </Title>
        <Text size="sm">{t('settings.meetingLetters.intro')}</Text>
        <Code block mt="xs">
          {'BOEX_P12_PASSWORD=… boex letters --register register.db --meeting ID --out DIR [--p12 FILE] [--lang en|nl] [--overwrite]'}
        </Code>
      </Paper>
      <RetentionSection />
    </Stack>
  );
}
