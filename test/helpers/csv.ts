import { parse } from 'csv-parse/sync';

/**
 * A CSV export read back as a spreadsheet would: the byte-order mark, `;`, quotes and CRLF
 * undone. Each record is keyed by its header; `header` keeps the order (and any repeated name).
 */
export function readCsv(body: string): { header: string[]; records: Record<string, string>[] } {
  const rows = parse(body, { bom: true, delimiter: ';', record_delimiter: '\r\n' }) as string[][];
  const [header = [], ...lines] = rows;
  return { header, records: lines.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i] ?? '']))) };
}

/** Whether each header names one column only. */
export function uniqueHeaders(header: readonly string[]): boolean {
  return new Set(header).size === header.length;
}
