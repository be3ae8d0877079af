import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { emailSchema, isoDateTime, lineSchema, searchSchema } from '../../lib/schemas.js';
import { communeCode } from '../territory/territory.schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

export const structureKindSchema = z
  .enum(['first_circle', 'proximity', 'public_partner'])
  .describe('first_circle: national to intercommunal reach; proximity: a town’s cultural service or a local association; public_partner: hosts specific publics');
export const reachSchema = z.enum(['national', 'regional', 'departmental', 'intercommunal']);
export const publicTypeSchema = z.enum(['ehpad', 'maison-des-solidarites', 'foyer-de-vie', 'youth-council', 'youth-centre', 'social-centre', 'school', 'other']);

export const contactSchema = z
  .object({
    name: lineSchema(200),
    role: lineSchema(200).optional(),
    email: emailSchema.optional(),
    phone: z.string().trim().regex(/^\+?[0-9 .()-]{6,20}$/, fieldMessage('field.phone')).optional(),
  })
  .strict();

export const structureSchema = z
  .object({
    id: z.uuid(),
    operatorId: z.uuid().describe('The operator whose coordinators manage the structure'),
    name: z.string(),
    kind: structureKindSchema,
    reach: reachSchema.nullable().describe('For a first-circle structure'),
    publicTypes: z.array(publicTypeSchema).describe('For a public partner: the publics it hosts'),
    commune: z.object({ code: z.string(), name: z.string() }).nullable(),
    address: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    accredited: z.boolean().describe('Holds its own service civique accreditation: cannot receive volunteers by intermediation'),
    accreditationNumber: z.string().nullable(),
    contacts: z.array(z.object({ name: z.string(), role: z.string().optional(), email: z.string().optional(), phone: z.string().optional() })),
    version: z.number().int().describe('Also the ETag; send it back in If-Match to change the structure'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Structure', description: 'A partner structure (museum, theatre, town cultural service, EHPAD…)' });

const describedFields = {
  name: lineSchema(200).describe('e.g. Service Culturel d’Auchel'),
  kind: structureKindSchema,
  reach: reachSchema.optional().describe('Required for a first-circle structure, refused otherwise'),
  publicTypes: z.array(publicTypeSchema).max(8).optional().describe('Only for a public partner'),
  communeCode: communeCode.describe('INSEE code of its commune'),
  address: lineSchema(500).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accredited: z.boolean().optional(),
  accreditationNumber: lineSchema(50).optional(),
  contacts: z.array(contactSchema).max(20).optional(),
};

type KindFields = { kind?: string | undefined; reach?: string | undefined; publicTypes?: string[] | undefined; latitude?: number | undefined; longitude?: number | undefined };

/** Rules between fields, for both create and update (on the fields present). */
function checkKindFields(body: KindFields, ctx: z.RefinementCtx) {
  if (body.kind === 'first_circle' && body.reach === undefined) ctx.addIssue({ code: 'custom', path: ['reach'], message: fieldMessage('field.reachRequired') });
  if (body.kind !== undefined && body.kind !== 'first_circle' && body.reach !== undefined) ctx.addIssue({ code: 'custom', path: ['reach'], message: fieldMessage('field.reachFirstCircleOnly') });
  if (body.kind !== undefined && body.kind !== 'public_partner' && body.publicTypes?.length) ctx.addIssue({ code: 'custom', path: ['publicTypes'], message: fieldMessage('field.publicTypesOnly') });
  if ((body.latitude === undefined) !== (body.longitude === undefined)) ctx.addIssue({ code: 'custom', path: ['longitude'], message: fieldMessage('field.latitudeLongitude') });
}

export const createStructureBody = z
  .object({ ...describedFields, operatorId: z.uuid().optional().describe('Required for an admin; a coordinator’s own operator otherwise') })
  .strict()
  .superRefine(checkKindFields);

export const updateStructureBody = z
  .object(Object.fromEntries(Object.entries(describedFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof describedFields]: z.ZodOptional<(typeof describedFields)[K]> })
  .strict()
  .refine((body) => Object.keys(body).length > 0, fieldMessage('field.oneFieldToChange'))
  .superRefine(checkKindFields);

export const listStructuresQuery = z
  .object({
    q: searchSchema.optional().describe('Part of the name'),
    operatorId: z.uuid().optional().describe('Only this operator’s structures'),
    kind: structureKindSchema.optional(),
    communeCode: communeCode.optional(),
    ...pageQuery,
  })
  .strict();

export const structurePageSchema = pageSchema(structureSchema).meta({ id: 'StructurePage' });

export const memberSchema = z
  .object({ id: z.uuid(), email: z.string(), fullName: z.string().nullable(), createdAt: isoDateTime })
  .meta({ id: 'StructureMember' });
export const memberListSchema = z.object({ items: z.array(memberSchema) });
