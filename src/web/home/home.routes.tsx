import type { FastifyPluginAsync } from 'fastify';
import { parisDateOf } from '../../lib/dates.js';
import { searchMissions } from '../../modules/missions/missions.service.js';
import type { Web } from '../pages.js';
import { pageContext, sendPage } from '../render.js';
import { HomePage } from './home.pages.js';

/** How many open missions the home page shows. */
const HOME_MISSIONS = 6;

export function homePages(web: Web): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (request, reply) => {
      // Published missions that have not started yet, the soonest first.
      const { items } = await searchMissions(web.deps, { radiusKm: 25, limit: HOME_MISSIONS, startsAfter: parisDateOf(web.deps.clock()), sort: 'startDate' });
      return sendPage(reply, <HomePage ctx={pageContext(request, reply)} missions={items} />);
    });
  };
}
