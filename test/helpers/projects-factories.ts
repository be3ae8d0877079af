import type { Kysely } from 'kysely';
import type { Database, ProjectStatus, PublicKind } from '../../db/database.js';
import type { TestContext } from './app.js';
import { signIn } from './factories.js';
import { createPlacedBinome, createPublicPartner, type PlacedBinome } from './programme-factories.js';

/**
 * Fixtures of mediation projects (issue 16): a placed binôme with its people signed in, a public
 * partner, and projects written straight to the tables in any status (the workflow's moves are
 * tested on their own, test/modules/projects/projects.test.ts).
 */

export interface ProjectCast extends PlacedBinome {
  partnerId: string;
  tokens: { coordinator: string; hostTutor: string; volunteers: [string, string] };
}

/** A placed binôme, a public partner of its operator (seniors and families), everyone signed in. */
export async function projectCast(ctx: TestContext, values: Parameters<typeof createPlacedBinome>[1] = {}): Promise<ProjectCast> {
  const binome = await createPlacedBinome(ctx.db, values);
  const partner = await createPublicPartner(ctx.db, { operatorId: binome.operatorId });
  const [coordinator, hostTutor, a, b] = await Promise.all([signIn(ctx, binome.coordinator), signIn(ctx, binome.hostTutor), signIn(ctx, binome.volunteers[0]), signIn(ctx, binome.volunteers[1])]);
  return {
    ...binome,
    partnerId: partner.id,
    tokens: { coordinator: coordinator.accessToken, hostTutor: hostTutor.accessToken, volunteers: [a.accessToken, b.accessToken] },
  };
}

/** A project of the binôme in the given status, with its partner bringing `publics` and the host and first circle as venues. */
export async function createProject(
  db: Kysely<Database>,
  cast: Pick<PlacedBinome, 'binomeId' | 'editionId' | 'hostId' | 'firstCircleId' | 'volunteers'> & { partnerId: string },
  values: { title?: string; status?: ProjectStatus; publics?: PublicKind[] } = {},
) {
  const status = values.status ?? 'draft';
  const project = await db
    .insertInto('mediation_projects')
    .values({
      binome_id: cast.binomeId,
      edition_id: cast.editionId,
      title: values.title ?? 'Groupe de spectateurs',
      aim: 'Emmener les résidents voir des spectacles',
      status,
      abandoned_reason: status === 'abandoned' ? 'test' : null,
      created_by: cast.volunteers[0].id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('project_partners')
    .values({ project_id: project.id, structure_id: cast.partnerId, publics: values.publics ?? ['seniors', 'families'] })
    .execute();
  await db
    .insertInto('project_venues')
    .values([
      { project_id: project.id, structure_id: cast.hostId, role: 'host' },
      { project_id: project.id, structure_id: cast.firstCircleId, role: 'first_circle' },
    ])
    .execute();
  return project;
}
