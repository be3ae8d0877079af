import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { stringify } from 'yaml';
import type { Database } from '../db/database.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

/**
 * The OpenAPI document as YAML, from the routes' schemas. The app is built on a database that
 * never connects (Kysely's DummyDriver): describing the routes runs no query.
 */
export async function renderOpenApiYaml(): Promise<string> {
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test' }), db, jwtSecret: 'x'.repeat(32) });
  try {
    await app.ready();
    // Plain YAML: shared schema objects written out in full, not as YAML anchors and aliases,
    // which some OpenAPI tools do not follow.
    return stringify(app.swagger(), { aliasDuplicateObjects: false, lineWidth: 0 });
  } finally {
    await app.close();
  }
}
