import { z } from 'zod';
import { limitParam } from '../../lib/pagination.js';
import { dateSchema, idSchema, isoDateTime, lineSchema, searchSchema } from '../../lib/schemas.js';

export const PUBLIC_KINDS = ['seniors', 'disability', 'youth', 'families', 'precarity', 'inhabitants', 'other'] as const;
export const PROJECT_STATUSES = ['draft', 'submitted', 'validated', 'running', 'done', 'abandoned'] as const;
export const VENUE_ROLES = ['host', 'first_circle', 'other'] as const;

export const publicKindSchema = z.enum(PUBLIC_KINDS);
export const projectStatusSchema = z.enum(PROJECT_STATUSES);

/** A text of several lines: trimmed, 1 to `max` characters. */
const textSchema = (max: number) => z.string().trim().min(1).max(max);

const partnerInput = z
  .object({
    structureId: idSchema.describe('A public partner (structure of kind public_partner) of the operator'),
    publics: z.array(publicKindSchema).min(1).max(7).describe('The publics it brings'),
  })
  .strict();

const projectFields = {
  title: lineSchema(200),
  aim: textSchema(4000).describe('What the project is for, whom it brings where'),
  startsOn: dateSchema.nullable().optional(),
  endsOn: dateSchema.nullable().optional(),
  partners: z.array(partnerInput).max(30).optional().describe('The public partners taking part; replaces the list'),
  otherVenueIds: z.array(idSchema).max(30).optional().describe('Venues besides the host and its first-circle partner (structures of the operator); replaces the list'),
};

export const createProjectBody = z.object(projectFields).strict();
export const updateProjectBody = z
  .object({ ...projectFields, title: projectFields.title.optional(), aim: projectFields.aim.optional() })
  .strict();

export const reasonBody = z.object({ reason: textSchema(1000).describe('Why, shown to the volunteers') }).strict();
export const commentBody = z.object({ body: textSchema(2000) }).strict();

export const listProjectsQuery = z
  .object({
    editionId: idSchema.optional(),
    binomeId: idSchema.optional(),
    status: z
      .string()
      .transform((s) => s.split(',').map((v) => v.trim()))
      .pipe(z.array(projectStatusSchema).min(1).max(6))
      .optional()
      .describe('One status or several, comma-separated'),
    q: searchSchema.optional().describe('A part of the title'),
    sort: z.enum(['pending', 'title', 'updated']).default('pending').describe('pending: the projects to validate first, then the latest changed'),
    limit: limitParam,
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();

const personSchema = z.object({ id: z.uuid(), name: z.string() });

export const projectSchema = z
  .object({
    id: z.uuid(),
    binomeId: z.uuid(),
    editionId: z.uuid(),
    editionLabel: z.string(),
    missionTitle: z.string(),
    title: z.string(),
    aim: z.string(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    status: projectStatusSchema,
    abandonedReason: z.string().nullable(),
    returnedReason: z.string().nullable().describe('Why a coordinator returned it to draft, last time (for the volunteers)'),
    partners: z.array(z.object({ structureId: z.uuid(), name: z.string(), publics: z.array(publicKindSchema) })),
    venues: z.array(z.object({ structureId: z.uuid(), name: z.string(), role: z.enum(VENUE_ROLES), address: z.string().nullable(), commune: z.string().nullable() })),
    volunteers: z.array(personSchema),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'MediationProject' });

export const projectPageSchema = z.object({ items: z.array(projectSchema), nextOffset: z.number().int().nullable() });

export const commentSchema = z
  .object({ id: z.uuid(), body: z.string(), author: personSchema.extend({ role: z.string() }), createdAt: isoDateTime })
  .meta({ id: 'ProjectComment' });
