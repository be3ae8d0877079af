import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { ConfigError, loadConfig, loadOrCreateJwtSecret } from '../src/config.js';
import { childEnv } from './helpers/child-env.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

t.test('defaults', async (t) => {
  const config = loadConfig({});
  t.match(config, { env: 'development', port: 3000, host: '127.0.0.1', databaseUrl: undefined, logLevel: 'info', trustProxy: false, admin: undefined });
  t.equal(config.dataDir, join(process.cwd(), 'data'), 'DATA_DIR defaults to ./data');
  t.same(config.corsOrigins, []);
  t.ok(Object.isFrozen(config), 'parsed once and frozen');
});

t.test('values are parsed', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    DATABASE_URL: 'postgres://app@db.internal:5432/binome',
    CORS_ORIGINS: 'https://a.example, https://b.example',
    LOG_LEVEL: 'debug',
    TRUST_PROXY: 'true',
    ADMIN_EMAIL: 'Admin@Ligue62.fr',
    ADMIN_PASSWORD: 'a strong admin passphrase',
  });
  t.match(config, { port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://app@db.internal:5432/binome', logLevel: 'debug', trustProxy: true });
  t.same(config.corsOrigins, ['https://a.example', 'https://b.example']);
  t.same(config.admin, { email: 'admin@ligue62.fr', password: 'a strong admin passphrase' });
});

t.test('a variable set to nothing counts as unset', async (t) => {
  t.equal(loadConfig({ PORT: '' }).port, 3000);
  t.equal(loadConfig({ PORT: '  ' }).port, 3000);
  t.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined);
});

t.test('TRUST_PROXY: false, true, a number of hops, or proxy addresses', async (t) => {
  t.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
  t.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
  t.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16, ::1' }).trustProxy, ['10.0.0.1', '192.168.0.0/16', '::1']);
  t.match(problemsOf({ TRUST_PROXY: 'yes please' }), [/^TRUST_PROXY: /]);
});

t.test('a bad value names its variable', async (t) => {
  t.match(problemsOf({ PORT: 'eighty' }), [/^PORT: /]);
  t.match(problemsOf({ PORT: '70000' }), [/^PORT: /]);
  t.match(problemsOf({ DATABASE_URL: 'mysql://x' }), [/^DATABASE_URL: must be a postgres/]);
  t.match(problemsOf({ LOG_LEVEL: 'loud' }), [/^LOG_LEVEL: /]);
  t.match(problemsOf({ CORS_ORIGINS: 'not a url' }), [/^CORS_ORIGINS/]);
  t.match(problemsOf({ JWT_SECRET: 'short' }), [/^JWT_SECRET: must be at least 32/]);
  t.match(problemsOf({ NODE_ENV: 'production' }), [/^JWT_SECRET: is required when NODE_ENV=production/]);
  t.same(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }), []);
  t.match(problemsOf({ ADMIN_EMAIL: 'a@b.fr' }), [/^ADMIN_PASSWORD: /]);
  t.match(problemsOf({ ADMIN_PASSWORD: 'a strong admin passphrase' }), [/^ADMIN_EMAIL: /]);
  t.match(problemsOf({ ADMIN_EMAIL: 'a@b.fr', ADMIN_PASSWORD: 'password1234' }), [/^ADMIN_PASSWORD: is too easy to guess/]);
  t.match(problemsOf({ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'a strong admin passphrase' }), [/^ADMIN_EMAIL: /]);
  t.equal(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' }).length, 2, 'every bad variable is reported at once');
});

t.test('e-mail and periodic jobs: SMTP_URL, MAIL_FROM, JOBS_INTERVAL_SECONDS', async (t) => {
  t.match(loadConfig({}), { smtpUrl: undefined, mailFrom: 'Binôme <no-reply@binome.local>', jobsIntervalSeconds: 60 });
  const config = loadConfig({
    SMTP_URL: 'smtps://binome%40ligue62.fr:p%40ss@smtp.example.fr:465',
    MAIL_FROM: 'Ligue 62 <ne-pas-repondre@ligue62.fr>',
    JOBS_INTERVAL_SECONDS: '0',
  });
  t.match(config, { smtpUrl: 'smtps://binome%40ligue62.fr:p%40ss@smtp.example.fr:465', mailFrom: 'Ligue 62 <ne-pas-repondre@ligue62.fr>', jobsIntervalSeconds: 0 });
  t.equal(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).smtpUrl, 'smtp://127.0.0.1:2525');
  t.equal(loadConfig({ MAIL_FROM: 'no-reply@example.fr' }).mailFrom, 'no-reply@example.fr', 'a bare address');
  t.equal(loadConfig({ SMTP_URL: '', JOBS_INTERVAL_SECONDS: '' }).smtpUrl, undefined, 'empty counts as unset');
  for (const url of ['http://mail.example.fr', 'smtp:/mail.example.fr', 'smtp://', 'mail.example.fr:25', 'smtp://host:99999']) {
    t.match(problemsOf({ SMTP_URL: url }), [/^SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/], url);
  }
  t.notMatch(problemsOf({ SMTP_URL: 'http://user:secret@x' }).join(), /secret/, 'the problem does not repeat a password');
  for (const from of ['Binôme', 'a@b.fr\r\nBcc: everyone@example.fr', 'Binôme <a@b.fr']) {
    t.match(problemsOf({ MAIL_FROM: from }), [/^MAIL_FROM: must be an address/], JSON.stringify(from));
  }
  for (const seconds of ['-1', '1.5', 'often', '86401']) {
    t.match(problemsOf({ JOBS_INTERVAL_SECONDS: seconds }), [/^JOBS_INTERVAL_SECONDS: must be a whole number of seconds/], seconds);
  }
});

t.test('timeouts: REQUEST_TIMEOUT_SECONDS, HEADERS_TIMEOUT_SECONDS, KEEP_ALIVE_TIMEOUT_SECONDS, SHUTDOWN_TIMEOUT_SECONDS', async (t) => {
  const defaults = loadConfig({});
  t.same(
    [defaults.requestTimeoutSeconds, defaults.headersTimeoutSeconds, defaults.keepAliveTimeoutSeconds, defaults.shutdownTimeoutSeconds],
    [30, 10, 72, 10],
  );
  const set = loadConfig({ REQUEST_TIMEOUT_SECONDS: '5', HEADERS_TIMEOUT_SECONDS: '5', KEEP_ALIVE_TIMEOUT_SECONDS: '4', SHUTDOWN_TIMEOUT_SECONDS: '3' });
  t.same([set.requestTimeoutSeconds, set.headersTimeoutSeconds, set.keepAliveTimeoutSeconds, set.shutdownTimeoutSeconds], [5, 5, 4, 3]);
  for (const name of ['REQUEST_TIMEOUT_SECONDS', 'HEADERS_TIMEOUT_SECONDS', 'KEEP_ALIVE_TIMEOUT_SECONDS', 'SHUTDOWN_TIMEOUT_SECONDS']) {
    for (const seconds of ['0', '-1', '2.5', 'soon', '3601']) {
      t.match(problemsOf({ [name]: seconds }), [new RegExp(`^${name}: must be a whole number of seconds, from 1 to 3600`)], `${name}=${seconds}`);
    }
  }
  t.same(
    problemsOf({ REQUEST_TIMEOUT_SECONDS: '5' }),
    ['HEADERS_TIMEOUT_SECONDS: must not exceed REQUEST_TIMEOUT_SECONDS (the headers are part of the request)'],
    'the headers arrive within the request',
  );
});

t.test('the JWT secret is generated once, kept with mode 0600, and reused', async (t) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'binome-secret-')), 'nested');
  const first = loadOrCreateJwtSecret(dir);
  t.equal(first.created, true);
  t.ok(first.secret.length >= 32);
  t.equal(statSync(first.path).mode & 0o777, 0o600);
  const second = loadOrCreateJwtSecret(dir);
  t.equal(second.created, false);
  t.equal(second.secret, first.secret, 'the same key after a restart');
  chmodSync(first.path, 0o644);
  loadOrCreateJwtSecret(dir);
  t.equal(statSync(first.path).mode & 0o777, 0o600, 'a loosened mode is tightened');
  writeFileSync(first.path, 'short');
  t.throws(() => loadOrCreateJwtSecret(dir), ConfigError, 'a truncated key file stops the start');
  t.equal(readFileSync(first.path, 'utf8'), 'short', 'and is not overwritten');
});

t.test('the server refuses to start on a bad variable, naming it', async (t) => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: childEnv({ PORT: 'not-a-port', NODE_ENV: 'production' }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.equal(run.status, 1);
  t.match(run.stderr, /PORT: /);
  t.match(run.stderr, /JWT_SECRET: is required when NODE_ENV=production/);
});
