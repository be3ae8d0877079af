import type { FastifyInstance } from 'fastify';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { stringify } from 'yaml';
import type { Database } from '../db/database.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

/**
 * The app as the document describes it, on a database that never connects (Kysely's
 * DummyDriver): describing the routes runs no query. The caller closes it.
 */
export async function buildDescribedApp(): Promise<FastifyInstance> {
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return buildApp({ config: loadConfig({ NODE_ENV: 'test' }), db, jwtSecret: 'x'.repeat(32) });
}

/** The OpenAPI document as YAML, from the routes' schemas. */
export async function renderOpenApiYaml(): Promise<string> {
  const app = await buildDescribedApp();
  try {
    await app.ready();
    // Plain YAML: shared schema objects written out in full, not as YAML anchors and aliases,
    // which some OpenAPI tools do not follow.
    return stringify(app.swagger(), { aliasDuplicateObjects: false, lineWidth: 0 });
  } finally {
    await app.close();
  }
}
