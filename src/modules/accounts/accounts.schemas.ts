import { z } from 'zod';
import { isoDateTime } from '../../lib/schemas.js';

export const roleSchema = z.enum(['candidate', 'structure_member', 'coordinator', 'admin']).describe('What the account may do');

export const accountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: roleSchema,
    fullName: z.string().nullable(),
    operatorId: z.uuid().nullable().describe('A coordinator’s operator'),
    structureId: z.uuid().nullable().describe('A structure member’s structure'),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Account' });

const named = z.object({ id: z.uuid(), name: z.string() });

export const meSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: roleSchema,
    fullName: z.string().nullable(),
    operator: named.nullable().describe('The operator the account acts for (coordinators, structure members)'),
    structure: named.nullable().describe('The structure of a structure member'),
    createdAt: isoDateTime,
    lastLoginAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Me' });
