import { z } from 'zod';
import { isoDateTime } from '../../lib/schemas.js';

const named = z.object({ id: z.uuid(), name: z.string() });

export const partnershipSchema = z
  .object({
    id: z.uuid(),
    editionId: z.uuid(),
    proximity: named.describe('The proximity structure that hosts the binôme'),
    firstCircle: named.describe('Its first-circle partner'),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Partnership', description: 'A proximity structure paired with a first-circle structure for an edition' });

export const createPartnershipBody = z
  .object({
    proximityStructureId: z.uuid().describe('A proximity structure of the edition’s operator; at most one partnership per edition'),
    firstCircleStructureId: z.uuid().describe('A first-circle structure of the edition’s operator; it may have several'),
  })
  .strict();

export const partnershipListSchema = z.object({ items: z.array(partnershipSchema) }).meta({ id: 'PartnershipList' });
