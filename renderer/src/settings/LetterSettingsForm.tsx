// The letter settings: what every decision letter says besides the decision (letterhead, boards,
// legal basis, appeal address, the education coordinator), the signatories with their role and
// scanned signature, the default language, and the certificate letters are signed with. Checked
// by the same zod schema as the API; the main process checks each signature image and the
// certificate path again and answers with a sentence next to the field.
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Fieldset, FileButton, Group, Image, Paper, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Controller, get, useFieldArray, useForm, type FieldPath, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { letterSettings, type LetterSettings } from '../../../shared/letters';
import { ApiError, call } from '../api/client';
import { readAsBase64 } from '../attachments/files';
import { sentence } from '../forms';

type Bilingual = { en: string; nl: string };

/** What the fields hold while the user types: address lines as the text of a textarea. */
export interface LetterSettingsValues {
  letterhead: { university: Bilingual; faculty: Bilingual; board: Bilingual; contact: string };
  place: string;
  adviceBoard: Bilingual;
  legalBasis: Bilingual;
  appeal: { boardName: Bilingual; address: string };
  educationCoordinatorEmail: string;
  defaultLanguage: 'en' | 'nl';
  signatories: Array<{ name: string; role: Bilingual; signatureImage: string | null }>;
  certificatePath: string;
}

// The schema's preprocessors accept the textareas' text (one line per line) and an empty path.
const resolver = zodResolver(letterSettings) as unknown as Resolver<LetterSettingsValues, unknown, LetterSettings>;

/** The PDF layer takes a signature image of at most 5 MB; a larger file is refused before it is sent. */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

function valuesOf(s: LetterSettings): LetterSettingsValues {
  return {
    ...s,
    letterhead: { ...s.letterhead, contact: s.letterhead.contact.join('\n') },
    appeal: { ...s.appeal, address: s.appeal.address.join('\n') },
    certificatePath: s.certificatePath ?? '',
  };
}

/** The PNG or JPEG a data: address can show (CSP allows data: images). */
function imageSource(base64: string): string {
  return `data:${base64.startsWith('/9j/') ? 'image/jpeg' : 'image/png'};base64,${base64}`;
}

export function LetterSettingsForm({ settings }: { settings: LetterSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<LetterSettingsValues, unknown, LetterSettings>({ resolver, defaultValues: valuesOf(settings), mode: 'onTouched' });
  const { register, control, handleSubmit, setError, reset, formState } = form;
  const signatories = useFieldArray({ control, name: 'signatories' });
  const error = (name: FieldPath<LetterSettingsValues>) => sentence((get(formState.errors, name) as { message?: unknown } | undefined)?.message);

  useEffect(() => reset(valuesOf(settings)), [settings, reset]);

  const save = useMutation({
    mutationFn: (input: LetterSettings) => call('settings.updateLetters', input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['settings.letters'], saved);
      await queryClient.invalidateQueries({ queryKey: ['settings.letters'] });
      notifications.show({ color: 'green', message: t('settings.letters.saved') });
    },
    onError: (failure) => {
      if (!(failure instanceof ApiError)) return;
      let first = true;
      for (const [field, message] of Object.entries(failure.fields)) {
        setError(field as FieldPath<LetterSettingsValues>, { message }, { shouldFocus: first });
        first = false;
      }
    },
  });
  const formError = save.error && !(save.error instanceof ApiError && Object.keys(save.error.fields).length > 0) ? save.error.message : null;

  const bilingual = (name: 'letterhead.university' | 'letterhead.faculty' | 'letterhead.board' | 'adviceBoard' | 'appeal.boardName', label: string) => (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <TextInput label={t('settings.letters.inEnglish', { label })} withAsterisk {...register(`${name}.en`)} error={error(`${name}.en`)} />
      <TextInput label={t('settings.letters.inDutch', { label })} withAsterisk {...register(`${name}.nl`)} error={error(`${name}.nl`)} />
    </SimpleGrid>
  );

  return (
    <form onSubmit={handleSubmit((input) => save.mutate(input))} noValidate aria-labelledby="letter-settings-title">
      <Stack gap="lg">
        <div>
          <Title order={3} size="h4" id="letter-settings-title">
            {t('settings.letters.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('settings.letters.intro')}
          </Text>
        </div>

        <Fieldset legend={t('settings.letters.letterhead')}>
          <Stack gap="sm">
            {bilingual('letterhead.university', t('settings.letters.university'))}
            {bilingual('letterhead.faculty', t('settings.letters.faculty'))}
            {bilingual('letterhead.board', t('settings.letters.board'))}
            <Textarea label={t('settings.letters.contact')} description={t('settings.letters.linesHint')} autosize minRows={2} maxRows={6} {...register('letterhead.contact')} error={error('letterhead.contact')} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('settings.letters.placeAndLanguage')}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label={t('settings.letters.place')} description={t('settings.letters.place.hint')} withAsterisk {...register('place')} error={error('place')} />
            <Controller
              control={control}
              name="defaultLanguage"
              render={({ field }) => (
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="default-language-label">
                    {t('settings.letters.defaultLanguage')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="default-language-label"
                    value={field.value}
                    onChange={(value) => field.onChange(value === 'nl' ? 'nl' : 'en')}
                    data={[
                      { value: 'en', label: t('letter.language.en') },
                      { value: 'nl', label: t('letter.language.nl') },
                    ]}
                  />
                </Stack>
              )}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('settings.letters.reasons')}>
          <Stack gap="sm">
            {bilingual('adviceBoard', t('settings.letters.adviceBoard'))}
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Textarea label={t('settings.letters.inEnglish', { label: t('settings.letters.legalBasis') })} description={t('settings.letters.legalBasis.hint')} withAsterisk autosize minRows={2} {...register('legalBasis.en')} error={error('legalBasis.en')} />
              <Textarea label={t('settings.letters.inDutch', { label: t('settings.letters.legalBasis') })} description={t('settings.letters.legalBasis.hintNl')} withAsterisk autosize minRows={2} {...register('legalBasis.nl')} error={error('legalBasis.nl')} />
            </SimpleGrid>
            <TextInput label={t('settings.letters.coordinatorEmail')} description={t('settings.letters.coordinatorEmail.hint')} withAsterisk {...register('educationCoordinatorEmail')} error={error('educationCoordinatorEmail')} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('settings.letters.appeal')}>
          <Stack gap="sm">
            {bilingual('appeal.boardName', t('settings.letters.appealBoard'))}
            <Textarea label={t('settings.letters.appealAddress')} description={t('settings.letters.linesHint')} withAsterisk autosize minRows={3} maxRows={6} {...register('appeal.address')} error={error('appeal.address')} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('settings.letters.signatories')}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('settings.letters.signatories.intro')}
            </Text>
            {signatories.fields.map((field, i) => (
              <Paper key={field.id} withBorder p="sm" data-signatory={i}>
                <Stack gap="xs">
                  <TextInput label={t('settings.letters.signatoryName')} withAsterisk {...register(`signatories.${i}.name`)} error={error(`signatories.${i}.name`)} />
                  <SimpleGrid cols={{ base: 1, md: 2 }}>
                    <TextInput label={t('settings.letters.inEnglish', { label: t('settings.letters.signatoryRole') })} withAsterisk {...register(`signatories.${i}.role.en`)} error={error(`signatories.${i}.role.en`)} />
                    <TextInput label={t('settings.letters.inDutch', { label: t('settings.letters.signatoryRole') })} withAsterisk {...register(`signatories.${i}.role.nl`)} error={error(`signatories.${i}.role.nl`)} />
                  </SimpleGrid>
                  <Controller
                    control={control}
                    name={`signatories.${i}.signatureImage`}
                    render={({ field: image }) => <SignatureImage value={image.value} onChange={image.onChange} error={error(`signatories.${i}.signatureImage`)} />}
                  />
                  <Group justify="flex-end">
                    <Button size="xs" variant="subtle" color="red" onClick={() => signatories.remove(i)}>
                      {t('settings.letters.removeSignatory')}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            ))}
            <Group>
              <Button size="xs" variant="default" onClick={() => signatories.append({ name: '', role: { en: '', nl: '' }, signatureImage: null })}>
                {t('settings.letters.addSignatory')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('settings.letters.signing')}>
          <Stack gap="sm">
            <TextInput label={t('settings.letters.certificatePath')} description={t('settings.letters.certificatePath.hint')} placeholder="/home/secretary/boex-signing.p12" {...register('certificatePath')} error={error('certificatePath')} />
            <Text size="sm" c="dimmed">
              {t('settings.letters.passwordNever')}
            </Text>
          </Stack>
        </Fieldset>

        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => reset(valuesOf(settings))} disabled={!formState.isDirty}>
            {t('settings.letters.undo')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('settings.letters.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SignatureImage({ value, onChange, error }: { value: string | null; onChange(value: string | null): void; error: string | undefined }) {
  const { t } = useTranslation();
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const pick = async (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_IMAGE_BYTES) {
      setTooLarge(t('settings.letters.imageTooLarge', { size: (file.size / 1024 / 1024).toFixed(1) }));
      return;
    }
    setTooLarge(null);
    onChange(await readAsBase64(file));
  };
  const message = tooLarge ?? error;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('settings.letters.signatureImage')}
      </Text>
      <Group gap="sm" align="center">
        {value ? (
          <Image src={imageSource(value)} alt={t('settings.letters.signatureImage')} h={48} w="auto" fit="contain" bg="white" style={{ border: '1px solid var(--mantine-color-gray-3)' }} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('settings.letters.noImage')}
          </Text>
        )}
        <FileButton onChange={(file) => void pick(file)} accept="image/png,image/jpeg">
          {(props) => (
            <Button size="xs" variant="default" {...props}>
              {value ? t('settings.letters.replaceImage') : t('settings.letters.chooseImage')}
            </Button>
          )}
        </FileButton>
        {value && (
          <Button size="xs" variant="subtle" onClick={() => onChange(null)}>
            {t('settings.letters.removeImage')}
          </Button>
        )}
      </Group>
      {message && (
        <Text size="xs" c="red.7" role="alert">
          {message}
        </Text>
      )}
    </Stack>
  );
}
