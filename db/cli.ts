import { ConfigError, loadConfig } from '../src/config.js';
import { connect, targetFromConfig } from './connect.js';
import { prepareDatabase } from './prepare.js';
import { seedDemo } from './demo.js';
import { DEMO_FORUM_PASSWORD } from './demo-forum.js';
import { seed } from './seed.js';

/**
 * `npm run db:migrate`, `npm run db:seed` (the story's operators and structures) and
 * `npm run db:seed -- demo` (the whole Artois story), on the database the environment designates.
 */
const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
  console.error('usage: db/cli.ts migrate | seed [demo]');
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
if (command === 'seed' && process.argv[3] === 'demo' && config.env === 'production') {
  // The demo accounts' passwords are public (printed, in the README): never in production.
  console.error('demo: refused with NODE_ENV=production — the demo accounts have public passwords');
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
  if (command === 'seed' && process.argv[3] === 'demo') {
    const { created, accounts } = await seedDemo(connection.db);
    const counts = Object.entries(created).filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`).join(', ');
    console.log(`demo: created ${counts || 'nothing (already there)'}`);
    console.log('demo accounts (demo data only: change or delete them anywhere real):');
    for (const a of accounts) console.log(`  ${a.role.padEnd(17)} ${a.email.padEnd(32)} ${a.password}`);
    console.log(`  the forum's other 23 candidates: candidat02…candidat24@demo.binome.local, password: ${DEMO_FORUM_PASSWORD}`);
  } else if (command === 'seed') {
    const created = await seed(connection.db);
    console.log(`seed: ${created.operators} operators and ${created.structures} structures created`);
  }
} finally {
  await connection.close();
}
