import type { TestContext } from '../helpers/app.js';
import { createApplication, createEdition, createMission, createStructure } from '../helpers/factories.js';

/**
 * A forum of the coordinator's operator, made through the API as a coordinator makes one: its
 * structures (one table each), its candidates invited (each applied to a mission of the
 * edition), every candidate asking every structure, and the grid computed unless `schedule`
 * is false. 14:00–15:00 in Lens, 7-minute rounds: round 1 at 14:00, round 2 at 14:08…
 */
export async function forumDay(
  ctx: Pick<TestContext, 'db' | 'call'>,
  options: {
    operatorId: string;
    coordinatorToken: string;
    heldOn: string;
    title?: string;
    venue?: string;
    structures: readonly string[];
    candidates: readonly { id: string }[];
    schedule?: boolean;
  },
) {
  const token = options.coordinatorToken;
  const edition = await createEdition(ctx.db, { operatorId: options.operatorId, startsOn: '2027-01-01', endsOn: '2027-12-31' });
  const structures = [];
  for (const name of options.structures) structures.push(await createStructure(ctx.db, { operatorId: options.operatorId, name }));
  const mission = await createMission(ctx.db, { operatorId: options.operatorId, editionId: edition.id, hostId: structures[0]!.id });
  const created = await ctx.call('POST', `/editions/${edition.id}/forums`, {
    token,
    body: { title: options.title ?? 'Forum de Lens', venue: options.venue ?? 'Maison syndicale', communeCode: '62498', heldOn: options.heldOn, startsAt: '14:00', endsAt: '15:00' },
  });
  if (created.statusCode !== 201) throw new Error(`forum: ${created.statusCode} ${created.body}`);
  const forum = created.json() as { id: string; title: string };
  const url = (path: string) => `/forums/${forum.id}${path}`;
  for (const s of structures) await ctx.call('PUT', url(`/structures/${s.id}`), { token, body: { tables: 1 } });
  for (const c of options.candidates) {
    await createApplication(ctx.db, { missionId: mission.id, candidateId: c.id, status: 'shortlisted' });
    const invited = await ctx.call('POST', url('/candidates'), { token, body: { candidateId: c.id } });
    if (invited.statusCode >= 300) throw new Error(`invitation: ${invited.statusCode} ${invited.body}`);
    for (const s of structures) await ctx.call('POST', url('/requests'), { token, body: { candidateId: c.id, structureId: s.id } });
  }
  let grid: { meetings: { id: string; round: number; table: number; structure: { id: string; name: string }; candidate: { id: string } }[] } | undefined;
  if (options.schedule !== false) {
    const res = await ctx.call('POST', url('/schedule'), { token });
    if (res.statusCode !== 201) throw new Error(`schedule: ${res.statusCode} ${res.body}`);
    grid = res.json();
  }
  return { forum, edition, structures, mission, meetings: grid?.meetings ?? [] };
}
