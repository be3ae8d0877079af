import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Fastify from 'fastify';
import semver from 'semver';
import t from 'tap';

/**
 * The Node versions that package.json's `engines` names are versions that every installed
 * package supports by its own `engines` (so `npm install` and `npm ci` print no EBADENGINE on
 * any of them), and the packages overridden to get there still work for the packages that use them.
 */
const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));
const manifest = read('package.json') as { engines: { node: string } };
const lock = read('package-lock.json') as { packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean; os?: string[] }> };
const ours = manifest.engines.node;

/** The version of `name` that `from` (a package's require) loads; its exports may hide package.json. */
function loadedVersion(from: NodeJS.Require, name: string): string {
  for (let dir = dirname(from.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (pkg.name === name) return pkg.version;
  }
  throw new Error(`no package.json for ${name}`);
}
const requireFrom = (from: NodeJS.Require, name: string) => createRequire(from.resolve(name));
const here = createRequire(import.meta.url);

t.test('engines names only Node versions that every dependency supports', async (t) => {
  t.ok(semver.validRange(ours), `engines.node ${ours} is a range`);
  t.ok(semver.satisfies(process.version, ours), `this Node (${process.version}) is in it`);
  t.equal((lock.packages[''] as { engines?: { node?: string } }).engines?.node, ours, 'package-lock.json agrees with package.json');
  const unsupported: string[] = [];
  let checked = 0;
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '') continue;
    // Old packages wrote engines as an array of strings: npm ignores that form.
    const theirs = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
    if (!theirs) continue;
    checked++;
    if (!semver.subset(ours, theirs)) unsupported.push(`${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${theirs}`);
  }
  t.same(unsupported, [], `of ${checked} packages that declare engines, none leaves out a version we name`);
});

t.test('@fastify/static sends downloads with content-disposition 2 (Node 20), as it uses it', async (t) => {
  // The copies that @fastify/swagger-ui loads, not whatever the top of node_modules holds.
  const fromSwaggerUi = requireFrom(here, '@fastify/swagger-ui');
  t.match(loadedVersion(requireFrom(fromSwaggerUi, '@fastify/static'), 'content-disposition'), /^2\./, 'content-disposition 2 is installed');
  const root = mkdtempSync(join(tmpdir(), 'binome-static-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'rapport été.csv'), 'a;b\n');
  const app = Fastify();
  t.teardown(() => app.close());
  await app.register(fromSwaggerUi('@fastify/static'), { root, serve: false });
  // reply.download comes from the plugin, whose type augmentation this file does not import.
  app.get('/download', (_req, reply) => (reply as unknown as { download(file: string): unknown }).download('rapport été.csv'));
  const res = await app.inject('/download');
  t.equal(res.statusCode, 200);
  // What content-disposition 3.1.0 gives too (checked by hand): an ASCII fallback and the RFC 8187 form.
  t.equal(res.headers['content-disposition'], `attachment; filename="rapport ?t?.csv"; filename*=UTF-8''rapport%20%C3%A9t%C3%A9.csv`);
});

t.test('light-my-request encodes inject cookies with cookie 1 (Node 20), as it uses it', async (t) => {
  t.match(loadedVersion(requireFrom(requireFrom(here, 'fastify'), 'light-my-request'), 'cookie'), /^1\./, 'cookie 1 is installed');
  const app = Fastify();
  t.teardown(() => app.close());
  app.get('/echo', (req) => ({ cookie: req.headers.cookie }));
  const res = await app.inject({ url: '/echo', cookies: { session: 'a b;c', lang: 'fr' } });
  t.same(res.json(), { cookie: 'session=a%20b%3Bc; lang=fr' });
});
