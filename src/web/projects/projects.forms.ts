import type { z } from 'zod';
import type { PublicKind } from '../../../db/database.js';
import { DomainError, Invalid, RuleViolation } from '../../errors.js';
import { zodIssueMessage } from '../../i18n/validation.js';
import { parisInstant } from '../../lib/dates.js';
import { attendanceBody, createOutingBody } from '../../modules/projects/outings.schemas.js';
import type { Outing } from '../../modules/projects/outings.service.js';
import { createProjectBody, PUBLIC_KINDS } from '../../modules/projects/projects.schemas.js';
import { numberOrText, one } from '../form-input.js';
import type { FormErrors, FormValues } from '../forms.js';

/**
 * The pages' forms of projects and outings, read into the API's bodies (the same schemas, the
 * same services), and the errors of either placed beside the page's own fields: the API's
 * `partners.1.publics` is the page's `publics-<partner>`, `groups.0.present` its
 * `present-<partner>-<public>`. A refusal by a rule lands beside the field it is about.
 */

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/** Errors by API path, each placed beside the page's field (`rename`), the first for each field. */
function place(list: readonly { path: string; message: string }[], rename: (path: string) => string): FormErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const { path, message } of list) {
    const field = rename(path);
    if (field) fields[field] ??= message;
    else general.push(message);
  }
  return { fields, general };
}

function checked<T>(schema: z.ZodType<T>, input: unknown, rename: (path: string) => string): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: place(result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: zodIssueMessage(issue, 'fr') })), rename) };
}

/** A service's refusal as the form's errors: the fields it names, a rule beside its field, else at the top. */
export function refusalOf(error: DomainError, rename: (path: string) => string, ruleFields: Readonly<Record<string, string>> = {}): FormErrors {
  if (error instanceof Invalid && error.errors.length > 0) return place(error.errors, rename);
  if (error instanceof RuleViolation && ruleFields[error.rule]) return { fields: { [ruleFields[error.rule]!]: error.message }, general: [] };
  return { fields: {}, general: [error.message] };
}

const many = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return typeof v === 'string' ? (v === '' ? [] : [v]) : [...(v ?? [])];
};
const optional = (value: string) => (value === '' ? undefined : value);

// Projects ----------------------------------------------------------------------------------------

export const publicsField = (structureId: string) => `publics-${structureId}`;

/** The project's form: title, aim, dates, the publics each partner brings (a partner takes part when one is checked), the other venues. */
export function readProjectForm(values: FormValues, partnerIds: readonly string[]) {
  const partners = partnerIds.map((id) => ({ structureId: id, publics: many(values, publicsField(id)) })).filter((p) => p.publics.length > 0);
  const input = {
    title: one(values, 'title'),
    aim: one(values, 'aim'),
    startsOn: optional(one(values, 'startsOn')),
    endsOn: optional(one(values, 'endsOn')),
    partners,
    otherVenueIds: many(values, 'otherVenueIds'),
  };
  const rename = projectRename(partners.map((p) => p.structureId));
  return { parsed: checked(createProjectBody, input, rename), rename };
}

export function projectRename(partnerIds: readonly string[]) {
  return (path: string) => {
    const [head, index] = path.split('.');
    if (head === 'partners' && index !== undefined) return publicsField(partnerIds[Number(index)] ?? '');
    if (head === 'otherVenueIds') return 'otherVenueIds';
    return head ?? '';
  };
}

/** The form's values of a project as it is, for its edit form. */
export function projectValues(project: { title: string; aim: string; startsOn: string | null; endsOn: string | null; partners: readonly { structureId: string; publics: readonly string[] }[]; venues: readonly { structureId: string; role: string }[] }): FormValues {
  const values: Record<string, string | string[]> = { title: project.title, aim: project.aim, startsOn: project.startsOn ?? '', endsOn: project.endsOn ?? '' };
  for (const p of project.partners) values[publicsField(p.structureId)] = [...p.publics];
  values.otherVenueIds = project.venues.filter((v) => v.role === 'other').map((v) => v.structureId);
  return values;
}

// Outings -----------------------------------------------------------------------------------------

export const expectedField = (structureId: string, kind: string) => `expected-${structureId}-${kind}`;
export const presentField = (structureId: string, kind: string) => `present-${structureId}-${kind}`;
export const firstTimeField = (structureId: string, kind: string) => `firstTime-${structureId}-${kind}`;
export const walkInsField = (structureId: string, kind: string) => `walkIns-${structureId}-${kind}`;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Where the outing's refusals by rule are shown. */
export const OUTING_RULE_FIELDS = { 'outing-within-mission': 'date', 'volunteer-double-booked': 'volunteerIds', 'volunteer-ended': 'volunteerIds' } as const;

/** The outing's form: a day and two times in Paris, the venue, what is seen, transport, the headcount expected per partner and public, the volunteers. */
export function readOutingForm(values: FormValues, partners: readonly { structureId: string; publics: readonly PublicKind[] }[]) {
  const slots = partners.flatMap((p) => PUBLIC_KINDS.filter((k) => p.publics.includes(k)).map((k) => ({ structureId: p.structureId, publicKind: k })));
  const groups = slots
    .map((s) => ({ ...s, expected: numberOrText(values[expectedField(s.structureId, s.publicKind)]) }))
    .filter((g) => g.expected !== undefined && g.expected !== 0);
  const rename = (path: string) => {
    const [head, index, field] = path.split('.');
    if (head === 'groups' && index !== undefined) {
      const g = groups[Number(index)];
      return g ? (field === 'present' || field === 'firstTime' ? '' : expectedField(g.structureId, g.publicKind)) : 'groups';
    }
    if (head === 'startsAt') return 'startTime';
    if (head === 'endsAt') return 'endTime';
    if (head === 'volunteerIds') return 'volunteerIds';
    return head ?? '';
  };
  const date = one(values, 'date');
  const startTime = one(values, 'startTime');
  const endTime = one(values, 'endTime');
  const fields: Record<string, string> = {};
  if (!DATE.test(date)) fields.date = 'Indiquez le jour de la sortie.';
  if (!TIME.test(startTime)) fields.startTime = 'Indiquez l’heure de début, par exemple 14:00.';
  if (!TIME.test(endTime)) fields.endTime = 'Indiquez l’heure de fin, par exemple 17:30.';
  const input = {
    startsAt: fields.date || fields.startTime ? '' : parisInstant(date, minutesOf(startTime)).toISOString(),
    endsAt: fields.date || fields.endTime ? '' : parisInstant(date, minutesOf(endTime)).toISOString(),
    venueStructureId: one(values, 'venueStructureId'),
    whatKind: one(values, 'whatKind'),
    whatTitle: one(values, 'whatTitle'),
    transport: one(values, 'transport'),
    driverName: optional(one(values, 'driverName')),
    groups,
    volunteerIds: many(values, 'volunteerIds'),
  };
  const parsed = checked(createOutingBody, input, rename);
  if (Object.keys(fields).length > 0) {
    const others = parsed.ok ? { fields: {}, general: [] } : parsed.errors;
    const rest = Object.fromEntries(Object.entries(others.fields).filter(([k]) => k !== 'startTime' && k !== 'endTime'));
    return { parsed: { ok: false, errors: { fields: { ...fields, ...rest }, general: others.general } } as Parsed<z.output<typeof createOutingBody>>, rename };
  }
  return { parsed, rename };
}

/** The attendance form: for each group, present, of whom first time, walk-ins; the account and the photos' link. */
export function readAttendanceForm(values: FormValues, outing: Outing) {
  const groups = outing.groups.map((g) => ({
    structureId: g.structureId,
    publicKind: g.publicKind,
    present: numberOrText(values[presentField(g.structureId, g.publicKind)]),
    firstTime: numberOrText(values[firstTimeField(g.structureId, g.publicKind)]) ?? 0,
    walkIns: numberOrText(values[walkInsField(g.structureId, g.publicKind)]) ?? 0,
  }));
  const rename = (path: string) => {
    const [head, index, field] = path.split('.');
    if (head === 'groups' && index !== undefined) {
      const g = groups[Number(index)];
      if (!g) return '';
      if (field === 'firstTime') return firstTimeField(g.structureId, g.publicKind);
      if (field === 'walkIns') return walkInsField(g.structureId, g.publicKind);
      return presentField(g.structureId, g.publicKind);
    }
    if (head === 'groups') return '';
    return head ?? '';
  };
  const input = { groups, account: optional(one(values, 'account')), photosUrl: optional(one(values, 'photosUrl')) };
  return { parsed: checked(attendanceBody, input, rename), rename };
}

/** The attendance recorded, as the form's values (to correct it). */
export function attendanceValues(outing: Outing): FormValues {
  const values: Record<string, string> = { account: outing.account ?? '', photosUrl: outing.photosUrl ?? '' };
  for (const g of outing.groups) {
    if (g.present !== null) values[presentField(g.structureId, g.publicKind)] = String(g.present);
    if (g.firstTime !== null) values[firstTimeField(g.structureId, g.publicKind)] = String(g.firstTime);
    values[walkInsField(g.structureId, g.publicKind)] = String(g.walkIns);
  }
  return values;
}

export { DomainError };
