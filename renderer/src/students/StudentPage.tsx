// A student's page: who they are, their EC below master level against the procedure's caps (as the
// rules module computes it in the main process), and every petition they made.
import { Alert, Anchor, Group, Loader, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { STUDENT_NUMBER_PATTERN } from '../../../shared/domain';
import type { CapStanding } from '../../../shared/rules';
import type { StudentDetail } from '../../../shared/schemas';
import { call } from '../api/client';
import { formatDate, formatEc } from '../format';
import { currentLanguage } from '../i18n';
import { SeverityBadge } from '../petitions/Findings';
import { StatusBadge } from '../petitions/StatusBadge';
import { lastRegisterHref } from '../register/viewState';
import './students.css';

export function StudentPage({ studentNumber }: { studentNumber: string }) {
  const { t } = useTranslation();
  const valid = STUDENT_NUMBER_PATTERN.test(studentNumber);
  const student = useQuery({
    queryKey: ['students.get', studentNumber],
    queryFn: () => call('students.get', { studentNumber }),
    enabled: valid,
  });

  return (
    <Stack gap="md" maw={1100}>
      <Anchor href={lastRegisterHref()} size="sm">
        ← {t('student.back')}
      </Anchor>
      {!valid && <Alert color="red">{t('error.student.notFound', { studentNumber })}</Alert>}
      {valid && student.isPending && <Loader size="sm" aria-label={t('register.loading')} />}
      {student.isError && <Alert color="red">{student.error.message}</Alert>}
      {student.data && <StudentDetails detail={student.data} />}
    </Stack>
  );
}

function StudentDetails({ detail }: { detail: StudentDetail }) {
  const { t } = useTranslation();
  const { student, standing, petitions } = detail;
  return (
    <>
      <div>
        <Title order={2}>{`${student.givenName} ${student.familyName}`}</Title>
        <Group gap="xs" mt={4} c="dimmed">
          <Text size="sm" className="student-number">
            {student.studentNumber}
          </Text>
          <Text size="sm" aria-hidden="true">
            ·
          </Text>
          <Text size="sm">{student.email}</Text>
          <Text size="sm" aria-hidden="true">
            ·
          </Text>
          <Text size="sm">{t('student.petitionCount', { count: petitions.length })}</Text>
        </Group>
      </div>

      <Paper withBorder p="md" component="section" aria-labelledby="student-standing">
        <Title order={3} size="h5" id="student-standing">
          {t('student.standing')}
        </Title>
        <Text size="sm" c="dimmed" mt={4} mb="md">
          {t('student.standing.note')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <CapMeter id="advanced" title={t('student.cap.advanced')} cap={standing.advanced} />
          <CapMeter id="introductory" title={t('student.cap.introductory')} cap={standing.introductory} />
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="student-petitions">
        <Title order={3} size="h5" mb="sm" id="student-petitions">
          {t('register.title')}
        </Title>
        {petitions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('student.noPetitions')}
          </Text>
        ) : (
          <PetitionList petitions={petitions} />
        )}
      </Paper>
    </>
  );
}

/** One cap: a bar of approved and pending EC against the limit, and the figures in words. */
function CapMeter({ id, title, cap }: { id: string; title: string; cap: CapStanding }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const ec = (n: number) => `${formatEc(n, lang)} EC`;
  const scale = Math.max(cap.limit, cap.approved + cap.pending);
  const over = cap.approved - cap.limit;
  const overIfApproved = cap.approved + cap.pending - cap.limit;
  return (
    <div className="student-cap" data-cap={id} role="group" aria-labelledby={`cap-${id}`}>
      <Group justify="space-between" align="baseline" mb={6} wrap="nowrap">
        <Text fw={600} size="sm" id={`cap-${id}`}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {t('student.cap.limit', { limit: cap.limit })}
        </Text>
      </Group>
      <div className="student-meter">
        <Progress.Root size="lg" radius="sm" aria-hidden="true">
          <Progress.Section value={(Math.min(cap.approved, scale) / scale) * 100} color={over > 0 ? 'red' : 'leiden'} />
          <Progress.Section value={(cap.pending / scale) * 100} color={overIfApproved > 0 ? 'orange.4' : 'leiden.3'} striped />
        </Progress.Root>
        {scale > cap.limit && <span className="student-meter-limit" style={{ left: `${(cap.limit / scale) * 100}%` }} aria-hidden="true" />}
      </div>
      <dl className="student-figures">
        <div>
          <dt>{t('student.approved')}</dt>
          <dd data-figure="approved">{ec(cap.approved)}</dd>
        </div>
        <div>
          <dt>{t('student.pending')}</dt>
          <dd data-figure="pending">{ec(cap.pending)}</dd>
        </div>
        <div>
          <dt>{t('student.remaining')}</dt>
          <dd data-figure="remaining">{t('student.remainingOf', { remaining: formatEc(cap.remaining, lang), limit: formatEc(cap.limit, lang) })}</dd>
        </div>
      </dl>
      {over > 0 && (
        <Text size="sm" c="red.8" mt={6}>
          {t('student.overLimit', { ec: formatEc(over, lang) })}
        </Text>
      )}
      {over <= 0 && cap.pending > 0 && (
        <Text size="sm" c={overIfApproved > 0 ? 'orange.9' : 'dimmed'} mt={6}>
          {overIfApproved > 0
            ? t('student.pendingOver', { ec: formatEc(overIfApproved, lang) })
            : t('student.pendingFits', { ec: formatEc(cap.remainingIfPendingApproved, lang) })}
        </Text>
      )}
    </div>
  );
}

function PetitionList({ petitions }: { petitions: StudentDetail['petitions'] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [, navigate] = useLocation();
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing="xs" highlightOnHover aria-labelledby="student-petitions" className="student-petitions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('column.course')}</Table.Th>
            <Table.Th>{t('column.institution')}</Table.Th>
            <Table.Th className="numeric">{t('column.ec')}</Table.Th>
            <Table.Th>{t('column.level')}</Table.Th>
            <Table.Th>{t('column.findings')}</Table.Th>
            <Table.Th>{t('column.status')}</Table.Th>
            <Table.Th>{t('column.submittedOn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {petitions.map((p) => (
            <Table.Tr
              key={p.id}
              className="student-petition"
              onClick={(event) => {
                if (!(event.target as HTMLElement).closest('a')) navigate(`/petitions/${p.id}`);
              }}
            >
              <Table.Td>
                <Anchor component={Link} href={`/petitions/${p.id}`} size="sm">
                  {p.courseTitle}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {p.courseCode}
                </Text>
              </Table.Td>
              <Table.Td>{p.institution}</Table.Td>
              <Table.Td className="numeric">{formatEc(p.ec, lang)}</Table.Td>
              <Table.Td>{t(`level.${p.level}`)}</Table.Td>
              <Table.Td>{p.findingSeverity && <SeverityBadge severity={p.findingSeverity} />}</Table.Td>
              <Table.Td>
                <StatusBadge status={p.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.submittedOn, lang)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
