import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, promises as fs, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileMigrationProvider } from 'kysely';
import { sql } from 'kysely';
import t, { type Test } from 'tap';
import { connect, type DatabaseTarget } from '../db/connect.js';
import { changedInputs, formatRecord, isSource, parseRecord, RECORD_FILE } from '../scripts/build-state.js';
import { build, buildIfStale, describe, EXTERNAL_PACKAGES, listSources } from '../scripts/build.js';
import { enqueueEmail } from '../src/modules/outbox/outbox.repository.js';
import { onServer, serverUrl, withDatabase } from './helpers/database.js';
import { type RunningServer, startServer } from './helpers/server-process.js';
import { startSmtpServer } from './helpers/smtp.js';

/**
 * What `npm start` builds, and when: scripts/build-state.js decides from the sources' digests,
 * scripts/build.js compiles with esbuild. The builds here run on a copy of the sources (so that
 * the test may change them) inside node_modules/.cache, where the copy still finds the packages.
 */
const repo = fileURLToPath(new URL('..', import.meta.url));

t.test('what counts as a source', async (t) => {
  t.ok(isSource('src/server.ts'));
  t.ok(isSource('db/connect.ts'));
  t.ok(isSource('migrations/2026-11-25T1800_foundation.ts'));
  t.ok(isSource('src/modules/missions/missions.routes.ts'));
  t.notOk(isSource('src/types.d.ts'), 'declarations are not compiled');
  t.notOk(isSource('test/server.test.ts'), 'tests are not in dist/');
  t.notOk(isSource('scripts/openapi.ts'), 'nor scripts, run by tsx');
  t.notOk(isSource('src/notes.md'));
  t.notOk(isSource('srcs/x.ts'));
});

t.test('dist/ is stale exactly when an input was added, changed or removed', async (t) => {
  const built = { 'src/a.ts': '1', 'src/b.ts': '2', esbuild: '0.28.2' };
  t.same(changedInputs(built, { ...built }), [], 'same inputs, same digests: up to date');
  t.same(changedInputs(built, { esbuild: '0.28.2', 'src/b.ts': '2', 'src/a.ts': '1' }), [], 'order does not matter');
  t.same(changedInputs(built, { ...built, 'src/a.ts': '9' }), ['src/a.ts'], 'a changed file');
  t.same(changedInputs(built, { ...built, 'src/c.ts': '3' }), ['src/c.ts'], 'a new file');
  t.same(changedInputs(built, { 'src/b.ts': '2', esbuild: '0.28.2' }), ['src/a.ts'], 'a deleted file');
  t.same(changedInputs(built, { ...built, esbuild: '0.29.0' }), ['esbuild'], 'another esbuild');
  t.same(changedInputs(undefined, { 'src/b.ts': '2', 'src/a.ts': '1' }), ['src/a.ts', 'src/b.ts'], 'never built: everything');
});

t.test('the record reads back what was written, and nothing else', async (t) => {
  const inputs = { 'src/a.ts': 'ab12', esbuild: '0.28.2' };
  t.same(parseRecord(formatRecord(inputs)), inputs);
  t.equal(parseRecord(undefined), undefined);
  t.equal(parseRecord(''), undefined);
  t.equal(parseRecord('{"inputs": [1]}'), undefined);
  t.equal(parseRecord('{"inputs": {"src/a.ts": 1}}'), undefined);
  t.equal(parseRecord('null'), undefined);
});

/** A copy of what the build reads, removed after the test; returns its root. */
function copyOfSources(t: Test): string {
  const root = join(repo, 'node_modules', '.cache', 'binome', `build-test-${randomBytes(4).toString('hex')}`);
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'scripts'), { recursive: true });
  for (const item of ['src', 'db', 'migrations', 'tsconfig.json', 'scripts/build.js', 'scripts/build-state.js']) {
    cpSync(join(repo, item), join(root, item), { recursive: true });
  }
  // Node looks for the nearest package.json up to a node_modules folder, not beyond: without
  // this one the copy's .js files would not be ES modules.
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  return root;
}

t.test('a build on a copy of the sources', async (t) => {
  const root = copyOfSources(t);
  const out = join(root, 'dist');
  const sources = listSources(root);
  const migrations = readdirSync(join(root, 'migrations')).sort();

  const first = await buildIfStale({ root });
  t.match(first, { built: true, changed: [], files: sources.length }, 'no record yet: built');
  t.match(describe(first), /^built dist\/ \(\d+ files, \d+\.\d\d s\)$/);
  const missing = sources.filter((source) => {
    const js = join(out, source.replace(/\.tsx?$/, '.js'));
    return !existsSync(js) || !existsSync(`${js}.map`);
  });
  t.same(missing, [], `each of the ${sources.length} sources has its .js and .js.map`);
  t.ok(existsSync(join(out, 'src', 'server.js')), 'dist/src/server.js, which npm start runs');
  t.same(
    readdirSync(join(out, 'migrations')).sort(),
    migrations.flatMap((m) => [m.replace(/\.ts$/, '.js'), m.replace(/\.ts$/, '.js.map')]).sort(),
    'dist/migrations holds the compiled migrations, and no .ts beside them',
  );

  // The built migrator looks in the built folder and finds every migration there.
  const built = (await import(pathToFileURL(join(out, 'db', 'migrate.js')).href)) as { migrationFolder: string };
  t.equal(built.migrationFolder, join(out, 'migrations'));
  const found = await new FileMigrationProvider({ fs, path, migrationFolder: built.migrationFolder }).getMigrations();
  t.same(Object.keys(found).sort(), migrations.map((m) => m.replace(/\.ts$/, '')), 'under the names the sources have (Kysely records these)');
  t.ok(Object.values(found).every((m) => typeof m.up === 'function'));

  const server = join(out, 'src', 'server.js');
  const builtAt = statSync(server).mtimeMs;
  t.same(await buildIfStale({ root }), { built: false, changed: [] }, 'up to date: not built again');
  t.equal(describe({ built: false, changed: [] }), 'dist/ is up to date');
  const touched = new Date(Date.now() + 60_000);
  utimesSync(join(root, 'src', 'app.ts'), touched, touched);
  t.same(await buildIfStale({ root }), { built: false, changed: [] }, 'a newer date alone changes nothing');
  t.equal(statSync(server).mtimeMs, builtAt, 'dist/ untouched');

  writeFileSync(join(root, 'src', 'app.ts'), `${readFileSync(join(root, 'src', 'app.ts'), 'utf8')}\n// changed\n`);
  t.match(await buildIfStale({ root }), { built: true, changed: ['src/app.ts'] }, 'a changed source: built again');
  t.match(readFileSync(join(out, 'src', 'app.js'), 'utf8'), /buildApp/);

  const last = migrations.at(-1)!;
  rmSync(join(root, 'migrations', last));
  t.match(await buildIfStale({ root }), { built: true, changed: [`migrations/${last}`] }, 'a deleted migration: built again');
  t.notOk(existsSync(join(out, 'migrations', last.replace(/\.ts$/, '.js'))), 'and its .js is gone from dist/');

  rmSync(join(out, RECORD_FILE));
  t.match(await buildIfStale({ root }), { built: true, changed: [] }, 'no record (an interrupted build): built');

  const again = await build({ root });
  t.equal(again.files, sources.length - 1, 'npm run build always builds');
  t.match(describe({ built: true, changed: ['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts'], files: 1, ms: 1234 }), 'a.ts, b.ts, c.ts and 2 more changed since the last build');
});

t.test('the built server: one file, which finds the migrations, the worker and swagger-ui, sends e-mails and stops cleanly', async (t) => {
  const root = copyOfSources(t);
  await build({ root });
  const out = join(root, 'dist');
  const script = join(out, 'src', 'server.js');

  // What the bundle leaves to Node: Node's modules, the packages it may not hold, and our own
  // compiled files that it loads by path (the placement solver, with its worker beside it).
  const bundle = readFileSync(script, 'utf8');
  // esbuild writes the static imports at the start of a line, one per line.
  const specifiers = new Set([...bundle.matchAll(/^import\s[^\n]*?from\s*"([^"]+)";$|^import\s*"([^"]+)";$|\bimport\(\s*"([^"]+)"\s*\)/gm)].map((m) => m[1] ?? m[2] ?? m[3]!));
  const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
  const outside = [...specifiers].filter((s) => !s.startsWith('node:') && !s.startsWith('.') && !EXTERNAL_PACKAGES.includes(packageOf(s)));
  t.same(outside, [], 'every other package is inside the bundle');
  t.ok(specifiers.has('@electric-sql/pglite') && specifiers.has('@fastify/swagger-ui'), 'and those are imported from node_modules');
  t.match(bundle, /"\.\/modules\/placement-runs\/runs\.solver\.js"/, "the solver's module keeps its own URL…");
  t.ok(existsSync(join(out, 'src', 'modules', 'placement-runs', 'runs.worker.js')), '…and finds its worker beside its compiled file');

  const postgres = serverUrl();
  const name = `binome_build_test_${randomBytes(4).toString('hex')}`;
  if (postgres) {
    // An empty database: the built server applies every migration itself.
    await onServer(postgres, (admin) => sql`create database ${sql.id(name)}`.execute(admin));
    t.teardown(() => onServer(postgres, (admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)));
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'binome-built-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const target: DatabaseTarget = postgres ? { kind: 'postgres', url: withDatabase(postgres, name) } : { kind: 'pglite', dataDir: join(dataDir, 'pglite') };
  const env: Record<string, string> = postgres ? { DATABASE_URL: withDatabase(postgres, name), DATA_DIR: dataDir } : { DATA_DIR: dataDir };
  const stop = (server: RunningServer) => {
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    return exited;
  };

  const first = await startServer(env, { script });
  t.teardown(() => first.child.kill('SIGKILL'));
  t.equal((await fetch(`${first.url}/ready`)).status, 200, `ready on an empty ${target.kind} database`);
  t.match(first.logs(), /"migration":"[^"]+_foundation","status":"Success"/, 'the migrations found in dist/migrations and applied');
  const page = await fetch(`${first.url}/docs/`);
  t.equal(page.status, 200, '/docs: swagger-ui, loaded from node_modules on this first request');
  t.match(await page.text(), /swagger/i);
  const doc = (await (await fetch(`${first.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
  t.ok(doc.paths['/auth/login'], 'the document describes the routes');
  t.equal(await stop(first), 0, 'SIGTERM: a clean exit');

  // An e-mail waiting in the outbox: the restarted server's jobs send it (nodemailer, in the
  // bundle, loaded for that first message).
  const connection = await connect(target);
  const to = `built-${randomBytes(4).toString('hex')}@example.fr`;
  await enqueueEmail(connection.db, { userId: null, to, subject: 'Bienvenue', body: 'Bonjour.', kind: 'application.interview' }, new Date());
  await connection.close();
  const smtp = await startSmtpServer();
  t.teardown(() => smtp.close());
  const second = await startServer({ ...env, SMTP_URL: smtp.url, JOBS_INTERVAL_SECONDS: '1' }, { script });
  t.teardown(() => second.child.kill('SIGKILL'));
  t.equal((await fetch(`${second.url}/ready`)).status, 200);
  t.notMatch(second.logs(), /"status":"Success"/, 'nothing to migrate on a restart');
  const started = Date.now();
  while (smtp.received.length === 0 && Date.now() - started < 30_000) await new Promise((resolve) => setTimeout(resolve, 100));
  t.same(
    smtp.received.map((r) => r.envelope.to),
    [[to]],
    'the jobs ran and sent it',
  );
  t.equal(await stop(second), 0);
});
