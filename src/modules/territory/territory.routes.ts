import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { problemResponses } from '../../lib/problem.js';
import {
  communeCode,
  communePageSchema,
  communeSchema,
  epciCode,
  epciPageSchema,
  epciWithCommunesSchema,
  listCommunesQuery,
  listEpcisQuery,
} from './territory.schemas.js';
import { getCommune, getEpci, searchCommunes, searchEpcis } from './territory.service.js';

/** The official territory: public, no account needed (candidates look up their commune). */
export function territoryRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/communes', {
      schema: {
        tags: ['territory'],
        operationId: 'listCommunes',
        security: [],
        summary: 'Find communes',
        description:
          'By name without accents or case (`lievin` finds Liévin, `henin` Hénin-Beaumont), postal code, EPCI or department. ' +
          'Names that start with the search come first, then the most populated.',
        querystring: listCommunesQuery,
        response: { 200: communePageSchema, ...problemResponses(400) },
      },
      handler: async (request) => searchCommunes(deps, request.query),
    });

    app.get('/communes/:code', {
      schema: {
        tags: ['territory'],
        operationId: 'getCommune',
        security: [],
        summary: 'One commune',
        params: z.object({ code: communeCode }).strict(),
        response: { 200: communeSchema, ...problemResponses(400, 404) },
      },
      handler: async (request) => getCommune(deps, request.params.code),
    });

    app.get('/epcis', {
      schema: {
        tags: ['territory'],
        operationId: 'listEpcis',
        security: [],
        summary: 'Find EPCIs (intercommunalities)',
        querystring: listEpcisQuery,
        response: { 200: epciPageSchema, ...problemResponses(400) },
      },
      handler: async (request) => searchEpcis(deps, request.query),
    });

    app.get('/epcis/:code', {
      schema: {
        tags: ['territory'],
        operationId: 'getEpci',
        security: [],
        summary: 'One EPCI with its communes',
        params: z.object({ code: epciCode }).strict(),
        response: { 200: epciWithCommunesSchema, ...problemResponses(400, 404) },
      },
      handler: async (request) => getEpci(deps, request.params.code),
    });
  };
}
