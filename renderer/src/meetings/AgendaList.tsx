// The agenda as an ordered list: drag and drop with dnd-kit (pointer and keyboard), and explicit
// Move up / Move down buttons. Every change of order is saved at once with agenda.reorder and
// announced to screen readers.
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Alert, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem, MeetingDetail } from '../../../shared/meetings';
import { call } from '../api/client';
import { ItemFacts } from './ItemFacts';
import { applyDetail } from './labels';

interface Props {
  detail: MeetingDetail;
  /** Whether the agenda may still change (the meeting is not closed). */
  editable: boolean;
  /** What a meeting adds below each item: the advice, the decision. */
  extra?: (item: AgendaItem) => ReactNode;
}

type Direction = 'up' | 'down';

export function AgendaList({ detail, editable, extra }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const meetingId = detail.meeting.id;
  const items = detail.items;
  const ids = useMemo(() => items.map((item) => item.id), [items]);
  const byId = useMemo(() => new Map(items.map((item) => [item.id as UniqueIdentifier, item])), [items]);
  const [spoken, setSpoken] = useState('');
  const focusAfterMove = useRef<{ id: number; direction: Direction } | null>(null);

  const reorder = useMutation({
    mutationFn: (order: AgendaItem[]) => call('agenda.reorder', { meetingId, petitionIds: order.map((item) => item.petition.id) }),
    onMutate: (order) => {
      // Show the new order at once; the register's answer replaces it (or the old order comes back).
      queryClient.setQueryData<MeetingDetail>(['meetings.get', meetingId], (old) =>
        old ? { ...old, items: order.map((item, index) => ({ ...item, position: index + 1 })) } : old,
      );
    },
    onSuccess: (saved) => applyDetail(queryClient, saved),
    onError: () => queryClient.invalidateQueries({ queryKey: ['meetings.get', meetingId] }),
  });

  const remove = useMutation({
    mutationFn: (item: AgendaItem) => call('agenda.remove', { meetingId, petitionId: item.petition.id }),
    onSuccess: async (saved, item) => {
      await applyDetail(queryClient, saved);
      notifications.show({ color: 'green', message: t('meetings.item.removed', { name: item.petition.studentName }) });
    },
  });

  const move = (from: number, to: number) => {
    const order = arrayMove(items, from, to);
    reorder.mutate(order);
    return order;
  };

  const moveBy = (item: AgendaItem, direction: Direction) => {
    const from = items.indexOf(item);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= items.length) return;
    move(from, to);
    setSpoken(t('meetings.moved', { name: item.petition.studentName, position: to + 1, count: items.length }));
    focusAfterMove.current = { id: item.id, direction };
  };

  // A moved item's button keeps the focus (React may have moved its element in the page); at
  // the top or bottom, where that button is disabled, the other one takes it.
  useEffect(() => {
    const moved = focusAfterMove.current;
    if (!moved) return;
    focusAfterMove.current = null;
    const find = (direction: Direction) =>
      document.querySelector<HTMLButtonElement>(`[data-move="${moved.id}-${direction}"]:not(:disabled)`);
    (find(moved.direction) ?? find(moved.direction === 'up' ? 'down' : 'up'))?.focus();
  }, [items]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const nameOf = (id: UniqueIdentifier) => byId.get(id)?.petition.studentName ?? '';
  const positionOf = (id: UniqueIdentifier | undefined) => (id === undefined ? 0 : ids.indexOf(Number(id)) + 1);
  // dnd-kit reports the item over itself right after the pick-up; only a real move is announced,
  // so the pick-up sentence is not cut short.
  const lastOver = useRef<UniqueIdentifier | null>(null);
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      lastOver.current = active.id;
      return t('meetings.dnd.start', { name: nameOf(active.id), position: positionOf(active.id), count: ids.length });
    },
    onDragOver: ({ active, over }) => {
      if (!over || over.id === lastOver.current) return undefined;
      lastOver.current = over.id;
      return t('meetings.dnd.over', { name: nameOf(active.id), position: positionOf(over.id), count: ids.length });
    },
    onDragEnd: ({ active, over }) =>
      t('meetings.dnd.end', { name: nameOf(active.id), position: positionOf(over?.id ?? active.id), count: ids.length }),
    onDragCancel: ({ active }) => t('meetings.dnd.cancel', { name: nameOf(active.id), position: positionOf(active.id), count: ids.length }),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    move(ids.indexOf(Number(active.id)), ids.indexOf(Number(over.id)));
  };

  const failure = reorder.error ?? remove.error;

  return (
    <Stack gap="sm">
      {failure && (
        <Alert color="red" role="alert" withCloseButton onClose={() => { reorder.reset(); remove.reset(); }}>
          {failure.message}
        </Alert>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('meetings.dnd.instructions') } }}
      >
        <SortableContext items={ids} strategy={verticalListSortingStrategy}>
          <ol className="agenda-list" aria-label={t('meetings.agenda.label')}>
            {items.map((item, index) => (
              <SortableItem
                key={item.id}
                item={item}
                index={index}
                count={items.length}
                editable={editable}
                removing={remove.isPending && remove.variables?.id === item.id}
                onMove={(direction) => moveBy(item, direction)}
                onRemove={() => remove.mutate(item)}
              >
                {extra?.(item)}
              </SortableItem>
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <div aria-live="polite" role="status" className="meetings-visually-hidden">
        {spoken}
      </div>
    </Stack>
  );
}

interface ItemProps {
  item: AgendaItem;
  index: number;
  count: number;
  editable: boolean;
  removing: boolean;
  onMove(direction: Direction): void;
  onRemove(): void;
  children?: ReactNode;
}

function SortableItem({ item, index, count, editable, removing, onMove, onRemove, children }: ItemProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: item.id,
    disabled: !editable,
  });
  const name = item.petition.studentName;
  const locked = item.advice !== null || item.decision !== null;
  return (
    <li
      ref={setNodeRef}
      className="agenda-item"
      data-dragging={isDragging}
      data-petition={item.petition.id}
      data-student={item.petition.studentNumber}
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <Paper withBorder p="md" radius="sm">
        <Group align="flex-start" wrap="nowrap" gap="md">
          <Stack gap={4} align="center">
            {editable && (
              <ActionIcon
                ref={setActivatorNodeRef}
                variant="subtle"
                color="gray"
                className="agenda-handle"
                title={t('meetings.item.drag', { name })}
                {...attributes}
                {...listeners}
                aria-label={t('meetings.item.drag', { name })}
              >
                <span aria-hidden="true">⠿</span>
              </ActionIcon>
            )}
            <Text fw={700} size="lg" className="agenda-position" aria-hidden="true">
              {index + 1}
            </Text>
            {editable && (
              <>
                <ActionIcon
                  variant="default"
                  size="sm"
                  aria-label={t('meetings.item.moveUp', { name })}
                  title={t('meetings.item.moveUp', { name })}
                  data-move={`${item.id}-up`}
                  disabled={index === 0}
                  onClick={() => onMove('up')}
                >
                  <span aria-hidden="true">↑</span>
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="sm"
                  aria-label={t('meetings.item.moveDown', { name })}
                  title={t('meetings.item.moveDown', { name })}
                  data-move={`${item.id}-down`}
                  disabled={index === count - 1}
                  onClick={() => onMove('down')}
                >
                  <span aria-hidden="true">↓</span>
                </ActionIcon>
              </>
            )}
          </Stack>
          <ItemFacts item={item} />
          {editable && !locked && (
            <Tooltip label={t('meetings.item.remove', { name })} openDelay={500}>
              <ActionIcon variant="subtle" color="red" aria-label={t('meetings.item.remove', { name })} loading={removing} onClick={onRemove}>
                <span aria-hidden="true">✕</span>
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        {children}
      </Paper>
    </li>
  );
}
