import type { FastifyPluginAsync } from 'fastify';
import { staffOnly } from '../pages.js';
import { pageContext, sendPage } from '../render.js';
import { StaffHomePage } from './staff.pages.js';

/** /gestion: where structure members, coordinators and admins land after signing in. */
export function staffPages(): FastifyPluginAsync {
  return async (app) => {
    app.get('/gestion', { onRequest: staffOnly() }, async (request, reply) => sendPage(reply, <StaffHomePage ctx={pageContext(request, reply)} />));
  };
}
