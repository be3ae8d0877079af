import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { dateSchema, isoDateTime, lineSchema } from '../../lib/schemas.js';
import { epciCode } from '../territory/territory.schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

export const editionStatusSchema = z.enum(['planning', 'recruiting', 'running', 'closed']);

export const editionSchema = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    label: z.string(),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    plannedVolunteers: z.number().int(),
    status: editionStatusSchema,
    territory: z.array(z.object({ code: z.string(), name: z.string() })).describe('The EPCIs the edition covers'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Edition', description: 'One cohort of a programme (promotion)' });

const date = dateSchema;
const fields = {
  label: lineSchema(200).describe('e.g. Édition 2 — 2018-2019'),
  startsOn: date,
  endsOn: date,
  plannedVolunteers: z.number().int().min(1).max(10_000).describe('How many volunteers the edition takes'),
  epciCodes: z.array(epciCode).min(1).max(100).describe('The territory: SIREN numbers of EPCIs'),
};

const datesInOrder = (body: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  body.startsOn === undefined || body.endsOn === undefined || body.endsOn > body.startsOn;
const datesIssue = { message: fieldMessage('field.afterStartsOn'), path: ['endsOn'] };

export const createEditionBody = z.object(fields).strict().refine(datesInOrder, datesIssue);

export const updateEditionBody = z
  .object({
    label: fields.label.optional(),
    startsOn: date.optional(),
    endsOn: date.optional(),
    plannedVolunteers: fields.plannedVolunteers.optional(),
    epciCodes: fields.epciCodes.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, fieldMessage('field.oneFieldToChange'))
  .refine(datesInOrder, datesIssue);

export const transitionBody = z
  .object({
    to: editionStatusSchema.describe('planning → recruiting → running → closed; planning or recruiting → closed cancels'),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();

export const listEditionsQuery = z.object({ status: editionStatusSchema.optional(), ...pageQuery }).strict();

export const editionPageSchema = pageSchema(editionSchema).meta({ id: 'EditionPage' });
