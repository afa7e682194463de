// The cells a list of petitions shows in every completion view (awaiting transcript, uSis export):
// the student linked to the petition, the course, and the decision with its date.
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'wouter';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';

export function StudentCell({ petitionId, name, studentNumber }: { petitionId: number; name: string; studentNumber: string }) {
  return (
    <Table.Td>
      <Anchor component={Link} href={`/petitions/${petitionId}`} size="sm" fw={500}>
        {name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {studentNumber}
      </Text>
    </Table.Td>
  );
}

export function CourseCell({ code, title }: { code: string; title: string }) {
  return (
    <Table.Td>
      <Text size="sm">
        {code} {title}
      </Text>
    </Table.Td>
  );
}

export function DecisionCell({ number, decidedOn }: { number: string; decidedOn: string }) {
  return (
    <Table.Td>
      <Text size="sm" ff="monospace">
        {number}
      </Text>
      <Text size="xs" c="dimmed">
        {formatDate(decidedOn, currentLanguage())}
      </Text>
    </Table.Td>
  );
}
