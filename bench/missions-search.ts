/**
 * Load test of the public mission search (GET /missions) on a national-size catalogue, with the
 * query plan of every scenario:
 *   npx tsx bench/missions-search.ts                                   (embedded PGlite, in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/missions-search.ts
 * The catalogue (10,000 structures, 50,000 published missions over the French communes) is
 * written straight into the database with multi-row inserts, deterministically (seeded PRNG).
 * With DATABASE_URL, a throwaway database binome_bench_<random> is created on that server and
 * dropped at the end. Only loopback traffic; see bench/README.md.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { CompiledQuery, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, sql } from 'kysely';
import type { Database, Theme } from '../db/database.js';
import { searchKey } from '../src/lib/search-key.js';
import { searchMissionsQuery } from '../src/modules/missions/missions.schemas.js';
import { searchMissions } from '../src/modules/missions/missions.service.js';
import { bounded, CONNECTIONS, fmt, machineLine, openBenchDatabase, percentile, positiveInt, runCleanup, startBenchApp, WARMUP_SECONDS } from './lib.js';

const SECONDS = positiveInt('BENCH_SECONDS', 10);
const STRUCTURES = 10_000;
const FIRST_CIRCLE_SHARE = 0.3;
const MISSIONS = 50_000;
const SCENARIOS = 9;
const SQL_RUNS = 50;
const BATCH = 1000;




// Bounded in time: the scenarios and their warm-ups, plus generation and plans, with a wide margin.
bounded(SCENARIOS * (SECONDS + WARMUP_SECONDS) + 600);



// ---------------------------------------------------------------------------------------------
// The catalogue: deterministic, from a seeded PRNG.

/** mulberry32: small, fast, and the same sequence on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** Standard normal (Box-Muller). */
  const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  /** A picker by weight: binary search in the cumulative weights. */
  const weighted = <T>(items: readonly T[], weightOf: (item: T) => number) => {
    const cumulative: number[] = [];
    let total = 0;
    for (const item of items) cumulative.push((total += weightOf(item)));
    return (): T => {
      const x = next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      return items[lo]!;
    };
  };
  return { next, int, pick, gauss, weighted };
}

// Where structures gather: 59 % within some 15 km of a city, the rest anywhere in
// mainland France. Coordinates are synthetic, independent of the structure's commune.
const CITIES: readonly { name: string; lat: number; lon: number; weight: number }[] = [
  { name: 'Paris', lat: 48.8566, lon: 2.3522, weight: 8 },
  { name: 'Lyon', lat: 45.764, lon: 4.8357, weight: 3 },
  { name: 'Marseille', lat: 43.2965, lon: 5.3698, weight: 3 },
  { name: 'Lille', lat: 50.6292, lon: 3.0573, weight: 3 },
  { name: 'Toulouse', lat: 43.6047, lon: 1.4442, weight: 2 },
  { name: 'Bordeaux', lat: 44.8378, lon: -0.5792, weight: 2 },
  { name: 'Nantes', lat: 47.2184, lon: -1.5536, weight: 2 },
  { name: 'Nice', lat: 43.7102, lon: 7.262, weight: 2 },
  { name: 'Strasbourg', lat: 48.5734, lon: 7.7521, weight: 2 },
  { name: 'Montpellier', lat: 43.6108, lon: 3.8767, weight: 2 },
  { name: 'Rennes', lat: 48.1173, lon: -1.6778, weight: 1 },
  { name: 'Grenoble', lat: 45.1885, lon: 5.7245, weight: 1 },
  { name: 'Rouen', lat: 49.4432, lon: 1.0999, weight: 1 },
  { name: 'Dijon', lat: 47.322, lon: 5.0415, weight: 1 },
  { name: 'Clermont-Ferrand', lat: 45.7772, lon: 3.087, weight: 1 },
  { name: 'Lens', lat: 50.4322, lon: 2.8277, weight: 2 },
];
const MAINLAND = { latMin: 43.0, latMax: 50.9, lonMin: -4.5, lonMax: 7.6 };

const THEMES: readonly { theme: Theme; weight: number; objects: readonly string[] }[] = [
  {
    theme: 'culture-loisirs',
    weight: 30,
    objects: [
      'des ateliers de lecture',
      'des sorties au théâtre',
      'la médiation au musée',
      'un festival de musique',
      'des ateliers d’écriture',
      'une bibliothèque de rue',
      'des spectacles vivants',
      'un ciné-club',
      'des ateliers d’arts plastiques',
      'la fête du patrimoine',
    ],
  },
  {
    theme: 'solidarite',
    weight: 20,
    objects: [
      'les personnes âgées isolées',
      'l’épicerie solidaire',
      'l’accueil des familles',
      'les personnes en situation de handicap',
      'la distribution alimentaire',
      'des ateliers de cuisine partagée',
    ],
  },
  {
    theme: 'education-pour-tous',
    weight: 15,
    objects: ['l’aide aux devoirs', 'des ateliers numériques', 'la lutte contre le décrochage scolaire', 'l’apprentissage du français', 'la découverte des métiers'],
  },
  {
    theme: 'environnement',
    weight: 12,
    objects: ['le jardin partagé', 'le tri des déchets', 'la biodiversité des parcs', 'des ateliers de réparation', 'la mobilité douce', 'les économies d’énergie'],
  },
  { theme: 'sport', weight: 8, objects: ['le sport pour tous', 'des tournois de football', 'l’activité physique des seniors', 'des sorties à vélo'] },
  { theme: 'sante', weight: 6, objects: ['la prévention santé', 'des ateliers nutrition', 'l’accès aux soins', 'le bien-être des résidents'] },
  {
    theme: 'memoire-citoyennete',
    weight: 5,
    objects: ['le conseil municipal des jeunes', 'la mémoire du bassin minier', 'des débats citoyens', 'l’engagement des jeunes'],
  },
  {
    theme: 'developpement-international-action-humanitaire',
    weight: 2,
    objects: ['des échanges européens', 'la solidarité internationale', 'l’accueil des réfugiés'],
  },
  { theme: 'intervention-urgence', weight: 2, objects: ['la prévention des risques', 'l’aide aux sinistrés', 'les gestes de premiers secours'] },
];
const VERBS = ['Animer', 'Accompagner', 'Organiser', 'Faire découvrir', 'Soutenir', 'Développer', 'Participer à', 'Faire vivre', 'Créer', 'Renforcer'];
const PLACES = [
  'à la médiathèque',
  'au centre social',
  'dans les quartiers',
  'à l’EHPAD',
  'au collège',
  'en milieu rural',
  'avec les habitants',
  'avec les jeunes du quartier',
  'au foyer de vie',
  'à la maison des solidarités',
  'au lycée',
  'dans les écoles',
];
const PUBLICS = ['les enfants', 'les adolescents', 'les familles', 'les seniors', 'les habitants', 'les résidents', 'les élèves', 'les jeunes'];
const SENTENCES = [
  (p: string, o: string) => `Le volontaire accompagne ${p} et participe à ${o}.`,
  (p: string, o: string) => `En binôme, les volontaires imaginent avec ${p} des actions autour de ${o}.`,
  (p: string) => `Ils vont à la rencontre de ${p} et recueillent leurs envies.`,
  (p: string) => `La mission comprend des temps d’échange avec ${p} chaque semaine.`,
  (p: string) => `Ils préparent une restitution publique avec ${p} en fin de mission.`,
  () => 'Formation civique et citoyenne et tutorat assurés par la structure.',
  () => 'Permis B apprécié ; déplacements possibles dans le département.',
];
const STRUCTURE_KINDS = ['Centre social', 'Médiathèque', 'Mairie', 'Maison des jeunes', 'Association', 'Foyer', 'Collège', 'EHPAD'];
// A typical EPCI: the story's agglomeration (some 240,000 inhabitants).
const LENS_LIEVIN = { code: '246200364', name: 'CA de Lens - Liévin' };
const EDITIONS = [
  { label: 'Promotion 2024-2025', startsOn: '2024-09-01', endsOn: '2025-08-31' },
  { label: 'Promotion 2025-2026', startsOn: '2025-09-01', endsOn: '2026-08-31' },
  { label: 'Promotion 2026-2027', startsOn: '2026-09-01', endsOn: '2027-08-31' },
  { label: 'Promotion 2027-2028', startsOn: '2027-09-01', endsOn: '2028-08-31' },
];

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function insertBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Writes the catalogue in one transaction; returns what the scenarios need. */
async function generateCatalogue(db: Kysely<Database>) {
  const rnd = prng(20261125);
  const communes = await db.selectFrom('communes').select(['code', 'population', 'latitude', 'longitude']).orderBy('code').execute();
  // Structures settle where people live: communes are picked by population.
  const pickCommune = rnd.weighted(communes, (c) => (c.population ?? 0) + 100);
  const pickCity = rnd.weighted(CITIES, (c) => c.weight);
  const pickTheme = rnd.weighted(THEMES, (t) => t.weight);
  const storyTowns = communes.filter((c) => c.latitude !== null);

  return db.transaction().execute(async (trx) => {
    const operator = await trx.insertInto('operators').values({ name: 'Ligue (bench)' }).returning('id').executeTakeFirstOrThrow();
    const coordinator = await trx
      .insertInto('users')
      .values({ email: 'coordinator@bench.example.fr', password_hash: 'not-a-hash', role: 'coordinator', operator_id: operator.id, structure_id: null, full_name: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const programme = await trx
      .insertInto('programmes')
      .values({ operator_id: operator.id, name: 'Parcours culturels (bench)', theme: 'culture-loisirs' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const editions = await trx
      .insertInto('editions')
      .values(EDITIONS.map((e) => ({ programme_id: programme.id, label: e.label, starts_on: e.startsOn, ends_on: e.endsOn, planned_volunteers: 5000, status: 'recruiting' as const })))
      .returning(['id', 'starts_on'])
      .execute();

    const structures = Array.from({ length: STRUCTURES }, (_, i) => {
      const kind = i < STRUCTURES * FIRST_CIRCLE_SHARE ? ('first_circle' as const) : ('proximity' as const);
      const u = rnd.next();
      let latitude: number | null;
      let longitude: number | null;
      let commune = pickCommune();
      if (u < 0.01) {
        // No coordinates of its own: placed at its commune, known for the story's towns only.
        latitude = longitude = null;
        if (rnd.next() < 0.5) commune = rnd.pick(storyTowns);
      } else if (u < 0.6) {
        const city = pickCity();
        const km = 15;
        latitude = city.lat + (rnd.gauss() * km) / 111.2;
        longitude = city.lon + (rnd.gauss() * km) / (111.2 * Math.cos((city.lat * Math.PI) / 180));
      } else {
        latitude = MAINLAND.latMin + rnd.next() * (MAINLAND.latMax - MAINLAND.latMin);
        longitude = MAINLAND.lonMin + rnd.next() * (MAINLAND.lonMax - MAINLAND.lonMin);
      }
      return {
        operator_id: operator.id,
        name: `${rnd.pick(STRUCTURE_KINDS)} ${i + 1}`,
        kind,
        reach: kind === 'first_circle' ? rnd.pick(['national', 'regional', 'departmental', 'intercommunal'] as const) : null,
        commune_code: commune.code,
        latitude: latitude === null ? null : Math.round(latitude * 1e5) / 1e5,
        longitude: longitude === null ? null : Math.round(longitude * 1e5) / 1e5,
        accredited: rnd.next() < 0.5,
      };
    });
    const structureIds: { id: string; kind: string; commune_code: string | null }[] = [];
    await insertBatches(structures, async (batch) =>
      structureIds.push(...(await trx.insertInto('structures').values(batch).returning(['id', 'kind', 'commune_code']).execute())),
    );
    const firstCircle = structureIds.filter((s) => s.kind === 'first_circle');
    const proximity = structureIds.filter((s) => s.kind === 'proximity').map((s) => ({ ...s, partner: rnd.pick(firstCircle).id }));

    // Each proximity structure is paired with its first-circle partner in every edition.
    const partnerships = editions.flatMap((e) => proximity.map((p) => ({ edition_id: e.id, proximity_structure_id: p.id, first_circle_structure_id: p.partner })));
    await insertBatches(partnerships, (batch) => trx.insertInto('partnerships').values(batch).execute());

    const base = new Date('2024-06-01T08:00:00Z').getTime();
    const missions = Array.from({ length: MISSIONS }, (_, i) => {
      const host = rnd.pick(proximity);
      const edition = rnd.pick(editions);
      const { theme, objects } = pickTheme();
      const object = rnd.pick(objects);
      const publicOf = rnd.pick(PUBLICS);
      const title = `${rnd.pick(VERBS)} ${object} ${rnd.pick(PLACES)}`;
      const sentences = new Set<(p: string, o: string) => string>();
      const count = rnd.int(2, 4);
      while (sentences.size < count) sentences.add(rnd.pick(SENTENCES));
      const description = [...sentences].map((s) => s(publicOf, object)).join(' ');
      const openToMinors = rnd.next() < 0.3;
      const created = new Date(base + i * 60_000 * 37);
      return {
        edition_id: edition.id,
        host_structure_id: host.id,
        first_circle_structure_id: host.partner,
        title,
        description,
        theme,
        places: rnd.pick([2, 2, 2, 4, 6]),
        starts_on: addDays(edition.starts_on, rnd.int(0, 240)),
        duration_months: rnd.int(6, 12),
        weekly_hours: openToMinors ? rnd.int(24, 35) : rnd.pick([24, 24, 28, 30, 35, 35, 40]),
        open_to_minors: openToMinors,
        commune_code: host.commune_code!,
        status: 'published' as const,
        // As the service writes it (missions.service.ts).
        search_text: searchKey(`${title} ${description}`),
        created_by: coordinator.id,
        created_at: created,
        updated_at: created,
        published_at: created,
      };
    });
    await insertBatches(missions, (batch) => trx.insertInto('missions').values(batch).execute());
    return { structures: structureIds.length, partnerships: partnerships.length, missions: missions.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Query plans: the SQL a scenario runs is captured by a plugin on a second view of the
// database, then run again under EXPLAIN ANALYZE. Bench code only; src is untouched.

class CaptureQueries implements KyselyPlugin {
  last: PluginTransformQueryArgs | undefined;
  transformQuery(args: PluginTransformQueryArgs) {
    this.last = args;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

async function searchSql(db: Kysely<Database>, query: string): Promise<CompiledQuery> {
  const capture = new CaptureQueries();
  const parsed = searchMissionsQuery.parse(Object.fromEntries(new URLSearchParams(query)));
  await searchMissions({ db: db.withPlugin(capture), clock: () => new Date(), signAccessToken: () => '' }, parsed);
  if (!capture.last) throw new Error(`no query captured for ${query}`);
  return db.getExecutor().compileQuery(capture.last.node, capture.last.queryId);
}

async function explain(db: Kysely<Database>, compiled: CompiledQuery): Promise<string[]> {
  const result = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, costs off) ${compiled.sql}`, [...compiled.parameters]));
  return result.rows.map((r) => Object.values(r)[0]!);
}

/** How many missions the scenario's filters match, all pages together. */
async function matches(db: Kysely<Database>, compiled: CompiledQuery): Promise<number> {
  const withoutLimit = compiled.sql.replace(/\s+limit \$\d+\s*$/i, '');
  if (withoutLimit === compiled.sql) throw new Error('the search query does not end with a limit');
  const parameters = compiled.parameters.slice(0, -1);
  const result = await db.executeQuery<{ n: number }>(CompiledQuery.raw(`select count(*)::int as n from (${withoutLimit}) as hits`, [...parameters]));
  return result.rows[0]!.n;
}

// ---------------------------------------------------------------------------------------------

interface Scenario {
  name: string;
  query: string;
}

interface Row {
  scenario: string;
  matches: number;
  sqlMean: number;
  sqlP99: number;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds });
}


/**
 * How a plan finds its rows: the indexes and sequential scans outside the SubPlans (the
 * SubPlans look up the names of the page's rows, by primary key, for every scenario).
 */
function accessOf(plan: readonly string[]): string {
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  let subPlanIndent = -1;
  for (const line of plan) {
    const indent = line.search(/\S/);
    if (subPlanIndent >= 0 && indent > subPlanIndent) continue;
    subPlanIndent = /^\s*SubPlan \d+/.test(line) ? indent : -1;
    for (const m of line.matchAll(/(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)/g)) indexes.add(m[1]!);
    for (const m of line.matchAll(/Seq Scan on (\w+)/g)) seqScans.add(m[1]!);
  }
  return `indexes ${[...indexes].join(', ') || 'none'}; sequential scans ${[...seqScans].join(', ') || 'none'}`;
}


/** The scenario's SQL alone, run SQL_RUNS times one after the other: planning and execution, no HTTP. */
async function timeSql(db: Kysely<Database>, compiled: CompiledQuery): Promise<{ mean: number; p99: number }> {
  await db.executeQuery(compiled); // warm-up, not counted
  const samples: number[] = [];
  for (let i = 0; i < SQL_RUNS; i++) {
    const start = performance.now();
    await db.executeQuery(compiled);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { mean: samples.reduce((a, b) => a + b, 0) / samples.length, p99: percentile(samples, 99) };
}

async function main() {
  const started = performance.now();
  const database = await openBenchDatabase();
  const db = database.connection.db;
  try {
    const prepared = performance.now();
    const counts = await generateCatalogue(db);
    // What autovacuum does after a bulk load: statistics, the visibility map, and the GIN
    // index's own statistics (without them the planner misjudges missions_search_idx).
    await sql`vacuum analyze`.execute(db);
    const generated = performance.now();
    console.log(
      `Catalogue: ${counts.structures} structures, ${counts.partnerships} partnerships, ${counts.missions} published missions ` +
        `(generated in ${fmt((generated - prepared) / 1000)} s; database ready in ${fmt((prepared - started) / 1000)} s)`,
    );

    // The EPCI with the most missions: the filter's heaviest case (a typical one is LENS_LIEVIN).
    const epci = await db
      .selectFrom('missions')
      .innerJoin('communes', 'communes.code', 'missions.commune_code')
      .innerJoin('epcis', 'epcis.code', 'communes.epci_code')
      .select(['epcis.code', 'epcis.name', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['epcis.code', 'epcis.name'])
      .orderBy('n', 'desc')
      .orderBy('epcis.code')
      .executeTakeFirstOrThrow();

    const base = await startBenchApp(database);

    const get = async (query: string) => {
      const res = await fetch(`${base}/missions?${query}`);
      if (res.status !== 200) throw new Error(`GET /missions?${query} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { items: unknown[]; nextCursor: string | null };
    };
    const page2 = async (query: string) => {
      const first = await get(query);
      if (!first.nextCursor) throw new Error(`GET /missions?${query} has a single page`);
      return `${query}&cursor=${first.nextCursor}`;
    };

    const word = 'atelier';
    const scenarios: Scenario[] = [
      { name: 'catalogue, first page (by start date)', query: 'limit=20' },
      { name: `text: q=${word}`, query: `q=${word}` },
      { name: 'theme: theme=environnement', query: 'theme=environnement' },
      { name: 'radius: 20 km around Lyon', query: 'near=45.7640,4.8357&radiusKm=20' },
      { name: `EPCI: ${LENS_LIEVIN.name} (${LENS_LIEVIN.code})`, query: `epci=${LENS_LIEVIN.code}` },
      { name: `EPCI: ${epci.name} (${epci.code}), the largest`, query: `epci=${epci.code}` },
      {
        name: `combined: q=${word}, theme, 30 km around Paris, startsAfter`,
        query: `q=${word}&theme=culture-loisirs&near=48.8566,2.3522&radiusKm=30&startsAfter=2025-01-01`,
      },
      { name: 'paging: page 2 of the catalogue', query: await page2('limit=20') },
      { name: `paging: page 2 of q=${word}`, query: await page2(`q=${word}`) },
    ];
    if (scenarios.length !== SCENARIOS) throw new Error('update SCENARIOS (the watchdog)');

    const plans: { scenario: Scenario; plan: string[]; matches: number; sql: { mean: number; p99: number } }[] = [];
    for (const scenario of scenarios) {
      const page = await get(scenario.query);
      if (page.items.length === 0) throw new Error(`GET /missions?${scenario.query} found nothing`);
      const compiled = await searchSql(db, scenario.query);
      plans.push({ scenario, plan: await explain(db, compiled), matches: await matches(db, compiled), sql: await timeSql(db, compiled) });
    }

    const rows: Row[] = [];
    for (const [i, scenario] of scenarios.entries()) {
      const url = `${base}/missions?${scenario.query}`;
      await load(url, WARMUP_SECONDS); // JIT, pool and caches warm; discarded
      const r = await load(url, SECONDS);
      rows.push({
        scenario: scenario.name,
        matches: plans[i]!.matches,
        sqlMean: plans[i]!.sql.mean,
        sqlP99: plans[i]!.sql.p99,
        requests: r.requests.total,
        reqPerSec: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
      });
    }

    const lines = [
      '',
      machineLine(database, SECONDS),
      '',
      '| Scenario | Matches | Requests | req/s (mean) | p50 ms | p99 ms | errors / non-2xx | SQL alone mean / p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.scenario} | ${r.matches} | ${r.requests} | ${fmt(r.reqPerSec, 0)} | ${r.p50} | ${r.p99} | ${r.errors} / ${r.non2xx} | ${fmt(r.sqlMean)} / ${fmt(r.sqlP99)} |`,
      ),
      '',
      'How each scenario’s query finds its rows (EXPLAIN ANALYZE below; SubPlans, which look up the names of the page’s rows, left out):',
      '',
      ...plans.map((p) => `- ${p.scenario.name}: ${accessOf(p.plan)}`),
      '',
      ...plans.flatMap((p) => [`### ${p.scenario.name}`, `GET /missions?${p.scenario.query}`, '', ...p.plan.map((l) => `    ${l}`), '']),
    ];
    console.log(lines.join('\n'));
  } finally {
    await runCleanup();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
