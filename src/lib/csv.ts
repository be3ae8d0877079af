/**
 * CSV for French spreadsheets: `;` between cells (the comma is the decimal separator in
 * French), CRLF line ends, and a byte-order mark so that Excel reads UTF-8 (RFC 4180 otherwise).
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}

function cell(value: string): string {
  // A cell that starts like a formula would run in the spreadsheet (CSV injection, OWASP):
  // an apostrophe keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
