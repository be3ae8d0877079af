import { m } from '../entry.js';

/** The catalogue's messages of the report area (issue 16), gathered in src/i18n/catalogue.ts. */
export const REPORT_MESSAGES = {
  'report.placeholder': m('(réservé)', '(reserved)'),
} as const;
