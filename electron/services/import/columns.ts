// The columns of the programme's petition export, and the petition field each one fills.
import type { PetitionInput } from '../../../shared/schemas';

export const COLUMNS = [
  'student_number',
  'given_name',
  'family_name',
  'email',
  'course_code',
  'course_title',
  'institution',
  'institution_kind',
  'country',
  'ec',
  'level',
  'start_date',
  'honours',
  'submitted_on',
  'motivation',
] as const;
export type Column = (typeof COLUMNS)[number];

export const FIELD_OF: Record<Column, keyof PetitionInput> = {
  student_number: 'studentNumber',
  given_name: 'givenName',
  family_name: 'familyName',
  email: 'email',
  course_code: 'courseCode',
  course_title: 'courseTitle',
  institution: 'institution',
  institution_kind: 'institutionKind',
  country: 'country',
  ec: 'ec',
  level: 'level',
  start_date: 'courseStartDate',
  honours: 'honours',
  submitted_on: 'submittedOn',
  motivation: 'motivation',
};

const COLUMN_OF = new Map(Object.entries(FIELD_OF).map(([column, field]) => [field as string, column as Column]));

export function columnOfField(field: string): Column | null {
  return COLUMN_OF.get(field) ?? null;
}

export function isColumn(name: string): name is Column {
  return (COLUMNS as readonly string[]).includes(name);
}

/** Header names are compared trimmed and regardless of case, as spreadsheets capitalise them freely. */
export function columnName(header: string): string {
  return header.trim().toLowerCase();
}
