import { Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Control } from 'react-hook-form';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { courseKey, STUDENT_NUMBER_PATTERN } from '../../../shared/domain';
import { checkPetition, type Finding } from '../../../shared/rules';
import { petitionInput, type PetitionInput } from '../../../shared/schemas';
import { call } from '../api/client';
import { FindingsList } from './Findings';
import type { PetitionFormValues } from './PetitionFormModal';

/** The fields the rules read; the rest of the form does not change a finding. */
const ruleFields = petitionInput.pick({
  institution: true,
  courseCode: true,
  institutionKind: true,
  ec: true,
  level: true,
  courseStartDate: true,
  honours: true,
  submittedOn: true,
});

/**
 * The same rules the register runs when the petition is saved, run here on every keystroke so the
 * secretary sees a late petition or a cap before saving. The student's other petitions come from
 * the register; the HBO form can only be on file once attachments exist, so a new petition from a
 * university of applied sciences always shows that finding.
 */
export function LiveFindings({ control, exceptPetitionId }: { control: Control<PetitionFormValues, unknown, PetitionInput>; exceptPetitionId?: number | undefined }) {
  const { t } = useTranslation();
  const values = useWatch({ control });
  const studentNumber = (values.studentNumber ?? '').trim();
  const known = STUDENT_NUMBER_PATTERN.test(studentNumber);
  const context = useQuery({
    queryKey: ['students.rulesContext', studentNumber, exceptPetitionId],
    queryFn: () => call('students.rulesContext', { studentNumber, ...(exceptPetitionId ? { exceptPetitionId } : {}) }),
    enabled: known,
  });

  const parsed = ruleFields.safeParse(values);
  let findings: Finding[] | null = null;
  if (parsed.success) {
    const course = parsed.data;
    findings = checkPetition({
      submittedOn: course.submittedOn,
      course: { id: courseKey(course.institution, course.courseCode), ec: course.ec, level: course.level, startDate: course.courseStartDate, honours: course.honours },
      institutionKind: course.institutionKind,
      hboFormOnFile: false,
      otherPetitions: known ? (context.data?.otherPetitions ?? []) : [],
    });
  }

  return (
    <Paper withBorder p="md" bg="gray.0" aria-live="polite">
      <Title order={3} size="h6" mb={4}>
        {t('findings.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('findings.live')}
      </Text>
      {context.data?.student && (
        <Text size="sm" mb="sm">
          {t('findings.knownStudent', {
            name: `${context.data.student.givenName} ${context.data.student.familyName}`,
            count: context.data.otherPetitions.length,
          })}
        </Text>
      )}
      {findings ? <FindingsList findings={findings} /> : <Text size="sm" c="dimmed">{t('findings.incomplete')}</Text>}
    </Paper>
  );
}
