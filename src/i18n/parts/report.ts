/**
 * The catalogue's messages of the report area (issue 16), gathered in src/i18n/catalogue.ts. The
 * report refuses nothing but a 404 (THINGS.report); its labels are in src/modules/report/report.labels.ts.
 */
export const REPORT_MESSAGES = {} as const;
