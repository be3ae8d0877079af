import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { isoDateTime, lineSchema, searchSchema } from '../../lib/schemas.js';

export const structureSchema = z
  .object({
    id: z.uuid(),
    operatorId: z.uuid().describe('The operator whose coordinators manage the structure'),
    name: z.string(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Structure', description: 'A partner structure (museum, theatre, town cultural service…)' });

export const createStructureBody = z
  .object({
    name: lineSchema(200).describe('e.g. Service Culturel d’Auchel'),
    operatorId: z.uuid().optional().describe('Required for an admin; a coordinator’s own operator otherwise'),
  })
  .strict();

export const listStructuresQuery = z
  .object({
    q: searchSchema.optional().describe('Part of the name'),
    operatorId: z.uuid().optional().describe('Only this operator’s structures'),
    ...pageQuery,
  })
  .strict();

export const structurePageSchema = pageSchema(structureSchema).meta({ id: 'StructurePage' });
