/**
 * CSV for French spreadsheets: `;` between cells (the comma is the decimal separator in
 * French), CRLF line ends, and a byte-order mark so that Excel reads UTF-8 (RFC 4180 otherwise).
 * Every export writes its columns with `csvColumns` and `csvOf`, so that each cell is written as
 * a French spreadsheet reads it: dates « 01/10/2018 », times « 09:00 » (Paris), « oui »/« non »,
 * decimals with a comma, phone numbers « 06 12 34 56 78 ».
 */
import { formatNumericDate, formatNumericTime, formatPhone } from '../i18n/format.js';

/** What a column's accessor may answer: nothing (an empty cell), text, a number, yes or no. */
export type CsvValue = string | number | boolean | null | undefined;

/** A column of an export: its French header and the cell of a row. */
export interface CsvColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => CsvValue;
}

/**
 * An export's columns, checked once when the module loads: a header names one column only (a
 * spreadsheet's filters and formulas find a column by its header).
 */
export function csvColumns<Row>(columns: readonly CsvColumn<Row>[]): readonly CsvColumn<Row>[] {
  const seen = new Set<string>();
  for (const { header } of columns) {
    if (seen.has(header)) throw new Error(`CSV header « ${header} » names two columns`);
    seen.add(header);
  }
  return columns;
}

/** The file: the header line, then a line per row. */
export function csvOf<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  const lines: string[][] = [columns.map((c) => c.header)];
  for (const row of rows) lines.push(columns.map((c) => text(c.value(row))));
  return toCsv(lines);
}

/** Rows of text as the file (`csvOf` writes them from columns). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}

function text(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  // Without a thousands separator, which a spreadsheet would read as text.
  if (typeof value === 'number') return String(value).replace('.', ',');
  return value;
}

function cell(value: string): string {
  // A cell that starts like a formula would run in the spreadsheet (CSV injection, OWASP):
  // an apostrophe keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A day (a calendar date YYYY-MM-DD or an instant, the day in Paris) as « 01/10/2018 ». */
export function csvDate(value: string | Date | null | undefined): string {
  return value ? formatNumericDate(value) : '';
}

/** An instant's time in Paris as « 09:00 » (beside its `csvDate` column, to filter by day). */
export function csvTime(value: string | Date | null | undefined): string {
  return value ? formatNumericTime(value) : '';
}

/** A time of day as the API keeps it (« 9:30 », « 14:00:00 ») as « 09:30 ». */
export function csvClock(value: string | null | undefined): string {
  const match = value ? /^(\d{1,2}):(\d{2})/.exec(value) : null;
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : (value ?? '');
}

/** A phone number as « 06 12 34 56 78 » (French numbers; see formatPhone). */
export function csvPhone(value: string | null | undefined): string {
  return value ? formatPhone(value) : '';
}

/** A decimal amount the API writes « 580.62 » as « 580,62 ». */
export function csvDecimal(value: string | null | undefined): string {
  return value ? value.replace('.', ',') : '';
}

/** A code by its French label (the label maps of src/i18n/labels.ts); an unknown code as it is. */
export function csvLabel(labels: Readonly<Record<string, string>>, code: string | null | undefined): string {
  return code ? (labels[code] ?? code) : '';
}
