import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { passwordProblem } from './lib/password-policy.js';

/**
 * The environment, parsed once at start. Every variable is documented in the README's
 * configuration table; a bad value stops the start with a message naming the variable.
 */
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// A variable set to nothing (`PORT=`) counts as unset, not as zero or an empty string.
const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const PORT_MESSAGE = 'must be a port number (0 to 65535)';

// `Name <address>` or a bare address, on one line: it becomes the From header of every e-mail,
// and a line break there would let the value add headers of its own.
const MAIL_FROM = /^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/;
const INTERVAL_MESSAGE = 'must be a whole number of seconds, from 0 (off) to 86400';
const TIMEOUT_MESSAGE = 'must be a whole number of seconds, from 1 to 3600';
const timeoutSeconds = (fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: TIMEOUT_MESSAGE }).int(TIMEOUT_MESSAGE).min(1, TIMEOUT_MESSAGE).max(3600, TIMEOUT_MESSAGE).default(fallback),
  );

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65535, PORT_MESSAGE).default(3000),
    ),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    DATA_DIR: z.string().min(1).default('./data'),
    JWT_SECRET: z.preprocess(
      emptyAsUndefined,
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    CORS_ORIGINS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .optional()
        .transform((s) => (s ? s.split(',').map((o) => o.trim()).filter(Boolean) : []))
        .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each origin must be an http(s) URL' }))),
    ),
    TRUST_PROXY: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .default('false')
        .transform((v, ctx) => {
          if (v === 'true' || v === 'false') return v === 'true';
          if (/^\d+$/.test(v)) return Number(v);
          const proxies = v.split(',').map((p) => p.trim());
          if (proxies.every((p) => isIP(p.split('/')[0] ?? '') !== 0)) return proxies;
          ctx.addIssue({ code: 'custom', message: 'must be true, false, a number of proxy hops, or a list of proxy addresses/CIDRs' });
          return z.NEVER;
        }),
    ),
    ADMIN_EMAIL: z.preprocess(emptyAsUndefined, z.email().optional()),
    ADMIN_PASSWORD: z.preprocess(emptyAsUndefined, z.string().optional()),
    SMTP_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^smtps?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/, 'must be an smtp:// or smtps:// URL')
        .refine((url) => URL.canParse(url), 'must be an smtp:// or smtps:// URL')
        .optional(),
    ),
    MAIL_FROM: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .trim()
        .regex(MAIL_FROM, 'must be an address, or a name and an address: Binôme <no-reply@example.fr>')
        .default('Binôme <no-reply@binome.local>'),
    ),
    JOBS_INTERVAL_SECONDS: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ error: INTERVAL_MESSAGE }).int(INTERVAL_MESSAGE).min(0, INTERVAL_MESSAGE).max(86_400, INTERVAL_MESSAGE).default(60),
    ),
    // A client must send its whole request (headers and body) within REQUEST_TIMEOUT_SECONDS,
    // its headers within HEADERS_TIMEOUT_SECONDS: a slow sender cannot hold a connection.
    REQUEST_TIMEOUT_SECONDS: timeoutSeconds(30),
    HEADERS_TIMEOUT_SECONDS: timeoutSeconds(10),
    KEEP_ALIVE_TIMEOUT_SECONDS: timeoutSeconds(72),
    SHUTDOWN_TIMEOUT_SECONDS: timeoutSeconds(10),
    PUBLIC_URL: z.preprocess(
      emptyAsUndefined,
      z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://binome.example.fr' })
        .refine((url) => !/[?#]/.test(url), 'must have no query or fragment')
        .optional(),
    ),
  });

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Absent: embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Absent: `loadOrCreateJwtSecret` makes one in `dataDir` (never in production). */
  readonly jwtSecret: string | undefined;
  readonly logLevel: (typeof logLevels)[number];
  readonly corsOrigins: readonly string[];
  /** Which X-Forwarded-For hops to believe: none, all, a count, or the proxies' addresses. */
  readonly trustProxy: boolean | number | readonly string[];
  readonly admin: { readonly email: string; readonly password: string } | undefined;
  /** Absent: e-mails stay in the outbox, listed at GET /admin/outbox. May hold a password. */
  readonly smtpUrl: string | undefined;
  /** The From of every e-mail. */
  readonly mailFrom: string;
  /** How often the server runs the periodic jobs (src/jobs); 0: never (`npm run jobs` still does). */
  readonly jobsIntervalSeconds: number;
  /** The whole request (headers and body) must arrive within this; then 408. */
  readonly requestTimeoutSeconds: number;
  /** The request's headers must arrive within this; then 408. */
  readonly headersTimeoutSeconds: number;
  /** An idle kept-alive connection is closed after this. */
  readonly keepAliveTimeoutSeconds: number;
  /** A shutdown waits this long for the requests in flight, then exits 1. */
  readonly shutdownTimeoutSeconds: number;
  /**
   * The address people reach the console at, without a trailing slash: the links of e-mails
   * (a password reset) start with it, never with a request's Host header, which a client chooses.
   */
  readonly publicUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Rules across variables, checked on the raw values so that they are reported together with
 * the other variables' errors (a zod refinement would wait for those to be fixed first).
 */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const set = (name: string) => Boolean(env[name]);
  if (env.NODE_ENV === 'production' && !set('JWT_SECRET')) problems.push('JWT_SECRET: is required when NODE_ENV=production');
  if (set('ADMIN_EMAIL') !== set('ADMIN_PASSWORD')) {
    problems.push(`${set('ADMIN_EMAIL') ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'}: ADMIN_EMAIL and ADMIN_PASSWORD go together`);
  }
  const seconds = (name: string, fallback: number) => (env[name]?.trim() ? Number(env[name]) : fallback);
  if (seconds('HEADERS_TIMEOUT_SECONDS', 10) > seconds('REQUEST_TIMEOUT_SECONDS', 30)) {
    problems.push('HEADERS_TIMEOUT_SECONDS: must not exceed REQUEST_TIMEOUT_SECONDS (the headers are part of the request)');
  }
  const passwordIssue = env.ADMIN_PASSWORD ? passwordProblem(env.ADMIN_PASSWORD) : undefined;
  if (passwordIssue) problems.push(`ADMIN_PASSWORD: ${passwordIssue}`);
  return problems;
}

/** Parses the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`)),
    ...crossChecks(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    jwtSecret: e.JWT_SECRET,
    logLevel: e.LOG_LEVEL,
    corsOrigins: Object.freeze(e.CORS_ORIGINS),
    trustProxy: e.TRUST_PROXY,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? Object.freeze({ email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD }) : undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jobsIntervalSeconds: e.JOBS_INTERVAL_SECONDS,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT_SECONDS,
    headersTimeoutSeconds: e.HEADERS_TIMEOUT_SECONDS,
    keepAliveTimeoutSeconds: e.KEEP_ALIVE_TIMEOUT_SECONDS,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    publicUrl: (e.PUBLIC_URL ?? `http://${['0.0.0.0', '::'].includes(e.HOST) ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
  });
}

/**
 * Outside production a missing JWT_SECRET is generated once and kept in the data directory
 * (mode 0600), so that tokens survive a restart of `npm start` without any setup.
 */
export function loadOrCreateJwtSecret(dataDir: string): { secret: string; created: boolean; path: string } {
  const path = join(dataDir, 'jwt-secret');
  mkdirSync(dataDir, { recursive: true });
  try {
    const secret = readFileSync(path, 'utf8').trim();
    if (secret.length < 32) throw new ConfigError([`JWT_SECRET: the file ${path} holds fewer than 32 characters`]);
    // Tighten a file whose mode was loosened by hand: it is a signing key.
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return { secret, created: false, path };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(48).toString('base64url');
  // 'wx' fails if another process created it meanwhile, rather than overwrite its key.
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return { secret, created: true, path };
}
