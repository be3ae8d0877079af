import type { Kysely, Transaction } from 'kysely';
import { hashPassword } from '../src/lib/passwords.js';
import { searchKey } from '../src/lib/search-key.js';
import type { Database, MissionStatus, PublicType, Role, Theme } from './database.js';
import { seed } from './seed.js';
import { seedAfterForum } from './demo-placement.js';
import { seedDemoForum } from './demo-forum.js';
import { seedDemoInfoSessions } from './demo-info-sessions.js';
import { seedDemoProgramme } from './demo-programme.js';
import type { Actor } from '../src/lib/access.js';
import { planSchedule } from '../src/modules/forums/schedule.service.js';

/**
 * The Artois story (docs/domain.md, shared/seed) as demo data: `npm run db:seed -- demo`. Built on
 * the minimal seed (operators and the Ligue's structures); everything is found by its natural
 * key before it is created, so running it twice changes nothing.
 */
type Trx = Transaction<Database>;

const LIGUE = 'Ligue de l’Enseignement du Pas-de-Calais';
const UNIS = 'Unis-Cité';
const PMA_EPCIS = ['200072460', '246200364', '246200299'];

// The five partnerships of docs/domain.md: proximity ↔ first circle.
const PARTNERSHIPS: [string, string][] = [
  ['Service Culturel d’Auchel', 'Comédie de Béthune'],
  ['Service Culturel d’Harnes', 'Louvre-Lens'],
  ['Ligue de l’Enseignement du Pas-de-Calais', 'Labanque'],
  ['Service Culturel de Carvin', 'Culture Commune'],
  ['Droit de Cité', 'l’Escapade'],
];

// The public partners of the Carvin spectators' group, and Liévin's social centre.
const PUBLIC_PARTNERS: { name: string; type: PublicType; commune: string }[] = [
  { name: 'EHPAD de Carvin', type: 'ehpad', commune: '62215' },
  { name: 'Maison des Solidarités de Carvin', type: 'maison-des-solidarites', commune: '62215' },
  { name: 'Foyer de Vie de Carvin', type: 'foyer-de-vie', commune: '62215' },
  { name: 'Conseil Municipal des Jeunes de Carvin', type: 'youth-council', commune: '62215' },
  { name: 'Centre d’Animation Jeunesse de Carvin', type: 'youth-centre', commune: '62215' },
  { name: 'Centre social de Liévin', type: 'social-centre', commune: '62510' },
];

// One demo account per role. Demo only: these passwords are printed and in the README.
export const DEMO_ACCOUNTS: { role: Role; email: string; password: string; fullName: string; structure?: string }[] = [
  { role: 'admin', email: 'admin@demo.binome.local', password: 'demo admin passphrase 2018', fullName: 'Admin Démo' },
  { role: 'coordinator', email: 'coordination@demo.binome.local', password: 'demo coordinator passphrase 2018', fullName: 'Claire Coordination' },
  {
    role: 'structure_member',
    email: 'carvin@demo.binome.local',
    password: 'demo structure passphrase 2018',
    fullName: 'Sam Service Culturel',
    structure: 'Service Culturel de Carvin',
  },
  { role: 'candidate', email: 'candidate@demo.binome.local', password: 'demo candidate passphrase 2018', fullName: 'Léa Candidate' },
];

export interface DemoResult {
  created: Record<string, number>;
  accounts: typeof DEMO_ACCOUNTS;
}

export async function seedDemo(db: Kysely<Database>): Promise<DemoResult> {
  const base = await seed(db);
  const created: Record<string, number> = { operators: base.operators, structures: base.structures };
  const count = (what: string) => (created[what] = (created[what] ?? 0) + 1);
  // Hashed before the transaction: Argon2 takes time, the transaction should not.
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));

  const forumInput = await db.transaction().execute(async (trx) => {
    const ligue = await operatorId(trx, LIGUE);
    const unis = await operatorId(trx, UNIS);
    await trx.updateTable('operators').set({ department: '62' }).where('id', 'in', [ligue, unis]).where('department', 'is', null).execute();

    for (const p of PUBLIC_PARTNERS) {
      if (await structureId(trx, ligue, p.name, false)) continue;
      await trx.insertInto('structures').values({ operator_id: ligue, name: p.name, kind: 'public_partner', public_types: [p.type], commune_code: p.commune }).execute();
      count('structures');
    }

    const coordinatorId = await ensureAccounts(trx, ligue, hashes, count);

    const parcours = await ensureProgramme(trx, ligue, 'Parcours Artistique et Culturel en Artois', 'culture-loisirs', count, {
      description:
        'Des jeunes en service civique, « ambassadeurs » des structures culturelles de 1er cercle, au sein des structures de proximité qui les accueillent, en binômes.',
      funders: ['Pôle Métropolitain de l’Artois'],
    });
    const chaine = await ensureProgramme(trx, unis, 'Faisons vivre la Chaîne des Parcs', 'environnement', count, {
      description: 'Sensibiliser les habitants aux espaces de loisirs, bois et forêts reliés entre eux qui forment la Chaîne des Parcs.',
      funders: ['Pôle Métropolitain de l’Artois'],
    });

    const edition1 = await ensureEdition(trx, parcours, 'Édition 1', '2018-01-15', '2018-07-14', 10, 'closed', count);
    const edition2 = await ensureEdition(trx, parcours, 'Édition 2', '2018-11-05', '2019-07-04', 20, 'recruiting', count);
    await ensureEdition(trx, chaine, 'Saison 3', '2018-10-01', '2019-06-30', 24, 'recruiting', count);

    for (const [edition, startsOn, durationMonths, status] of [
      [edition1, '2018-01-15', 6, 'filled'],
      [edition2, '2018-11-05', 8, 'published'],
    ] as const) {
      for (const [proximityName, firstCircleName] of PARTNERSHIPS) {
        const proximity = (await structureId(trx, ligue, proximityName))!;
        const firstCircle = (await structureId(trx, ligue, firstCircleName))!;
        const existing = await trx.selectFrom('partnerships').select('id').where('edition_id', '=', edition).where('proximity_structure_id', '=', proximity).executeTakeFirst();
        if (!existing) {
          await trx.insertInto('partnerships').values({ edition_id: edition, proximity_structure_id: proximity, first_circle_structure_id: firstCircle }).execute();
          count('partnerships');
        }
        const title = `Médiation culturelle avec ${firstCircleName}`;
        const mission = await trx.selectFrom('missions').select('id').where('edition_id', '=', edition).where('host_structure_id', '=', proximity).where('title', '=', title).executeTakeFirst();
        if (mission) continue;
        const description =
          `Au sein du ${proximityName}, le binôme de volontaires construit avec des structures accueillant des publics spécifiques ` +
          `(EHPAD, centres sociaux, jeunes) un projet qui les mène aux spectacles, expositions et ateliers de ${firstCircleName}.`;
        const host = await trx.selectFrom('structures').select('commune_code').where('id', '=', proximity).executeTakeFirstOrThrow();
        await trx
          .insertInto('missions')
          .values({
            edition_id: edition,
            host_structure_id: proximity,
            first_circle_structure_id: firstCircle,
            title,
            description,
            theme: 'culture-loisirs' satisfies Theme,
            places: 2,
            starts_on: startsOn,
            duration_months: durationMonths,
            weekly_hours: 24,
            commune_code: host.commune_code!,
            status: status satisfies MissionStatus,
            search_text: searchKey(`${title} ${description}`),
            created_by: coordinatorId,
            published_at: new Date(`${startsOn}T00:00:00Z`),
          })
          .execute();
        count('missions');
      }
    }
    const candidate = DEMO_ACCOUNTS.find((a) => a.role === 'candidate')!;
    return { ligue, edition: edition2, coordinatorId, demoCandidateEmail: candidate.email };
  });

  // The 17 October 2018 forum, and its grid computed as a coordinator would (once).
  const forumId = await seedDemoForum(db, forumInput, count);
  if (!(await db.selectFrom('forum_schedules').select('id').where('forum_id', '=', forumId).executeTakeFirst())) {
    const coordinator: Actor = { userId: forumInput.coordinatorId, role: 'coordinator', sessionId: 'demo-seed', operatorId: forumInput.ligue, structureId: null };
    await planSchedule({ db, clock: () => new Date(), signAccessToken: () => '' }, coordinator, forumId);
    count('forum schedules');
  }
  // After the forum: evaluations, the forum closed, tutors and the 2018 rate, ready for the placement.
  await seedAfterForum(db, { ...forumInput, forumId }, count);
  // Edition 1's life after placement, and Unis-Cité's information meetings (issue 16).
  await seedDemoProgramme(db, count);
  await seedDemoInfoSessions(db, count);
  return { created, accounts: DEMO_ACCOUNTS };
}

async function operatorId(trx: Trx, name: string): Promise<string> {
  const row = await trx.selectFrom('operators').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirstOrThrow();
  return row.id;
}

async function structureId(trx: Trx, operator: string, name: string, required = true): Promise<string | undefined> {
  const query = trx
    .selectFrom('structures')
    .select('id')
    .where('operator_id', '=', operator)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  return required ? (await query.executeTakeFirstOrThrow()).id : (await query.executeTakeFirst())?.id;
}

/** The demo accounts (never changed once they exist); returns the coordinator's id. */
async function ensureAccounts(trx: Trx, ligue: string, hashes: string[], count: (what: string) => void): Promise<string> {
  let coordinatorId = '';
  for (const [i, account] of DEMO_ACCOUNTS.entries()) {
    let row = await trx.selectFrom('users').select('id').where('email', '=', account.email).executeTakeFirst();
    if (!row) {
      row = await trx
        .insertInto('users')
        .values({
          email: account.email,
          password_hash: hashes[i]!,
          role: account.role,
          full_name: account.fullName,
          operator_id: account.role === 'coordinator' ? ligue : null,
          structure_id: account.structure ? ((await structureId(trx, ligue, account.structure)) ?? null) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      count('accounts');
    }
    if (account.role === 'coordinator') coordinatorId = row.id;
  }
  return coordinatorId;
}

async function ensureProgramme(
  trx: Trx,
  operator: string,
  name: string,
  theme: Theme,
  count: (what: string) => void,
  extra: { description: string; funders: string[] },
): Promise<string> {
  const existing = await trx.selectFrom('programmes').select('id').where('operator_id', '=', operator).where('name', '=', name).executeTakeFirst();
  if (existing) return existing.id;
  count('programmes');
  return (await trx.insertInto('programmes').values({ operator_id: operator, name, theme, ...extra }).returning('id').executeTakeFirstOrThrow()).id;
}

async function ensureEdition(
  trx: Trx,
  programme: string,
  label: string,
  startsOn: string,
  endsOn: string,
  plannedVolunteers: number,
  status: 'recruiting' | 'closed',
  count: (what: string) => void,
): Promise<string> {
  const existing = await trx.selectFrom('editions').select('id').where('programme_id', '=', programme).where('label', '=', label).executeTakeFirst();
  if (existing) return existing.id;
  const { id } = await trx
    .insertInto('editions')
    .values({ programme_id: programme, label, starts_on: startsOn, ends_on: endsOn, planned_volunteers: plannedVolunteers, status })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('edition_epcis').values(PMA_EPCIS.map((code) => ({ edition_id: id, epci_code: code }))).execute();
  count('editions');
  return id;
}
