import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { isoDateTime } from '../../lib/schemas.js';

export const operatorSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Operator', description: 'An accredited organisation that coordinates programmes (organisme d’accueil agréé)' });

export const createOperatorBody = z
  .object({ name: z.string().trim().min(1).max(200).describe('e.g. Ligue de l’Enseignement du Pas-de-Calais') })
  .strict();

export const listOperatorsQuery = z
  .object({ q: z.string().trim().min(1).max(100).optional().describe('Part of the name'), ...pageQuery })
  .strict();

export const operatorPageSchema = pageSchema(operatorSchema).meta({ id: 'OperatorPage' });
