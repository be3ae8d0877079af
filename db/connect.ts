import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './database.js';

/**
 * Where the data lives: a PostgreSQL server (`DATABASE_URL`), or embedded PGlite — real
 * PostgreSQL compiled to WebAssembly — in a data directory, or in memory for tests.
 */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; /** a dump made by `dumpDataDir()`, e.g. a migrated template */ from?: Blob };

export interface Connection {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseTarget['kind'];
  /** Closes the pool or the PGlite instance; safe to call twice. */
  close(): Promise<void>;
}

// `date` columns (birth dates, mission start dates) stay 'YYYY-MM-DD' strings: a JS Date
// would put them at midnight in the server's time zone and shift them across a day boundary.
const DATE_OID = 1082;
const keepDateAsText = (value: string) => value;

export async function connect(target: DatabaseTarget): Promise<Connection> {
  let db: Kysely<Database>;
  let embedded: PGlite | undefined;
  if (target.kind === 'postgres') {
    // Imported here: a server on PGlite does not load the PostgreSQL driver.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID ? keepDateAsText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client whose connection the server ends (a restart, an administrator, a dropped
    // test database) emits 'error' on the pool; unheard, that would crash the process. The pool
    // discards the client and opens a new one for the next query.
    pool.on('error', () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const options = { parsers: { [pgliteTypes.DATE]: keepDateAsText } };
    let client: PGlite;
    if (target.kind === 'pglite') {
      mkdirSync(target.dataDir, { recursive: true });
      client = await PGlite.create({ ...options, dataDir: target.dataDir });
    } else {
      client = await PGlite.create({ ...options, ...(target.from ? { loadDataDir: target.from } : {}) });
    }
    db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    embedded = client;
  }
  let closed: Promise<void> | undefined;
  return {
    db,
    kind: target.kind,
    // Kysely closes PGlite only if a query ever ran; an instance left open keeps a timer of its
    // own that holds the process alive.
    close: () =>
      (closed ??= db.destroy().then(async () => {
        if (embedded && !embedded.closed) await embedded.close();
      })),
  };
}

/** The target that a configuration designates. */
export function targetFromConfig(config: { databaseUrl: string | undefined; dataDir: string }): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: `${config.dataDir}/pglite` };
}
