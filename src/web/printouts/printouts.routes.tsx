import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { NotFound } from '../../errors.js';
import { actorOf } from '../../lib/access.js';
import { agendaSheet, placeOfForum } from '../../modules/forums/agenda.render.js';
import { loadForum } from '../../modules/forums/forums.repository.js';
import { getForum } from '../../modules/forums/forums.service.js';
import { readSchedule } from '../../modules/forums/schedule.service.js';
import { loadStructure } from '../../modules/structures/structures.repository.js';
import { listCandidateForums } from '../forum/forum.repository.js';
import { signedIn, type Web } from '../pages.js';
import { pageContext, sendPage } from '../render.js';
import { AgendaPrintPage } from './printouts.pages.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const forumIdOf = (request: FastifyRequest, name: string): string => {
  const value = (request.params as Record<string, string>)[name];
  if (!value || !UUID.test(value)) throw new NotFound('forum');
  return value;
};

/**
 * The agendas to print, one party's each: a candidate's (from « Mon planning ») and a structure's
 * (from its forum page). Read through the forum services as the signed-in person: someone else's
 * forum, or a forum before its grid, is the 404 page.
 */
export function printoutPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  return async (app) => {
    app.get('/mon-planning/:forumId/imprimer', { onRequest: signedIn('candidate') }, async (request, reply) => {
      const actor = actorOf(request);
      const forumId = forumIdOf(request, 'forumId');
      // Their invitations: the forum must be one of them (its arrival and leaving times too).
      const forum = (await listCandidateForums(deps.db, actor.userId)).find((f) => f.id === forumId);
      if (!forum) throw new NotFound('forum');
      const grid = await readSchedule(deps, actor, forumId, { kind: 'candidate', id: actor.userId });
      const me = grid.meetings[0]?.candidate;
      const name = [me?.firstName, me?.lastName].filter(Boolean).join(' ') || request.webSession?.user.fullName || 'Candidat·e';
      const sheet = agendaSheet(grid, placeOfForum(forum), { kind: 'candidate', id: actor.userId, name, arrivesAt: forum.arrives_at, leavesAt: forum.leaves_at });
      return sendPage(reply, <AgendaPrintPage ctx={pageContext(request, reply)} sheet={sheet} back={{ href: '/mon-planning', text: 'Mon planning' }} />);
    });

    app.get('/gestion/forums/:id/imprimer', { onRequest: signedIn('structure_member') }, async (request, reply) => {
      const actor = actorOf(request);
      const id = forumIdOf(request, 'id');
      const forum = await getForum(deps, actor, id);
      const grid = await readSchedule(deps, actor, id, { kind: 'structure', id: actor.structureId! });
      // getForum has checked the member may see it; the row gives the place as the other agendas write it.
      const structure = await loadStructure(deps.db, actor.structureId!);
      const sheet = agendaSheet(grid, placeOfForum(await loadForum(deps.db, id)), { kind: 'structure', id: actor.structureId!, name: structure.name });
      return sendPage(reply, <AgendaPrintPage ctx={pageContext(request, reply)} sheet={sheet} back={{ href: `/gestion/forums/${forum.id}`, text: forum.title }} />);
    });
  };
}
