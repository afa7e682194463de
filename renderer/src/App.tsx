import { Alert, AppShell, Group, Loader, SegmentedControl, Text, Title, Tooltip } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { isLanguage, LANGUAGES } from '../../shared/i18n';
import { call } from './api/client';
import { setLanguage } from './i18n';
import { MainNav } from './meetings/MainNav';
import { RegisterView } from './register/RegisterView';
import { SettingsLink } from './settings/SettingsLink';

// The register is the home screen and loads with the app; every other screen loads when first
// opened, so the first view comes up sooner.
const AwaitingTranscript = lazy(() => import('./grades/AwaitingTranscript').then((m) => ({ default: m.AwaitingTranscript })));
const UsisExport = lazy(() => import('./usis/UsisExport').then((m) => ({ default: m.UsisExport })));
const MeetingMode = lazy(() => import('./meetings/MeetingMode').then((m) => ({ default: m.MeetingMode })));
const MeetingPage = lazy(() => import('./meetings/MeetingPage').then((m) => ({ default: m.MeetingPage })));
const MeetingsView = lazy(() => import('./meetings/MeetingsView').then((m) => ({ default: m.MeetingsView })));
const PetitionPage = lazy(() => import('./petitions/PetitionPage').then((m) => ({ default: m.PetitionPage })));
const SettingsPage = lazy(() => import('./settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const RetentionView = lazy(() => import('./retention/RetentionView').then((m) => ({ default: m.RetentionView })));
const StudentPage = lazy(() => import('./students/StudentPage').then((m) => ({ default: m.StudentPage })));
const YearlyReport = lazy(() => import('./report/YearlyReport').then((m) => ({ default: m.YearlyReport })));

/**
 * Routes live in the address's hash, so the same build works from file:// in Electron and from
 * the preview, and a view (with its filters, later) can be returned to by its address.
 */
export function App() {
  const { t, i18n } = useTranslation();
  const info = useQuery({ queryKey: ['register.info'], queryFn: () => call('register.info', {}) });
  const fileName = info.data?.path.split(/[\\/]/).pop();

  return (
    <Router hook={useHashLocation}>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <AppShell header={{ height: 60 }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Title order={1} size="h3" c="leiden.9">
                {t('app.name')}
              </Title>
              <Text size="sm" c="dimmed" visibleFrom="xl">
                {t('app.tagline')}
              </Text>
              <MainNav />
            </Group>
            <Group gap="md" wrap="nowrap">
              <SettingsLink />
              {fileName && (
                <Tooltip label={info.data?.path}>
                  <Text size="sm" c="dimmed" aria-label={`${t('app.register')}: ${info.data?.path}`}>
                    {fileName}
                  </Text>
                </Tooltip>
              )}
              <SegmentedControl
                size="xs"
                aria-label={t('app.language')}
                value={i18n.language}
                onChange={(value) => isLanguage(value) && setLanguage(value)}
                data={LANGUAGES.map((lang) => ({ value: lang, label: lang.toUpperCase() }))}
              />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
          {info.data?.readOnly && (
            <Alert color="yellow" variant="light" title={t('register.readOnly.title')} mb="md" role="status">
              {t('register.readOnly.body')}
            </Alert>
          )}
          <Suspense fallback={<Loader size="sm" aria-label={t('register.loading')} />}>
          <Switch>
            <Route path="/meetings">
              <MeetingsView />
            </Route>
            <Route path="/transcripts">
              <AwaitingTranscript />
            </Route>
            <Route path="/report">
              <YearlyReport />
            </Route>
            <Route path="/usis">
              <UsisExport />
            </Route>
            <Route path="/meetings/:id/advice">{(params) => <MeetingMode id={Number(params.id)} />}</Route>
            <Route path="/meetings/:id">{(params) => <MeetingPage id={Number(params.id)} />}</Route>
            <Route path="/petitions/:id">{(params) => <PetitionPage id={Number(params.id)} />}</Route>
            <Route path="/settings">
              <SettingsPage />
            </Route>
            <Route path="/retention">
              <RetentionView />
            </Route>
            <Route path="/students/:studentNumber">{(params) => <StudentPage studentNumber={params.studentNumber} />}</Route>
            <Route>
              <RegisterView />
            </Route>
          </Switch>
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </Router>
  );
}
