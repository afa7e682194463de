import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Controller, useForm, type FieldPath, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { MEETING_BODIES } from '../../../shared/domain';
import { meetingInput, type Meeting } from '../../../shared/meetings';
import type { z } from 'zod';
import { ApiError, call } from '../api/client';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { sentence, today } from '../forms';

type MeetingInput = z.output<typeof meetingInput>;
type Values = { body: string; heldOn: string; cutoffOn: string; location: string };
const FIELDS: Values = { body: '', heldOn: '', cutoffOn: '', location: '' };

// The schema's preprocessors accept the form's text (an empty cut-off is "the meeting date").
const schemaResolver = zodResolver(meetingInput) as unknown as Resolver<Values, unknown, MeetingInput>;
/** An unchosen board asks to be chosen rather than calling the empty choice invalid. */
const resolver: Resolver<Values, unknown, MeetingInput> = async (values, context, options) => {
  const result = await schemaResolver(values, context, options);
  const body = result.errors.body;
  if (!values.body && body) body.message = 'invalid.required';
  return result;
};

function valuesOf(m: Meeting | undefined): Values {
  return { body: m?.body ?? '', heldOn: m?.heldOn ?? today(), cutoffOn: m?.cutoffOn ?? '', location: m?.location ?? '' };
}

/** A new meeting, or (with `meeting`) its date, cut-off and location corrected. */
export function MeetingFormModal({ opened, onClose, meeting }: { opened: boolean; onClose(): void; meeting?: Meeting }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const { register, control, handleSubmit, setError, reset, formState } = useForm<Values, unknown, MeetingInput>({
    resolver,
    defaultValues: valuesOf(meeting),
    mode: 'onTouched',
  });
  const error = (name: FieldPath<Values>) => sentence(formState.errors[name]?.message);

  useEffect(() => {
    if (opened) reset(valuesOf(meeting));
  }, [opened, meeting, reset]);

  const save = useMutation({
    mutationFn: (input: MeetingInput) =>
      meeting
        ? call('meetings.update', { id: meeting.id, status: meeting.status, heldOn: input.heldOn, cutoffOn: input.cutoffOn, location: input.location })
        : call('meetings.create', input),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: meeting ? t('meetings.updated') : t('meetings.created', { date: formatDate(saved.heldOn, lang) }) });
      onClose();
      if (!meeting) navigate(`/meetings/${saved.id}`);
    },
    onError: (failure) => {
      if (!(failure instanceof ApiError)) return;
      let first = true;
      for (const [field, message] of Object.entries(failure.fields)) {
        if (field in FIELDS) {
          setError(field as FieldPath<Values>, { message }, { shouldFocus: first });
          first = false;
        }
      }
    },
  });
  const formError = save.error && !(save.error instanceof ApiError && Object.keys(save.error.fields).some((f) => f in FIELDS)) ? save.error.message : null;
  const bodies = MEETING_BODIES.map((body) => ({ value: body, label: t(`meetings.bodyLong.${body}`) }));

  return (
    <Modal opened={opened} onClose={onClose} title={meeting ? t('meetings.form.edit') : t('meetings.new')} size="lg" closeOnClickOutside={false}>
      <form onSubmit={handleSubmit((input) => save.mutate(input))} noValidate>
        <Stack gap="md">
          <Controller
            control={control}
            name="body"
            render={({ field }) => (
              <Select
                label={t('meetings.field.body')}
                withAsterisk
                data={bodies}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                onBlur={field.onBlur}
                ref={field.ref}
                error={error('body')}
                allowDeselect={false}
                disabled={Boolean(meeting)}
                data-autofocus={meeting ? undefined : true}
              />
            )}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Controller
              control={control}
              name="heldOn"
              render={({ field }) => (
                <DateInput label={t('meetings.field.heldOn')} withAsterisk valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" value={field.value || null} onChange={(v) => field.onChange(v ?? '')} onBlur={field.onBlur} ref={field.ref} error={error('heldOn')} data-autofocus={meeting ? true : undefined} />
              )}
            />
            <Controller
              control={control}
              name="cutoffOn"
              render={({ field }) => (
                <DateInput label={t('meetings.field.cutoffOn')} description={t('meetings.field.cutoffOn.hint')} valueFormat="YYYY-MM-DD" placeholder="YYYY-MM-DD" clearable value={field.value || null} onChange={(v) => field.onChange(v ?? '')} onBlur={field.onBlur} ref={field.ref} error={error('cutoffOn')} />
              )}
            />
          </SimpleGrid>
          <TextInput label={t('meetings.field.location')} placeholder={t('meetings.field.location.placeholder')} {...register('location')} error={error('location')} />
          {formError && (
            <div role="alert" style={{ color: 'var(--mantine-color-red-7)' }}>
              {formError}
            </div>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('meetings.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {meeting ? t('meetings.form.save') : t('meetings.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
