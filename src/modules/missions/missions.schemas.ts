import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { isoDateTime, lineSchema } from '../../lib/schemas.js';
import { RULES } from '../../rules.js';
import { themeSchema } from '../programmes/programmes.schemas.js';
import { communeCode } from '../territory/territory.schemas.js';

export const missionStatusSchema = z.enum(['draft', 'published', 'filled', 'closed']);

const named = z.object({ id: z.uuid(), name: z.string() });

export const missionSchema = z
  .object({
    id: z.uuid(),
    editionId: z.uuid(),
    host: named.describe('The proximity structure that hosts the volunteers'),
    firstCircle: named.describe('Its first-circle partner'),
    title: z.string(),
    description: z.string(),
    theme: themeSchema,
    places: z.number().int().describe('Volunteers it takes: 2 is one binôme'),
    startsOn: z.iso.date(),
    durationMonths: z.number().int(),
    endsOn: z.iso.date().describe('The last day: start plus the duration'),
    weeklyHours: z.number().int(),
    weeklyHoursDerogation: z.string().nullable().describe('Why fewer than 24 hours a week, when so'),
    openToMinors: z.boolean(),
    commune: z.object({ code: z.string(), name: z.string() }),
    status: missionStatusSchema,
    version: z.number().int().describe('Also the ETag; send it in If-Match to change the mission'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    publishedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Mission' });

const date = z.iso.date('must be a date, YYYY-MM-DD');
const fields = {
  title: lineSchema(200),
  description: z.string().trim().max(10_000).optional(),
  theme: themeSchema.optional().describe('The programme’s theme when not given'),
  places: z.number().int().min(1).max(100).optional().describe('Default 2: one binôme'),
  startsOn: date.describe('Within the edition’s dates'),
  durationMonths: z
    .number()
    .int()
    .min(1)
    .max(60)
    .describe(`${RULES.duration.minMonths} to ${RULES.duration.maxMonths} months (rule duration)`),
  weeklyHours: z
    .number()
    .int()
    .min(1)
    .max(168)
    .describe(`${RULES.weeklyHours.min} to ${RULES.weeklyHours.max} hours, fewer only with a derogation (rule weekly-hours); at most ${RULES.minorWeeklyHoursMax} when open to minors`),
  weeklyHoursDerogation: z.string().trim().min(1).max(1000).optional().describe('The recorded reason for fewer than 24 hours'),
  openToMinors: z.boolean().optional(),
  communeCode: communeCode.optional().describe('Where the mission takes place; the host’s commune when not given'),
};

export const createMissionBody = z
  .object({
    ...fields,
    hostStructureId: z.uuid().optional().describe('A proximity structure; a structure member’s own structure when not given'),
    firstCircleStructureId: z.uuid().optional().describe('The host’s partner in the edition when not given'),
  })
  .strict();

export const updateMissionBody = z
  .object({
    title: fields.title.optional(),
    description: fields.description,
    theme: fields.theme,
    places: fields.places,
    startsOn: fields.startsOn.optional(),
    durationMonths: fields.durationMonths.optional(),
    weeklyHours: fields.weeklyHours.optional(),
    weeklyHoursDerogation: fields.weeklyHoursDerogation.nullable(),
    openToMinors: fields.openToMinors,
    communeCode: fields.communeCode,
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'name at least one field to change');

export const missionTransitionBody = z
  .object({ to: missionStatusSchema.describe('draft → published → filled | closed (filled → published reopens; published → draft withdraws)') })
  .strict();

export const listEditionMissionsQuery = z.object({ status: missionStatusSchema.optional(), ...pageQuery }).strict();

export const missionPageSchema = pageSchema(missionSchema).meta({ id: 'MissionPage' });
