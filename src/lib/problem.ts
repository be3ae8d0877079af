import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

/**
 * RFC 9457 problem details: the one shape of every 4xx/5xx body, and the OpenAPI description
 * of it that routes reference through `problemResponses`.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemSchema = z
  .looseObject({
    type: z.string().describe('URI naming the kind of problem, e.g. urn:binome:problem:validation'),
    title: z.string().describe('Short summary of the kind of problem, for a person: in French, or in English with Accept-Language: en'),
    status: z.number().int().describe('The HTTP status code'),
    detail: z.string().describe('What went wrong in this occurrence, for a person to read: in French, or in English with Accept-Language: en'),
    instance: z.string().optional().describe('The request path'),
    requestId: z.string().optional().describe('Request id, also in the x-request-id header and the logs'),
    rule: z.string().optional().describe('Stable id of the rule that refused the request (see docs/rules.md)'),
    errors: z
      .array(
        z.object({
          in: z.string().optional().describe('body, querystring, params or headers'),
          path: z.string().describe('Dotted path of the field, e.g. email or items.0.name'),
          message: z.string().describe('What is wrong with the field, in the language of title and detail'),
        }),
      )
      .optional()
      .describe('One entry per invalid field'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

/** The HTTP status of each kind of domain error (src/errors.ts): the API's problems and the console's pages answer alike. */
export const STATUS_OF_KIND: Readonly<Record<string, number>> = {
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'precondition-failed': 412,
  invalid: 422,
  'rule-violation': 422,
  'too-many-requests': 429,
  unavailable: 503,
};

export function problemType(kind: string): string {
  return `urn:binome:problem:${kind}`;
}

/** HTTP's own English reason phrase: the status line, and the slug of a Fastify error's `type`. The problem's `title` is the catalogue's (src/plugins/problem.ts). */
export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

const descriptions: Record<number, string> = {
  400: 'The request is malformed or a field is invalid; `errors` lists each field',
  401: 'Missing, invalid, expired or revoked credentials',
  403: 'The caller’s role may not do this',
  404: 'No such object, or not one the caller may see',
  409: 'The request conflicts with the current state',
  410: 'The object existed but can no longer be used',
  412: 'The If-Match version is stale',
  413: 'The request body is too large',
  422: 'A rule refuses the request; `rule` names it',
  429: 'Too many attempts; retry after the Retry-After header’s seconds',
  503: 'A dependency is not answering',
};

/** OpenAPI responses for the given error statuses, all as application/problem+json. */
export function problemResponses<const S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status] ?? statusTitle(status), content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } },
    ]),
  ) as Record<S, { description: string; content: { [PROBLEM_CONTENT_TYPE]: { schema: typeof problemSchema } } }>;
}
