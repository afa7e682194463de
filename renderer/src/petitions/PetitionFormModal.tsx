import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Fieldset, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Controller, useForm, type FieldPath, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isMessageKey } from '../../../shared/i18n';
import { INSTITUTION_KINDS, LEVELS } from '../../../shared/rules';
import { petitionInput, type PetitionDetail, type PetitionInput } from '../../../shared/schemas';
import { ApiError, call } from '../api/client';
import { i18n } from '../i18n';
import { LiveFindings } from './LiveFindings';

interface Props {
  opened: boolean;
  onClose(): void;
  /** The petition to correct; without it the form takes in a new petition. */
  petition?: PetitionDetail;
}

/** What the fields hold while the user types: text (and one tick box), parsed by the schema on submit. */
export type PetitionFormValues = { [K in keyof PetitionInput]: K extends 'honours' ? boolean : string };

// The schema's preprocessors accept the form's text ("7,5", "400", ""), so the form's values are
// valid schema input even though zod's static input type is narrower.
const resolver = zodResolver(petitionInput) as unknown as Resolver<PetitionFormValues, unknown, PetitionInput>;

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function valuesOf(p: PetitionDetail | undefined): PetitionFormValues {
  return {
    studentNumber: p?.student.studentNumber ?? '',
    givenName: p?.student.givenName ?? '',
    familyName: p?.student.familyName ?? '',
    email: p?.student.email ?? '',
    courseCode: p?.course.code ?? '',
    courseTitle: p?.course.title ?? '',
    institution: p?.institution.name ?? '',
    institutionKind: p?.institution.kind ?? '',
    country: p?.institution.country ?? '',
    ec: p ? String(p.course.ec) : '',
    level: p ? String(p.course.level) : '',
    courseStartDate: p?.courseStartDate ?? '',
    honours: p?.course.honours ?? false,
    submittedOn: p?.submittedOn ?? today(),
    motivation: p?.motivation ?? '',
  };
}

/** Field errors are catalogue keys (from the shared zod schema) or sentences (from the main process). */
function sentence(message: string | undefined): string | undefined {
  if (!message) return undefined;
  return isMessageKey(message) ? i18n.t(message) : message;
}

export function PetitionFormModal({ opened, onClose, petition }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<PetitionFormValues, unknown, PetitionInput>({
    resolver,
    defaultValues: valuesOf(petition),
    mode: 'onTouched',
  });
  const { register, control, handleSubmit, setError, reset, formState } = form;
  const error = (name: FieldPath<PetitionFormValues>) => sentence(formState.errors[name]?.message);

  useEffect(() => {
    if (opened) reset(valuesOf(petition));
  }, [opened, petition, reset]);

  const save = useMutation({
    mutationFn: (input: PetitionInput) =>
      petition ? call('petitions.update', { ...input, id: petition.id }) : call('petitions.create', input),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries();
      notifications.show({
        color: 'green',
        message: petition ? t('petition.updated') : t('petition.created', { name: `${saved.student.givenName} ${saved.student.familyName}` }),
      });
      onClose();
    },
    onError: (failure) => {
      if (failure instanceof ApiError && Object.keys(failure.fields).length > 0) {
        let first = true;
        for (const [field, message] of Object.entries(failure.fields)) {
          if (field in valuesOf(undefined)) {
            setError(field as FieldPath<PetitionFormValues>, { message }, { shouldFocus: first });
            first = false;
          }
        }
      }
    },
  });

  const kinds = INSTITUTION_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }));
  const levels = LEVELS.map((level) => ({ value: String(level), label: t(`level.${level}`) }));
  const formError = save.error && !(save.error instanceof ApiError && Object.keys(save.error.fields).length > 0) ? save.error.message : null;

  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={petition ? t('petition.edit') : t('petition.new')} closeOnClickOutside={false}>
      <form onSubmit={handleSubmit((input) => save.mutate(input))} noValidate>
        <Stack gap="md">
          <Fieldset legend={t('section.student')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('field.studentNumber')} description={t('field.studentNumber.hint')} withAsterisk {...register('studentNumber')} error={error('studentNumber')} data-autofocus />
              <TextInput label={t('field.email')} type="email" withAsterisk {...register('email')} error={error('email')} />
              <TextInput label={t('field.givenName')} withAsterisk {...register('givenName')} error={error('givenName')} />
              <TextInput label={t('field.familyName')} withAsterisk {...register('familyName')} error={error('familyName')} />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('section.course')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('field.institution')} withAsterisk {...register('institution')} error={error('institution')} />
              <Controller
                control={control}
                name="institutionKind"
                render={({ field }) => (
                  <Select label={t('field.institutionKind')} withAsterisk data={kinds} value={field.value || null} onChange={(v) => field.onChange(v ?? '')} onBlur={field.onBlur} ref={field.ref} error={error('institutionKind')} allowDeselect={false} />
                )}
              />
              <TextInput label={t('field.courseCode')} withAsterisk {...register('courseCode')} error={error('courseCode')} />
              <TextInput label={t('field.country')} {...register('country')} error={error('country')} />
            </SimpleGrid>
            <TextInput mt="sm" label={t('field.courseTitle')} withAsterisk {...register('courseTitle')} error={error('courseTitle')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
              <TextInput label={t('field.ec')} description={t('field.ec.hint')} inputMode="decimal" withAsterisk {...register('ec')} error={error('ec')} />
              <Controller
                control={control}
                name="level"
                render={({ field }) => (
                  <Select label={t('field.level')} description={t('field.level.hint')} withAsterisk data={levels} value={field.value || null} onChange={(v) => field.onChange(v ?? '')} onBlur={field.onBlur} ref={field.ref} error={error('level')} allowDeselect={false} />
                )}
              />
              <Controller
                control={control}
                name="courseStartDate"
                render={({ field }) => (
                  <DateInput label={t('field.startDate')} description={t('field.startDate.hint')} valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" clearable value={field.value || null} onChange={(v) => field.onChange(v ?? '')} onBlur={field.onBlur} ref={field.ref} error={error('courseStartDate')} />
                )}
              />
            </SimpleGrid>
            <Controller
              control={control}
              name="honours"
              render={({ field }) => (
                <Checkbox mt="md" label={t('field.honours')} checked={Boolean(field.value)} onChange={(e) => field.onChange(e.currentTarget.checked)} onBlur={field.onBlur} ref={field.ref} error={error('honours')} />
              )}
            />
          </Fieldset>

          <Fieldset legend={t('section.petition')}>
            <Controller
              control={control}
              name="submittedOn"
              render={({ field }) => (
                <DateInput label={t('field.submittedOn')} valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" withAsterisk value={field.value || null} onChange={(v) => field.onChange(v ?? '')} onBlur={field.onBlur} ref={field.ref} error={error('submittedOn')} maw={220} />
              )}
            />
            <Textarea mt="sm" label={t('field.motivation')} autosize minRows={3} maxRows={10} {...register('motivation')} error={error('motivation')} />
          </Fieldset>

          <LiveFindings control={control} exceptPetitionId={petition?.id} />

          {formError && (
            <div role="alert" style={{ color: 'var(--mantine-color-red-7)' }}>
              {formError}
            </div>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('petition.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {petition ? t('petition.saveChanges') : t('petition.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
