import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { isoDateTime, lineSchema, searchSchema } from '../../lib/schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

/** The nine official themes of service civique. */
export const THEMES = [
  'culture-loisirs',
  'environnement',
  'solidarite',
  'education-pour-tous',
  'sante',
  'sport',
  'memoire-citoyennete',
  'developpement-international-action-humanitaire',
  'intervention-urgence',
] as const;
export const themeSchema = z
  .enum(THEMES)
  .describe('culture et loisirs, environnement, solidarité, éducation pour tous, santé, sport, mémoire et citoyenneté, développement international et action humanitaire, intervention d’urgence');

export const programmeSchema = z
  .object({
    id: z.uuid(),
    operatorId: z.uuid(),
    name: z.string(),
    description: z.string(),
    theme: themeSchema,
    funders: z.array(z.string()),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Programme', description: 'A named scheme run by an operator (dispositif)' });

const programmeFields = {
  name: lineSchema(200).describe('e.g. Parcours Artistique et Culturel en Artois'),
  description: z.string().trim().max(5000).optional(),
  theme: themeSchema,
  funders: z.array(lineSchema(200)).max(20).optional().describe('e.g. Pôle Métropolitain de l’Artois'),
};

export const createProgrammeBody = z
  .object({ ...programmeFields, operatorId: z.uuid().optional().describe('Required for an admin; a coordinator’s own operator otherwise') })
  .strict();

export const updateProgrammeBody = z
  .object({
    name: programmeFields.name.optional(),
    description: programmeFields.description,
    theme: themeSchema.optional(),
    funders: programmeFields.funders,
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, fieldMessage('field.oneFieldToChange'));

export const listProgrammesQuery = z
  .object({
    q: searchSchema.optional().describe('Part of the name'),
    theme: themeSchema.optional(),
    operatorId: z.uuid().optional(),
    ...pageQuery,
  })
  .strict();

export const programmePageSchema = pageSchema(programmeSchema).meta({ id: 'ProgrammePage' });
