import { m } from '../entry.js';

/** The catalogue's messages of the projects area (issue 16), gathered in src/i18n/catalogue.ts. */
export const PROJECTS_MESSAGES = {
  'projects.placeholder': m('(réservé)', '(reserved)'),
} as const;
