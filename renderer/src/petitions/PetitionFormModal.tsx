import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Fieldset, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Controller, useForm, type FieldPath, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { INSTITUTION_KINDS, LEVELS } from '../../../shared/rules';
import type { CourseChange } from '../../../shared/courses';
import { petitionInput, type PetitionDetail, type PetitionInput } from '../../../shared/schemas';
import { ApiError, call } from '../api/client';
import { CourseCodeField } from './CourseCodeField';
import { LiveFindings } from './LiveFindings';
import { sentence, today } from '../forms';

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

export function PetitionFormModal({ opened, onClose, petition }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<PetitionFormValues, unknown, PetitionInput>({
    resolver,
    defaultValues: valuesOf(petition),
    mode: 'onTouched',
  });
  const { register, control, handleSubmit, setError, setValue, reset, formState } = form;
  const error = (name: FieldPath<PetitionFormValues>) => sentence(formState.errors[name]?.message);

  useEffect(() => {
    if (opened) reset(valuesOf(petition));
  }, [opened, petition, reset]);

  // A change of a course that other petitions use waits for the secretary's answer: all of them, or this one only.
  const [sharedChange, setSharedChange] = useState<{ input: PetitionInput; body: string } | null>(null);

  const save = useMutation({
    mutationFn: ({ input, courseChange }: { input: PetitionInput; courseChange?: CourseChange }) =>
      petition
        ? call('petitions.update', { ...input, id: petition.id, ...(courseChange ? { courseChange } : {}) })
        : call('petitions.create', input),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries();
      notifications.show({
        color: 'green',
        message: petition ? t('petition.updated') : t('petition.created', { name: `${saved.student.givenName} ${saved.student.familyName}` }),
      });
      onClose();
    },
    onError: (failure, { input }) => {
      if (failure instanceof ApiError && failure.code === 'course_shared') {
        setSharedChange({ input, body: failure.message });
        return;
      }
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

  const submit = (input: PetitionInput) => {
    const course = petition?.course;
    const sameCourse =
      petition !== undefined &&
      course !== undefined &&
      input.courseCode === course.code &&
      input.institution.toLocaleLowerCase() === petition.institution.name.toLocaleLowerCase();
    const factsChanged =
      course !== undefined &&
      (input.courseTitle !== course.title || input.ec !== course.ec || input.level !== course.level || input.honours !== course.honours);
    if (sameCourse && factsChanged && course.petitionCount > 0) {
      setSharedChange({ input, body: t('courseChange.body', { code: course.code, count: course.petitionCount }) });
    } else {
      save.mutate({ input });
    }
  };
  const answer = (courseChange: CourseChange) => {
    if (!sharedChange) return;
    save.mutate({ input: sharedChange.input, courseChange });
    setSharedChange(null);
  };

  const kinds = INSTITUTION_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }));
  const levels = LEVELS.map((level) => ({ value: String(level), label: t(`level.${level}`) }));
  const formError = save.error && !(save.error instanceof ApiError && Object.keys(save.error.fields).length > 0) ? save.error.message : null;

  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={petition ? t('petition.edit') : t('petition.new')} closeOnClickOutside={false}>
      <form onSubmit={handleSubmit(submit)} noValidate>
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
              <Controller
                control={control}
                name="courseCode"
                render={({ field }) => (
                  <CourseCodeField
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    error={error('courseCode')}
                    onPick={(course) => {
                      const options = { shouldDirty: true, shouldValidate: formState.isSubmitted };
                      setValue('courseCode', course.code, options);
                      setValue('courseTitle', course.title, options);
                      setValue('ec', String(course.ec), options);
                      setValue('level', String(course.level), options);
                      setValue('honours', course.honours, options);
                      setValue('institution', course.institution, options);
                      setValue('institutionKind', course.institutionKind, options);
                      setValue('country', course.country, options);
                    }}
                  />
                )}
              />
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
      <Modal opened={sharedChange !== null} onClose={() => setSharedChange(null)} title={t('courseChange.title')} centered>
        <Stack>
          <Text>{sharedChange?.body}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSharedChange(null)}>
              {t('courseChange.cancel')}
            </Button>
            <Button variant="light" onClick={() => answer('this')}>
              {t('courseChange.this')}
            </Button>
            <Button onClick={() => answer('all')}>{t('courseChange.all')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Modal>
  );
}
