import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, promises as fs, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path, { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileMigrationProvider } from 'kysely';
import t from 'tap';
import { changedInputs, formatRecord, isSource, parseRecord, RECORD_FILE } from '../scripts/build-state.js';
import { build, buildIfStale, describe, listSources } from '../scripts/build.js';

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

t.test('a build on a copy of the sources', async (t) => {
  const root = join(repo, 'node_modules', '.cache', 'binome', `build-test-${randomBytes(4).toString('hex')}`);
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'scripts'), { recursive: true });
  for (const item of ['src', 'db', 'migrations', 'tsconfig.json', 'scripts/build.js', 'scripts/build-state.js']) {
    cpSync(join(repo, item), join(root, item), { recursive: true });
  }
  // Node looks for the nearest package.json up to a node_modules folder, not beyond: without
  // this one the copy's .js files would not be ES modules.
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
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
