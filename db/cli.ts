import { ConfigError, loadConfig } from '../src/config.js';
import { connect, targetFromConfig } from './connect.js';
import { prepareDatabase } from './prepare.js';
import { seed } from './seed.js';

/** `npm run db:migrate` and `npm run db:seed`, on the database the environment designates. */
const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
  console.error('usage: db/cli.ts migrate|seed');
  process.exit(2);
}

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const connection = await connect(targetFromConfig(config));
try {
  const { migrations, territory } = await prepareDatabase(connection.db);
  console.log(migrations.length ? migrations.map((r) => `${r.status}: ${r.migrationName}`).join('\n') : 'migrations: up to date');
  console.log(
    territory.loaded
      ? `territory: loaded ${territory.communes} communes and ${territory.epcis} EPCIs (${territory.version})`
      : `territory: up to date (${territory.version})`,
  );
  if (command === 'seed') {
    const created = await seed(connection.db);
    console.log(`seed: ${created.operators} operators and ${created.structures} structures created`);
  }
} finally {
  await connection.close();
}
