import { z } from 'zod';
import { cursorParam, limitParam, pageQuery, pageSchema } from '../../lib/pagination.js';
import { dateSchema, isoDateTime, lineSchema, searchSchema } from '../../lib/schemas.js';
import { RULES } from '../../rules.js';
import { themeSchema } from '../programmes/programmes.schemas.js';
import { communeCode, epciCode } from '../territory/territory.schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

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
    daysPerWeek: z.number().int(),
    weeklyHoursDerogation: z.string().nullable().describe('Why fewer than 24 hours a week, when so'),
    openToMinors: z.boolean(),
    commune: z.object({ code: z.string(), name: z.string() }),
    status: missionStatusSchema,
    version: z.number().int().describe('Also the ETag; send it in If-Match to change the mission'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    publishedAt: isoDateTime.nullable(),
    submittedAt: isoDateTime.nullable().describe('When the host structure submitted the draft for publication (POST /missions/{id}/submit); null once it moves'),
  })
  .meta({ id: 'Mission' });

const date = dateSchema;
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
  daysPerWeek: z
    .number()
    .int()
    .min(1)
    .max(7)
    .optional()
    .describe(`Days a week, default 5: at most ${RULES.weeklyHours.maxDays} (rule weekly-hours), ${RULES.minorMaxDays} when open to minors`),
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
    daysPerWeek: fields.daysPerWeek,
    weeklyHoursDerogation: fields.weeklyHoursDerogation.nullable(),
    openToMinors: fields.openToMinors,
    communeCode: fields.communeCode,
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, fieldMessage('field.oneFieldToChange'));

export const missionTransitionBody = z
  .object({ to: missionStatusSchema.describe('draft → published → filled | closed (filled → published reopens; published → draft withdraws)') })
  .strict();

export const listEditionMissionsQuery = z.object({ status: missionStatusSchema.optional(), ...pageQuery }).strict();

export const missionPageSchema = pageSchema(missionSchema).meta({ id: 'MissionPage' });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC = /^-?\d+(\.\d+)?$/;
export const SORTS = ['relevance', 'startDate', 'distance'] as const;
export type SearchSort = (typeof SORTS)[number];

/** The search cursor: (sort, key of the last row, id); a cursor of another sort is refused. */
const searchCursor = cursorParam<[SearchSort, string, string]>(
  (v) =>
    v.length === 3 &&
    SORTS.includes(v[0] as SearchSort) &&
    typeof v[1] === 'string' &&
    (v[0] === 'startDate' ? /^\d{4}-\d{2}-\d{2}$/.test(v[1]) : NUMERIC.test(v[1])) &&
    UUID.test(String(v[2])),
);

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const searchMissionsQuery = z
  .object({
    q: searchSchema.optional().describe('Words of the title or description, in French, without accents or case (ranked)'),
    theme: themeSchema.optional(),
    editionId: z.uuid().optional(),
    structureId: z.uuid().optional().describe('Host or first-circle partner'),
    commune: communeCode.optional().describe('INSEE code of the mission’s commune'),
    epci: epciCode.optional().describe('Missions in a commune of this EPCI'),
    near: z
      .string()
      .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, fieldMessage('field.latLon'))
      .transform((v) => v.split(',').map(Number) as [number, number])
      .refine(([lat, lon]) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180, fieldMessage('field.notOnEarth'))
      .optional()
      .describe('lat,lon (WGS-84): missions within radiusKm, with their distance'),
    radiusKm: z.coerce.number().positive().max(1000).default(25).describe('With near; default 25 km'),
    startsAfter: dateSchema.optional().describe('Starting on or after this date'),
    startsBefore: dateSchema.optional().describe('Starting on or before this date'),
    openToMinors: boolParam.optional(),
    sort: z.enum(SORTS).optional().describe('relevance (default with q), startDate (default otherwise) or distance (needs near)'),
    limit: limitParam,
    cursor: searchCursor,
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.sort === 'distance' && !query.near) ctx.addIssue({ code: 'custom', path: ['sort'], message: fieldMessage('field.distanceNeedsNear') });
    if (query.sort === 'relevance' && !query.q) ctx.addIssue({ code: 'custom', path: ['sort'], message: fieldMessage('field.relevanceNeedsQ') });
    if (query.startsAfter && query.startsBefore && query.startsAfter > query.startsBefore) {
      ctx.addIssue({ code: 'custom', path: ['startsBefore'], message: fieldMessage('field.notBeforeStartsAfter') });
    }
  });

export const missionHitSchema = missionSchema
  .extend({ distanceKm: z.number().nullable().describe('From `near`, when given and the place is known') })
  .meta({ id: 'MissionHit' });

export const missionSearchPageSchema = pageSchema(missionHitSchema).meta({ id: 'MissionSearchPage' });
