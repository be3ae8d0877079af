import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { isoDateTime, lineSchema, searchSchema } from '../../lib/schemas.js';
import { departmentCode } from '../territory/territory.schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

export const operatorSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    accreditationNumber: z.string().nullable().describe('Its service civique accreditation (agrément), e.g. NA-062-18-00012-00'),
    department: z.string().nullable().describe('Department code, e.g. 62'),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Operator', description: 'An accredited organisation that coordinates programmes (organisme d’accueil agréé)' });

export const createOperatorBody = z
  .object({
    name: lineSchema(200).describe('e.g. Ligue de l’Enseignement du Pas-de-Calais'),
    accreditationNumber: lineSchema(50).optional(),
    department: departmentCode.optional(),
  })
  .strict();

export const updateOperatorBody = z
  .object({
    name: lineSchema(200).optional(),
    accreditationNumber: lineSchema(50).nullable().optional(),
    department: departmentCode.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, fieldMessage('field.oneFieldToChange'));

export const listOperatorsQuery = z
  .object({ q: searchSchema.optional().describe('Part of the name'), ...pageQuery })
  .strict();

export const operatorPageSchema = pageSchema(operatorSchema).meta({ id: 'OperatorPage' });
