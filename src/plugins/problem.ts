import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, Invalid, RuleViolation, TooManyRequests, Unauthorized } from '../errors.js';
import { DEFAULT_LANG, isText, type Lang, localise, type MessageKey, negotiate, render, type Text, text } from '../i18n/index.js';
import { issueMessage, type ValidationIssue } from '../i18n/validation.js';
import { PROBLEM_CONTENT_TYPE, type Problem, problemType, STATUS_OF_KIND, statusTitle } from '../lib/problem.js';
import { SECURITY_HEADERS } from './security-headers.js';

/**
 * The one error handler. Domain errors become their status; Fastify's own client errors keep
 * theirs; a constraint the database enforced becomes a 409/422 rather than a 500; anything else
 * is a 500 whose body says nothing about the code or the SQL (the log has the details).
 */

// PostgreSQL error classes that a client's request can trigger when two requests race past the
// service's checks: the database is the last line of defence, and its refusal is the client's
// problem, not the server's (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const databaseRefusals: Record<string, { status: number; kind: string; detail: Text }> = {
  '23505': { status: 409, kind: 'conflict', detail: text('db.duplicate') },
  '23503': { status: 409, kind: 'conflict', detail: text('db.reference') },
  '23514': { status: 422, kind: 'invalid', detail: text('db.check') },
  '40001': { status: 409, kind: 'conflict', detail: text('db.concurrent') },
  '40P01': { status: 409, kind: 'conflict', detail: text('db.concurrent') },
  // Data exceptions: a value the schemas let through but PostgreSQL cannot store or read
  // (a NUL character, a malformed number or date, a string too long for its column).
  '22001': { status: 400, kind: 'bad-request', detail: text('db.tooLong') },
  '22003': { status: 400, kind: 'bad-request', detail: text('db.outOfRange') },
  '22007': { status: 400, kind: 'bad-request', detail: text('db.badDate') },
  '22008': { status: 400, kind: 'bad-request', detail: text('db.dateOutOfRange') },
  '22021': { status: 400, kind: 'bad-request', detail: text('db.badCharacter') },
  '22P02': { status: 400, kind: 'bad-request', detail: text('db.badFormat') },
  '22P05': { status: 400, kind: 'bad-request', detail: text('db.badCharacter') },
};

// Fastify's own client errors, by code: its messages are English and name its internals. A 4xx
// without an entry here says what its status says (`problem.clientError`).
const fastifyClientErrors: Record<string, (error: FastifyError, request: FastifyRequest) => Text> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => text('problem.bodyTooLarge'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => text('problem.emptyJsonBody'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => text('problem.invalidJson'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (_e, request) => text('problem.unsupportedMediaType', { type: String(request.headers['content-type'] ?? '') }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => text('problem.invalidContentLength'),
};

interface FieldError {
  in?: string;
  path: string;
  message: string;
}

function validationErrors(error: { validation: ValidationIssue[]; validationContext?: string }, lang: Lang): FieldError[] {
  const location = error.validationContext;
  return error.validation.flatMap((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const where = location ? { in: location } : {};
    // A strict object names the unknown fields in one issue; report each field on its own.
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys)) {
      return (issue.params.keys as string[]).map((key) => ({
        ...where,
        path: path ? `${path}.${key}` : key,
        message: render(text('field.notAccepted'), lang),
      }));
    }
    return [{ ...where, path, message: issueMessage(issue, lang) }];
  });
}

/** The problem's title: the status in words, in the reader's language. */
function titleOf(status: number, lang: Lang): string {
  const key = `status.${status}`;
  return render(isText({ key }) ? { key: key as MessageKey } : text('status.other'), lang);
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, kind: string, detail: Text | string, extra: Record<string, unknown> = {}) {
  const lang = negotiate(request.headers['accept-language']);
  const body: Problem = {
    type: problemType(kind),
    title: titleOf(status, lang),
    status,
    detail: typeof detail === 'string' ? detail : render(detail, lang),
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    ...localise(extra, lang),
  };
  // The texts depend on Accept-Language: a cache must keep one answer per language.
  reply.header('vary', appendVary(reply.getHeader('vary'), 'Accept-Language'));
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).send(body);
}

function appendVary(current: unknown, name: string): string {
  const list = typeof current === 'string' ? current.split(',').map((v) => v.trim()).filter(Boolean) : [];
  return list.some((v) => v.toLowerCase() === name.toLowerCase()) ? list.join(', ') : [...list, name].join(', ');
}

async function problemPlugin(app: FastifyInstance) {
  // Texts that `withTexts` marked in an answer are written in the reader's language (src/i18n/).
  // A JSON answer may hold such texts: a cache keeps one answer per language.
  app.addHook('preSerialization', async (request, reply, payload) => {
    reply.header('vary', appendVary(reply.getHeader('vary'), 'Accept-Language'));
    return localise(payload, negotiate(request.headers['accept-language']));
  });

  app.setErrorHandler((error: FastifyError & { cause?: unknown }, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const lang = negotiate(request.headers['accept-language']);
      const errors = validationErrors(error, lang);
      // French typography puts a space before « : » and « ; ».
      const [colon, semicolon] = lang === 'fr' ? [' : ', ' ; '] : [': ', '; '];
      const fields = errors.map((e) => `${e.path || e.in || (lang === 'fr' ? 'requête' : 'request')}${colon}${e.message}`).join(semicolon);
      return sendProblem(request, reply, 400, 'validation', text('problem.validation', { fields }), { errors });
    }
    if (error instanceof DomainError) {
      const status = STATUS_OF_KIND[error.kind] ?? 500;
      if (error instanceof Unauthorized) reply.header('www-authenticate', 'Bearer');
      if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
      const extra: Record<string, unknown> = { ...error.extra };
      if (error instanceof RuleViolation) extra.rule = error.rule;
      if (error instanceof Invalid && error.fields.length > 0) extra.errors = error.errorsIn(negotiate(request.headers['accept-language']));
      return sendProblem(request, reply, status, error.kind, error.text, extra);
    }
    const refusal = typeof error.code === 'string' ? databaseRefusals[error.code] : undefined;
    if (refusal && 'severity' in error) {
      // Only the code and the constraint: PostgreSQL's message quotes the values (an e-mail…).
      const { constraint } = error as { constraint?: string };
      request.log.info({ code: error.code, constraint }, 'database refused the request');
      return sendProblem(request, reply, refusal.status, refusal.kind, refusal.detail);
    }
    // Fastify's own client errors (malformed JSON, body too large, unsupported media type…)
    // carry a 4xx status and an English message written for the client: the known ones get
    // the catalogue's words; another keeps Fastify's message in English and a general French one.
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      if (status === 429 && reply.getHeader('retry-after') === undefined) reply.header('retry-after', '60');
      const known = error.code ? fastifyClientErrors[error.code] : undefined;
      const detail = known ? known(error, request) : negotiate(request.headers['accept-language']) === 'en' ? error.message : text('problem.clientError');
      return sendProblem(request, reply, status, statusTitle(status).toLowerCase().replaceAll(' ', '-'), detail);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 500, 'internal', text('problem.internal'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 404, 'not-found', text('problem.noRoute', { method: request.method, path: request.url.split('?')[0] ?? '' })),
  );
}

// Errors Fastify's router raises before any hook runs (so before the hooks that add the request
// id and the security headers): they are set here.
const frameworkDetails: Record<string, { status: number; kind: string; detail: Text }> = {
  FST_ERR_BAD_URL: { status: 400, kind: 'bad-url', detail: text('problem.badUrl') },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, kind: 'uri-too-long', detail: text('problem.paramTooLong') },
};

/** Fastify's `frameworkErrors` option: router errors answered as problems like any other. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.headers(SECURITY_HEADERS).header('x-request-id', request.id);
  const known = error.code ? frameworkDetails[error.code] : undefined;
  if (known) return sendProblem(request, reply, known.status, known.kind, known.detail);
  request.log.error({ err: error }, 'unhandled framework error');
  return sendProblem(request, reply, 500, 'internal', text('problem.internal'));
}

// Errors Node's HTTP parser and timers raise on a connection before (or while) a request is
// read: https://nodejs.org/api/http.html#event-clienterror.
const clientErrors: Record<string, { status: number; kind: string; detail: Text }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, kind: 'request-timeout', detail: text('problem.requestTimeout') },
  HPE_HEADER_OVERFLOW: { status: 431, kind: 'headers-too-large', detail: text('problem.headersTooLarge') },
};
const malformed = { status: 400, kind: 'bad-request', detail: text('problem.malformedHttp') };

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
  // No request was parsed, so no Accept-Language: the default language. The status line keeps
  // HTTP's own English reason phrase.
  const body = JSON.stringify({ type: problemType(kind), title: titleOf(status, DEFAULT_LANG), status, detail: render(detail, DEFAULT_LANG), requestId } satisfies Problem);
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
