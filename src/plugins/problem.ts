import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, Invalid, RuleViolation, TooManyRequests, Unauthorized } from '../errors.js';
import { PROBLEM_CONTENT_TYPE, type Problem, problemType, statusTitle } from '../lib/problem.js';
import { SECURITY_HEADERS } from './security-headers.js';

/**
 * The one error handler. Domain errors become their status; Fastify's own client errors keep
 * theirs; a constraint the database enforced becomes a 409/422 rather than a 500; anything else
 * is a 500 whose body says nothing about the code or the SQL (the log has the details).
 */
const statusOfKind: Record<string, number> = {
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

// PostgreSQL error classes that a client's request can trigger when two requests race past the
// service's checks: the database is the last line of defence, and its refusal is the client's
// problem, not the server's (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const databaseRefusals: Record<string, { status: number; kind: string; detail: string }> = {
  '23505': { status: 409, kind: 'conflict', detail: 'The request conflicts with existing data (a duplicate).' },
  '23503': { status: 409, kind: 'conflict', detail: 'The request refers to data that does not exist or is still in use.' },
  '23514': { status: 422, kind: 'invalid', detail: 'The database refused a value that breaks one of its rules.' },
  '40001': { status: 409, kind: 'conflict', detail: 'A concurrent change got in the way; retry the request.' },
  '40P01': { status: 409, kind: 'conflict', detail: 'A concurrent change got in the way; retry the request.' },
  // Data exceptions: a value the schemas let through but PostgreSQL cannot store or read
  // (a NUL character, a malformed number or date, a string too long for its column).
  '22001': { status: 400, kind: 'bad-request', detail: 'A value is too long.' },
  '22003': { status: 400, kind: 'bad-request', detail: 'A number is out of range.' },
  '22007': { status: 400, kind: 'bad-request', detail: 'A date or time is not valid.' },
  '22008': { status: 400, kind: 'bad-request', detail: 'A date or time is out of range.' },
  '22021': { status: 400, kind: 'bad-request', detail: 'A text holds a character that cannot be stored.' },
  '22P02': { status: 400, kind: 'bad-request', detail: 'A value is not in the expected format.' },
  '22P05': { status: 400, kind: 'bad-request', detail: 'A text holds a character that cannot be stored.' },
};

interface FieldError {
  in?: string;
  path: string;
  message: string;
}

function validationErrors(error: { validation: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[]; validationContext?: string }): FieldError[] {
  const location = error.validationContext;
  return error.validation.flatMap((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const where = location ? { in: location } : {};
    // A strict object names the unknown fields in one issue; report each field on its own.
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys)) {
      return (issue.params.keys as string[]).map((key) => ({
        ...where,
        path: path ? `${path}.${key}` : key,
        message: 'is not an accepted field',
      }));
    }
    return [{ ...where, path, message: issue.message ?? 'is invalid' }];
  });
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, kind: string, detail: string, extra: Record<string, unknown> = {}) {
  const body: Problem = {
    type: problemType(kind),
    title: statusTitle(status),
    status,
    detail,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    ...extra,
  };
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(body);
}

async function problemPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { cause?: unknown }, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = validationErrors(error);
      const detail = errors.map((e) => `${e.path || e.in || 'request'}: ${e.message}`).join('; ');
      return sendProblem(request, reply, 400, 'validation', detail, { errors });
    }
    if (error instanceof DomainError) {
      const status = statusOfKind[error.kind] ?? 500;
      if (error instanceof Unauthorized) reply.header('www-authenticate', 'Bearer');
      if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
      const extra: Record<string, unknown> = { ...error.extra };
      if (error instanceof RuleViolation) extra.rule = error.rule;
      if (error instanceof Invalid && error.errors.length > 0) extra.errors = error.errors;
      return sendProblem(request, reply, status, error.kind, error.message, extra);
    }
    const refusal = typeof error.code === 'string' ? databaseRefusals[error.code] : undefined;
    if (refusal && 'severity' in error) {
      // Only the code and the constraint: PostgreSQL's message quotes the values (an e-mail…).
      const { constraint } = error as { constraint?: string };
      request.log.info({ code: error.code, constraint }, 'database refused the request');
      return sendProblem(request, reply, refusal.status, refusal.kind, refusal.detail);
    }
    // Fastify's own client errors (malformed JSON, body too large, unsupported media type…)
    // carry a 4xx status and a message written for the client.
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      if (status === 429 && reply.getHeader('retry-after') === undefined) reply.header('retry-after', '60');
      return sendProblem(request, reply, status, statusTitle(status).toLowerCase().replaceAll(' ', '-'), error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 500, 'internal', 'An unexpected error occurred. It has been logged; quote the request id when reporting it.');
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 404, 'not-found', `No route for ${request.method} ${request.url.split('?')[0]}`),
  );
}

// Errors Fastify's router raises before any hook runs (so before the hooks that add the request
// id and the security headers): they are set here.
const frameworkDetails: Record<string, { status: number; kind: string; detail: string }> = {
  FST_ERR_BAD_URL: { status: 400, kind: 'bad-url', detail: 'The URL is malformed: a percent-encoded character is not valid.' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, kind: 'uri-too-long', detail: 'A part of the path is too long (at most 100 characters).' },
};

/** Fastify's `frameworkErrors` option: router errors answered as problems like any other. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.headers(SECURITY_HEADERS).header('x-request-id', request.id);
  const known = error.code ? frameworkDetails[error.code] : undefined;
  if (known) return sendProblem(request, reply, known.status, known.kind, known.detail);
  request.log.error({ err: error }, 'unhandled framework error');
  return sendProblem(request, reply, 500, 'internal', 'An unexpected error occurred. It has been logged; quote the request id when reporting it.');
}

// Errors Node's HTTP parser and timers raise on a connection before (or while) a request is
// read: https://nodejs.org/api/http.html#event-clienterror.
const clientErrors: Record<string, { status: number; kind: string; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, kind: 'request-timeout', detail: 'The request took too long to arrive; send it again.' },
  HPE_HEADER_OVERFLOW: { status: 431, kind: 'headers-too-large', detail: 'The request headers are too large.' },
};
const malformed = { status: 400, kind: 'bad-request', detail: 'The request is not valid HTTP.' };

/**
 * Fastify's `clientErrorHandler` option: no request object exists yet, so the problem is
 * written on the socket by hand, with the same headers as every other answer, and the
 * connection is closed once it is sent.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, kind, detail } = (error.code ? clientErrors[error.code] : undefined) ?? malformed;
  const requestId = randomUUID();
  this.log.info({ requestId, code: error.code, status }, 'client error');
  // Once an answer has started on this connection, another would corrupt it: just close.
  const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || answering?.headersSent) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ type: problemType(kind), title: statusTitle(status), status, detail, requestId } satisfies Problem);
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    'content-length': String(Buffer.byteLength(body)),
    'x-request-id': requestId,
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n');
  socket.end(`HTTP/1.1 ${status} ${statusTitle(status)}\r\n${head}\r\n\r\n${body}`, () => socket.destroy());
}

export default fp(problemPlugin, { name: 'problem' });
