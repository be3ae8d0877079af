import { z } from 'zod';
import { fieldMessage } from '../../i18n/validation.js';
import { idSchema, isoDateTime, lineSchema } from '../../lib/schemas.js';
import { publicKindSchema } from './projects.schemas.js';

export const OUTING_KINDS = ['show', 'exhibition', 'workshop', 'visit', 'other'] as const;
export const TRANSPORTS = ['on_foot', 'public_transport', 'minibus'] as const;

const headcount = z.number().int().min(0).max(10_000);

export const createOutingBody = z
  .object({
    startsAt: isoDateTime.describe('When it starts (an instant; the pages take a day and times in Europe/Paris)'),
    endsAt: isoDateTime,
    venueStructureId: idSchema.describe('A structure of the operator, typically the first-circle partner'),
    whatKind: z.enum(OUTING_KINDS),
    whatTitle: lineSchema(200).describe('What is seen: the show, the exhibition…'),
    transport: z.enum(TRANSPORTS),
    driverName: lineSchema(200).optional().describe('Required with a minibus'),
    groups: z
      .array(z.object({ structureId: idSchema.describe('A public partner of the project'), publicKind: publicKindSchema.describe('One of the publics it brings'), expected: headcount }).strict())
      .max(50),
    volunteerIds: z.array(idSchema).min(1).max(10).describe('The volunteers who accompany: active members of the binôme'),
  })
  .strict();

export const attendanceBody = z
  .object({
    groups: z
      .array(
        z
          .object({
            structureId: idSchema,
            publicKind: publicKindSchema,
            present: headcount,
            firstTime: headcount.describe('Of whom first time at this venue'),
            walkIns: headcount.default(0).describe('Walk-ins declared: people who came without being expected'),
          })
          .strict(),
      )
      .max(50)
      .describe('Every group of the outing'),
    account: z.string().trim().max(4000).optional().describe('A short account'),
    photosUrl: z
      .string()
      .trim()
      .max(2000)
      .regex(/^https?:\/\/\S+$/, fieldMessage('field.outing.httpUrl'))
      .optional()
      .describe('A link to the photos, kept elsewhere'),
  })
  .strict();

const groupSchema = z.object({
  structureId: z.uuid(),
  name: z.string(),
  publicKind: publicKindSchema,
  expected: z.number().int(),
  walkIns: z.number().int(),
  present: z.number().int().nullable(),
  firstTime: z.number().int().nullable(),
});

export const outingSchema = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    projectTitle: z.string(),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    venue: z.object({ structureId: z.uuid(), name: z.string(), address: z.string().nullable(), commune: z.string().nullable() }),
    whatKind: z.enum(OUTING_KINDS),
    whatTitle: z.string(),
    transport: z.enum(TRANSPORTS),
    driverName: z.string().nullable(),
    groups: z.array(groupSchema),
    volunteers: z.array(z.object({ id: z.uuid(), name: z.string() })),
    account: z.string().nullable(),
    photosUrl: z.string().nullable(),
    attendanceRecordedAt: isoDateTime.nullable(),
    cancelledAt: isoDateTime.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Outing' });

export const outingListSchema = z.object({ items: z.array(outingSchema) });
