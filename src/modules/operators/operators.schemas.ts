import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { isoDateTime, lineSchema, searchSchema } from '../../lib/schemas.js';

export const operatorSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Operator', description: 'An accredited organisation that coordinates programmes (organisme d’accueil agréé)' });

export const createOperatorBody = z
  .object({ name: lineSchema(200).describe('e.g. Ligue de l’Enseignement du Pas-de-Calais') })
  .strict();

export const listOperatorsQuery = z
  .object({ q: searchSchema.optional().describe('Part of the name'), ...pageQuery })
  .strict();

export const operatorPageSchema = pageSchema(operatorSchema).meta({ id: 'OperatorPage' });
