/**
 * Domain errors: plain classes that say what went wrong in the domain's words. Services throw
 * them; the one error handler (src/plugins/problem.ts) decides the HTTP status and writes the
 * RFC 9457 problem+json body. Nothing else in the code base builds an error response.
 */
export abstract class DomainError extends Error {
  /** Stable, machine-readable slug; becomes the problem `type`. */
  abstract readonly kind: string;
  constructor(
    message: string,
    /** Extra members of the problem body (e.g. `rule`, `currentState`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The caller is not authenticated, or its credentials are not valid. */
export class Unauthorized extends DomainError {
  readonly kind = 'unauthorized';
}

/** The caller's role may not do this (function-level authorisation). */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}

/** No such object, or the caller may not know it exists (object-level authorisation). */
export class NotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(what: string, extra?: Record<string, unknown>) {
    super(`${what} was not found`, extra);
  }
}

/** The request clashes with the current state (duplicate, invalid transition…). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** The thing existed but is no longer usable (expired or consumed one-time token). */
export class Gone extends DomainError {
  readonly kind = 'gone';
}

/** Well-formed input that the domain refuses for a reason other than a named rule. */
export class Invalid extends DomainError {
  readonly kind = 'invalid';
  constructor(
    message: string,
    readonly errors: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** A named rule of docs/rules.md refuses the request; `rule` is the rule's stable id. */
export class RuleViolation extends DomainError {
  readonly kind = 'rule-violation';
  constructor(
    readonly rule: string,
    message: string,
    extra?: Record<string, unknown>,
  ) {
    super(message, extra);
  }
}

/** The If-Match version is stale: someone else changed the record meanwhile. */
export class PreconditionFailed extends DomainError {
  readonly kind = 'precondition-failed';
}

/** Too many attempts; `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequests extends DomainError {
  readonly kind = 'too-many-requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A dependency (the database) is not answering; the request may be retried later. */
export class Unavailable extends DomainError {
  readonly kind = 'unavailable';
}
