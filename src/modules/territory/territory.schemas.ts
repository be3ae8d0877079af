import { z } from 'zod';
import { cursorParam, limitParam, pageSchema } from '../../lib/pagination.js';
import { searchSchema } from '../../lib/schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

export const communeCode = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, fieldMessage('field.inseeCode')).describe('INSEE code');
export const departmentCode = z.string().regex(/^([0-9]{2}|2A|2B|97[1-6])$/, fieldMessage('field.departmentCode'));
export const epciCode = z.string().regex(/^[0-9]{9}$/, fieldMessage('field.epciCode')).describe('SIREN of the EPCI');

const epciRef = z.object({ code: z.string(), name: z.string() });

export const communeSchema = z
  .object({
    code: z.string().describe('INSEE code'),
    name: z.string(),
    department: z.string(),
    region: z.string().nullable(),
    postalCodes: z.array(z.string()),
    population: z.number().int().nullable(),
    epci: epciRef.nullable().describe('The intercommunality it belongs to'),
    latitude: z.number().nullable().describe('WGS-84, when known'),
    longitude: z.number().nullable(),
  })
  .meta({ id: 'Commune' });

export const epciSchema = z
  .object({
    code: z.string().describe('SIREN'),
    name: z.string(),
    kind: z.string().describe('CA, CC, CU, METRO…'),
    population: z.number().int().nullable(),
  })
  .meta({ id: 'Epci' });

export const epciWithCommunesSchema = epciSchema
  .extend({ communes: z.array(communeSchema.omit({ epci: true })) })
  .meta({ id: 'EpciWithCommunes' });

const isCommuneCode = (v: unknown) => communeCode.safeParse(v).success;

export const listCommunesQuery = z
  .object({
    q: searchSchema.optional().describe('Name, without accents or case: "lievin" finds Liévin, "beaumont" Hénin-Beaumont'),
    postalCode: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, fieldMessage('field.postalCode')).optional(),
    epci: epciCode.optional(),
    department: departmentCode.optional(),
    limit: limitParam,
    // Sort key: (how well the name matches, population, code).
    cursor: cursorParam<[number, number, string]>(
      (v) => v.length === 3 && (v[0] === 0 || v[0] === 1) && Number.isInteger(v[1]) && (v[1] as number) >= 0 && (v[1] as number) <= 2 ** 31 - 1 && isCommuneCode(v[2]),
    ),
  })
  .strict();


export const communePageSchema = pageSchema(communeSchema).meta({ id: 'CommunePage' });

export const listEpcisQuery = z
  .object({
    q: searchSchema.optional().describe('Part of the name, without accents or case'),
    department: departmentCode.optional().describe('EPCIs with a commune in this department'),
    limit: limitParam,
    // Sort key: (name as searched, code).
    cursor: cursorParam<[string, string]>((v) => v.length === 2 && typeof v[0] === 'string' && epciCode.safeParse(v[1]).success),
  })
  .strict();

export const epciPageSchema = pageSchema(epciSchema).meta({ id: 'EpciPage' });
