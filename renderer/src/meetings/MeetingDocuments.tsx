// A meeting's documents as downloads: the meeting pack (PDF) of any meeting and, for a meeting of
// the Board of Examiners, the decision list as PDF or CSV, in the language chosen here (English or
// Dutch, whatever the app's own language). The main process makes the file; the bytes are offered
// as a download under its name (in Electron, the window asks where to save it).
import { Alert, Button, Group, SegmentedControl } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/i18n';
import type { Meeting } from '../../../shared/meetings';
import { call } from '../api/client';
import { base64ToBytes, saveBytes } from '../attachments/files';
import { currentLanguage } from '../i18n';

type Kind = 'pack' | 'list-pdf' | 'list-csv';

async function exportDocument(meetingId: number, language: Language, kind: Kind): Promise<string> {
  if (kind === 'pack') {
    const pack = await call('meetings.pack', { meetingId, language });
    saveBytes(pack.fileName, 'application/pdf', base64ToBytes(pack.pdfBase64));
    return pack.fileName;
  }
  const list = await call('meetings.decisionList', { meetingId, language, format: kind === 'list-pdf' ? 'pdf' : 'csv' });
  if (list.format === 'pdf') saveBytes(list.fileName, 'application/pdf', base64ToBytes(list.pdfBase64));
  else saveBytes(list.fileName, 'text/csv;charset=utf-8', new TextEncoder().encode(list.csv));
  return list.fileName;
}

export function MeetingDocuments({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<Language>(currentLanguage);
  const exporting = useMutation({
    mutationFn: (kind: Kind) => exportDocument(meeting.id, language, kind),
    onSuccess: (fileName) => notifications.show({ color: 'green', message: t('meetingDocuments.exported', { fileName }) }),
  });
  const busy = (kind: Kind) => exporting.isPending && exporting.variables === kind;

  return (
    <Group gap="xs" wrap="wrap" role="group" aria-label={t('meetingDocuments.label')}>
      <SegmentedControl
        size="xs"
        aria-label={t('meetingDocuments.language')}
        value={language}
        onChange={(value) => setLanguage(value as Language)}
        data={LANGUAGES.map((lang) => ({ value: lang, label: t(`meetingDocuments.language.${lang}`) }))}
      />
      <Button variant="default" onClick={() => exporting.mutate('pack')} loading={busy('pack')} disabled={exporting.isPending && !busy('pack')}>
        {t('meetings.pack')}
      </Button>
      {meeting.body === 'boex' && (
        <>
          <Button variant="default" onClick={() => exporting.mutate('list-pdf')} loading={busy('list-pdf')} disabled={exporting.isPending && !busy('list-pdf')}>
            {t('meetingDocuments.decisionListPdf')}
          </Button>
          <Button variant="default" onClick={() => exporting.mutate('list-csv')} loading={busy('list-csv')} disabled={exporting.isPending && !busy('list-csv')}>
            {t('meetingDocuments.decisionListCsv')}
          </Button>
        </>
      )}
      {exporting.isError && (
        <Alert color="red" role="alert" withCloseButton onClose={() => exporting.reset()} w="100%">
          {exporting.error.message}
        </Alert>
      )}
    </Group>
  );
}
