// The petition's files: listed with what the register keeps of them (kind, name, size, who added
// them when, SHA-256), added with a kind and a file picker, saved back out byte for byte, removed
// after a confirmation. Adding or removing refreshes the whole page's queries, so the findings (an
// HBO form on file satisfies `hbo.form`) and the register's badge follow at once.
import { Alert, Button, FileButton, Group, Modal, Paper, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_ACCEPT, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_MEGABYTES, type Attachment, type AttachmentKind } from '../../../shared/attachments';
import { ATTACHMENT_KINDS, type PetitionStatus } from '../../../shared/domain';
import type { PetitionDetail } from '../../../shared/schemas';
import { call } from '../api/client';
import { formatMoment } from '../format';
import { currentLanguage } from '../i18n';
import { base64ToBytes, formatSize, readAsBase64, saveBytes } from './files';

/** Decided petitions keep their files (the service refuses too; the page does not offer it). */
const DECIDED: readonly PetitionStatus[] = ['rejected', 'approved', 'external_approved'];

export function Attachments({ petition }: { petition: PetitionDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['attachments.list', petition.id],
    queryFn: () => call('attachments.list', { petitionId: petition.id }),
  });
  const [removing, setRemoving] = useState<Attachment | null>(null);

  const isHbo = petition.institution.kind === 'applied_sciences';
  const hboFormOnFile = list.data?.some((a) => a.kind === 'hbo_form') ?? false;
  const decided = DECIDED.includes(petition.status);

  const save = useMutation({
    mutationFn: async (a: Attachment) => {
      const file = await call('attachments.get', { id: a.id });
      saveBytes(file.fileName, file.mediaType, base64ToBytes(file.contentBase64));
    },
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="attachments-title">
      <Title order={3} size="h5" mb="sm" id="attachments-title">
        {t('attachment.title')}
      </Title>
      <Stack gap="sm">
        {isHbo && list.data && (
          <Text size="sm" c={hboFormOnFile ? 'teal.8' : 'red.8'} data-hbo-form={hboFormOnFile ? 'on-file' : 'missing'}>
            {hboFormOnFile ? t('attachment.hboForm.onFile') : t('attachment.hboForm.missing')}
          </Text>
        )}
        {list.isError && <Alert color="red">{list.error.message}</Alert>}
        {list.data && list.data.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('attachment.none')}
          </Text>
        )}
        {list.data && list.data.length > 0 && (
          <AttachmentTable
            attachments={list.data}
            canRemove={!decided}
            saving={save.isPending ? save.variables.id : null}
            onSave={(a) => save.mutate(a)}
            onRemove={setRemoving}
          />
        )}
        {decided && list.data && list.data.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('attachment.decided')}
          </Text>
        )}
        {petition.status === 'withdrawn' ? (
          <Text size="sm" c="dimmed">
            {t('attachment.withdrawn')}
          </Text>
        ) : (
          <AddFile
            petitionId={petition.id}
            defaultKind={isHbo && list.data && !hboFormOnFile ? 'hbo_form' : 'course_description'}
            onAdded={() => queryClient.invalidateQueries()}
          />
        )}
      </Stack>
      <RemoveDialog attachment={removing} onClose={() => setRemoving(null)} />
    </Paper>
  );
}

function AttachmentTable(props: {
  attachments: Attachment[];
  canRemove: boolean;
  saving: number | null;
  onSave(a: Attachment): void;
  onRemove(a: Attachment): void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" aria-label={t('attachment.list')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('attachment.column.kind')}</Table.Th>
            <Table.Th>{t('attachment.column.file')}</Table.Th>
            <Table.Th ta="right">{t('attachment.column.size')}</Table.Th>
            <Table.Th>{t('attachment.column.added')}</Table.Th>
            <Table.Th>{t('attachment.column.sha256')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.attachments.map((a) => (
            <Table.Tr key={a.id} data-attachment={a.id}>
              <Table.Td>{t(`attachment.kind.${a.kind}`)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.fileName}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatSize(a.sizeBytes, lang)}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t('attachment.addedBy', { when: formatMoment(a.addedAt, lang), actor: a.addedBy })}</Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={t('attachment.sha256.full', { sha256: a.sha256 })} ff="monospace">
                  <Text
                    component="span"
                    size="sm"
                    ff="monospace"
                    tabIndex={0}
                    data-sha256={a.sha256}
                    aria-label={t('attachment.sha256.full', { sha256: a.sha256 })}
                  >
                    {a.sha256.slice(0, 12)}…
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => props.onSave(a)}
                    loading={props.saving === a.id}
                    aria-label={t('attachment.save.label', { fileName: a.fileName })}
                  >
                    {t('attachment.save')}
                  </Button>
                  {props.canRemove && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => props.onRemove(a)}
                      aria-label={t('attachment.remove.label', { fileName: a.fileName })}
                    >
                      {t('attachment.remove')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AddFile({ petitionId, defaultKind, onAdded }: { petitionId: number; defaultKind: AttachmentKind; onAdded(): Promise<unknown> }) {
  const { t } = useTranslation();
  const [chosenKind, setKind] = useState<AttachmentKind | null>(null);
  const kind = chosenKind ?? defaultKind;
  const resetRef = useRef<() => void>(null);
  const add = useMutation({
    mutationFn: async (file: File) => {
      // Refused here too, so a huge file is never read into memory only to be refused by the register.
      if (file.size > MAX_ATTACHMENT_BYTES) throw new Error(t('attachment.error.tooLarge', { fileName: file.name, limit: MAX_ATTACHMENT_MEGABYTES }));
      const contentBase64 = await readAsBase64(file);
      return call('attachments.add', { petitionId, kind, fileName: file.name, mediaType: file.type, contentBase64 });
    },
    onSuccess: async (added) => {
      await onAdded();
      setKind(null);
      notifications.show({ color: 'green', message: t('attachment.added', { fileName: added.fileName }) });
    },
    onSettled: () => resetRef.current?.(),
  });
  const kinds = ATTACHMENT_KINDS.map((k) => ({ value: k, label: t(`attachment.kind.${k}`) }));
  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('attachment.kind')}
          data={kinds}
          value={kind}
          onChange={(value) => setKind(value as AttachmentKind | null)}
          allowDeselect={false}
          w={280}
        />
        <FileButton onChange={(file) => file && add.mutate(file)} accept={ATTACHMENT_ACCEPT} resetRef={resetRef} inputProps={{ 'aria-label': t('attachment.add') }}>
          {(buttonProps) => (
            <Button {...buttonProps} loading={add.isPending}>
              {t('attachment.add')}
            </Button>
          )}
        </FileButton>
      </Group>
      <Text size="xs" c="dimmed">
        {t('attachment.allowed', { limit: MAX_ATTACHMENT_MEGABYTES })}
      </Text>
      {add.isError && (
        <Alert color="red" role="alert">
          {add.error.message}
        </Alert>
      )}
    </Stack>
  );
}

function RemoveDialog({ attachment, onClose }: { attachment: Attachment | null; onClose(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (a: Attachment) => call('attachments.remove', { id: a.id }),
    onSuccess: async (_result, a) => {
      await queryClient.invalidateQueries();
      notifications.show({ color: 'green', message: t('attachment.removed', { fileName: a.fileName }) });
      close();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal opened={attachment !== null} onClose={close} title={t('attachment.remove.title')}>
      {attachment && (
        <Text size="sm">
          {t('attachment.remove.confirm', { fileName: attachment.fileName, kind: t(`attachment.kind.${attachment.kind}`) })}
        </Text>
      )}
      {remove.isError && (
        <Alert color="red" mt="md" role="alert">
          {remove.error.message}
        </Alert>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={close} data-autofocus>
          {t('petition.cancel')}
        </Button>
        <Button color="red" onClick={() => attachment && remove.mutate(attachment)} loading={remove.isPending}>
          {t('attachment.remove')}
        </Button>
      </Group>
    </Modal>
  );
}
