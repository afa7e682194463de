// What the yearly report's screen shares: the words of its categories in the user's language (the
// same catalogue entries the PDF uses) and a table of figures with a total row.
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { reportCategoryWords } from '../../../shared/report';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';

export { OUTCOME_COLOR } from '../../../shared/report';

export function useReportWords() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return { ...reportCategoryWords(t, lang === 'nl' ? 'nl-NL' : 'en-GB'), date: (date: string): string => formatDate(date, lang) };
}

/** The figures behind a chart: the first column names the row, the others are numbers, the last row is the total. */
export function FigureTable({ caption, headers, rows, total }: { caption: string; headers: string[]; rows: string[][]; total: string[] }) {
  return (
    <Table verticalSpacing={4} striped fz="sm" aria-label={caption}>
      <Table.Thead>
        <Table.Tr>
          {headers.map((header, i) => (
            <Table.Th key={header} ta={i === 0 ? 'left' : 'right'}>
              {header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...rows, total].map((row, r) => (
          <Table.Tr key={row[0]} fw={r === rows.length ? 700 : undefined}>
            {row.map((cell, i) =>
              i === 0 ? (
                <Table.Th key={i} scope="row" fw={r === rows.length ? 700 : 400}>
                  {cell}
                </Table.Th>
              ) : (
                <Table.Td key={i} ta="right" className="numeric">
                  {cell}
                </Table.Td>
              ),
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
