// The form that registers a grade (or its correction): the certified transcript, the grade as
// written, the Dutch-scale grade with its conversion shown live, and the pass/fail switch.
import { Alert, Button, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradeRegistration } from '../../../shared/grades';
import type { PetitionDetail } from '../../../shared/schemas';
import { ApiError, call } from '../api/client';
import { currentLanguage } from '../i18n';
import { conversionOf, formatGrade } from './conversion';

export function GradeForm({
  petition,
  creditedEc,
  correcting,
  onDone,
}: {
  petition: PetitionDetail;
  creditedEc: number;
  correcting?: GradeRegistration;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const attachments = useQuery({ queryKey: ['attachments.list', petition.id], queryFn: () => call('attachments.list', { petitionId: petition.id }) });
  const transcripts = (attachments.data ?? []).filter((a) => a.kind === 'transcript');
  const [transcriptId, setTranscriptId] = useState<string | null>(correcting ? String(correcting.transcriptAttachmentId) : null);
  const [originalGrade, setOriginalGrade] = useState(correcting?.originalGrade ?? '');
  const [dutchGrade, setDutchGrade] = useState('');
  const [passFail, setPassFail] = useState(correcting ? correcting.convertedGrade === null : false);
  const chosen = transcriptId ?? (transcripts.length === 1 ? String(transcripts[0]!.id) : null);

  const save = useMutation({
    mutationFn: () => {
      const fields = { transcriptAttachmentId: Number(chosen ?? 0), originalGrade, dutchGrade: passFail ? null : dutchGrade, passFail };
      return correcting ? call('grades.correct', { registrationId: correcting.id, ...fields }) : call('grades.register', { petitionId: petition.id, ...fields });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      onDone?.();
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fields : {};
  const conversion = conversionOf(dutchGrade);

  return (
    <form
      aria-label={correcting ? t('grades.saveCorrection') : t('grades.register')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm" maw={560}>
        {attachments.data && transcripts.length === 0 && (
          <Alert color="yellow" variant="light">
            {t('grades.noTranscript')}
          </Alert>
        )}
        <Select
          label={t('grades.transcript')}
          data={transcripts.map((a) => ({ value: String(a.id), label: a.fileName }))}
          value={chosen}
          onChange={setTranscriptId}
          error={fieldErrors.transcriptAttachmentId}
          required
        />
        <TextInput
          label={t('grades.originalGrade')}
          description={t('grades.originalGrade.hint')}
          value={originalGrade}
          onChange={(e) => setOriginalGrade(e.currentTarget.value)}
          error={fieldErrors.originalGrade}
          required
        />
        <Switch label={t('grades.passFail')} checked={passFail} onChange={(e) => setPassFail(e.currentTarget.checked)} />
        {!passFail && (
          <TextInput
            label={t('grades.dutchGrade')}
            description={t('grades.dutchGrade.hint')}
            value={dutchGrade}
            onChange={(e) => setDutchGrade(e.currentTarget.value)}
            error={fieldErrors.dutchGrade}
            inputMode="decimal"
            required
          />
        )}
        <div aria-live="polite" data-testid="grade-conversion">
          {passFail ? (
            <Text size="sm">{t('grades.rule.passFail', { ec: creditedEc })}</Text>
          ) : conversion.kind === 'invalid' ? (
            <Text size="sm" c="red">
              {t('grades.rule.invalid')}
            </Text>
          ) : (
            conversion.kind !== 'empty' && (
              <>
                <Text size="sm" fw={600}>
                  {t(`grades.rule.${conversion.kind}`, { from: formatGrade(conversion.from, lang), to: formatGrade(conversion.to, lang) })}
                </Text>
                <Text size="sm">{conversion.pass ? t('grades.rule.pass', { ec: creditedEc }) : t('grades.rule.fail')}</Text>
              </>
            )
          )}
        </div>
        {save.isError && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {correcting ? t('grades.saveCorrection') : t('grades.register')}
          </Button>
          {onDone && (
            <Button variant="default" onClick={onDone}>
              {t('grades.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
