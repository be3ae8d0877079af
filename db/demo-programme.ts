import type { Kysely, Transaction } from 'kysely';
import { hashPassword } from '../src/lib/passwords.js';
import type { Database, EarlyEndReason, OutingKind, PublicKind, PublicType, Transport } from './database.js';

/**
 * Edition 1 after its placement (issue 16): its five binômes, their mediation projects and
 * outings (docs/domain.md, the story's step 5), the volunteers' follow-up, so that the edition's
 * report is full. Found by natural keys before it is created: running it twice changes nothing.
 *
 * Made up but plausible: ten volunteers of 17 to 24 on 15 January 2018 (two minors, with their
 * parents' authorisation), from the three agglomerations; a project per binôme, all done, with
 * 2 to 4 outings each from February to June 2018 whose attendance is recorded (groups of 4 to
 * 15 people, some walk-ins); the trainings (one volunteer without the PSC1), two tutors'
 * check-ins and one early end (a volunteer who found a job in May).
 */
type Trx = Transaction<Database>;

/** The ten volunteers of edition 1 sign in with it (demo data only). */
export const DEMO_VOLUNTEER_PASSWORD = 'demo volunteer passphrase 2018';
export const DEMO_EDITION1 = { programme: 'Parcours Artistique et Culturel en Artois', label: 'Édition 1', startsOn: '2018-01-15', endsOn: '2018-07-14' } as const;

const LIGUE = 'Ligue de l’Enseignement du Pas-de-Calais';

interface Volunteer {
  email: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  commune: string;
  /** A minor on 15 January 2018: who signed the parental authorisation. */
  parent?: string;
  /** Another mission applied to, and where that application ended. */
  alsoApplied?: { host: string; ended: 'refused' | 'obsolete' };
}

interface Group {
  partner: string;
  publicKind: PublicKind;
  expected: number;
  walkIns?: number;
  present: number;
  firstTime: number;
}

interface Outing {
  startsAt: string;
  endsAt: string;
  /** The venue: a structure's name. */
  venue: string;
  kind: OutingKind;
  title: string;
  transport: Transport;
  driver?: string;
  account: string;
  groups: Group[];
}

interface Binome {
  host: string;
  firstCircle: string;
  volunteers: [Volunteer, Volunteer];
  project: { title: string; aim: string; partners: { name: string; publics: PublicKind[] }[]; outings: Outing[] };
}

// Public partners the seed does not have (the Carvin ones and Liévin's social centre are in db/demo.ts).
const MORE_PUBLIC_PARTNERS: { name: string; type: PublicType; commune: string }[] = [
  { name: 'Centre social d’Auchel', type: 'social-centre', commune: '62048' },
  { name: 'Maison des jeunes d’Harnes', type: 'youth-centre', commune: '62413' },
  { name: 'Point Information Jeunesse d’Hénin-Beaumont', type: 'youth-centre', commune: '62427' },
];

const v = (n: number, firstName: string, lastName: string, birthDate: string, commune: string, extra: Partial<Volunteer> = {}): Volunteer => ({
  email: `volontaire${String(n).padStart(2, '0')}@demo.binome.local`,
  firstName,
  lastName,
  birthDate,
  commune,
  ...extra,
});

const CARVIN_GROUPS = (present: [number, number, number, number, number], walkIns = 0): Group[] => [
  { partner: 'EHPAD de Carvin', publicKind: 'seniors', expected: 5, present: present[0], firstTime: Math.max(0, present[0] - 2) },
  { partner: 'Maison des Solidarités de Carvin', publicKind: 'precarity', expected: 4, present: present[1], firstTime: Math.max(0, present[1] - 1) },
  { partner: 'Foyer de Vie de Carvin', publicKind: 'disability', expected: 4, present: present[2], firstTime: Math.max(0, present[2] - 2) },
  { partner: 'Conseil Municipal des Jeunes de Carvin', publicKind: 'youth', expected: 4, present: present[3], firstTime: Math.max(0, present[3] - 1) },
  { partner: 'Centre d’Animation Jeunesse de Carvin', publicKind: 'youth', expected: 4, walkIns, present: present[4], firstTime: Math.max(0, present[4] - 1) },
];

export const EDITION1_BINOMES: Binome[] = [
  {
    host: 'Service Culturel d’Auchel',
    firstCircle: 'Comédie de Béthune',
    volunteers: [
      v(1, 'Émilie', 'Dufour', '1996-03-11', '62048', { alsoApplied: { host: 'Service Culturel d’Harnes', ended: 'obsolete' } }),
      v(2, 'Romain', 'Lecomte', '2000-09-02', '62119', { parent: 'Nathalie Lecomte' }),
    ],
    project: {
      title: 'Des habitants d’Auchel à la Comédie de Béthune',
      aim: 'Faire découvrir le théâtre à des habitants d’Auchel qui n’y vont pas : une rencontre avec l’équipe de la Comédie au centre social, puis un spectacle ensemble.',
      partners: [{ name: 'Centre social d’Auchel', publics: ['inhabitants', 'families'] }],
      outings: [
        {
          startsAt: '2018-02-08T14:00:00+01:00',
          endsAt: '2018-02-08T16:00:00+01:00',
          venue: 'Service Culturel d’Auchel',
          kind: 'workshop',
          title: 'Rencontre avec l’équipe de la Comédie de Béthune',
          transport: 'on_foot',
          account: 'Présentation de la saison et du spectacle, questions des habitants.',
          groups: [{ partner: 'Centre social d’Auchel', publicKind: 'inhabitants', expected: 12, present: 10, firstTime: 10 }],
        },
        {
          startsAt: '2018-03-15T20:00:00+01:00',
          endsAt: '2018-03-15T21:30:00+01:00',
          venue: 'Comédie de Béthune',
          kind: 'show',
          title: 'Il n’est pas encore minuit',
          transport: 'minibus',
          driver: 'Patrick Delcourt',
          account: 'Le groupe au complet, deux voisins venus en plus ; beaucoup veulent revenir.',
          groups: [
            { partner: 'Centre social d’Auchel', publicKind: 'inhabitants', expected: 12, walkIns: 2, present: 13, firstTime: 11 },
            { partner: 'Centre social d’Auchel', publicKind: 'families', expected: 4, present: 4, firstTime: 3 },
          ],
        },
        {
          startsAt: '2018-05-24T19:00:00+02:00',
          endsAt: '2018-05-24T21:00:00+02:00',
          venue: 'Comédie de Béthune',
          kind: 'show',
          title: 'Lecture publique de fin de saison',
          transport: 'minibus',
          driver: 'Patrick Delcourt',
          account: 'Une soirée plus courte, appréciée des familles.',
          groups: [{ partner: 'Centre social d’Auchel', publicKind: 'families', expected: 8, present: 7, firstTime: 2 }],
        },
      ],
    },
  },
  {
    host: 'Service Culturel d’Harnes',
    firstCircle: 'Louvre-Lens',
    volunteers: [v(3, 'Sofiane', 'Meziane', '1995-06-20', '62413'), v(4, 'Justine', 'Carlier', '1998-11-05', '62498', { alsoApplied: { host: 'Service Culturel de Carvin', ended: 'refused' } })],
    project: {
      title: 'Les jeunes de la Maison des jeunes d’Harnes au Louvre-Lens',
      aim: 'Amener les jeunes de la Maison des jeunes au Louvre-Lens, à 4 km de chez eux, et leur donner envie d’y revenir seuls.',
      partners: [{ name: 'Maison des jeunes d’Harnes', publics: ['youth'] }],
      outings: [
        {
          startsAt: '2018-02-21T14:00:00+01:00',
          endsAt: '2018-02-21T16:30:00+01:00',
          venue: 'Louvre-Lens',
          kind: 'visit',
          title: 'Visite de la Galerie du temps',
          transport: 'public_transport',
          account: 'Visite guidée pendant les vacances d’hiver.',
          groups: [{ partner: 'Maison des jeunes d’Harnes', publicKind: 'youth', expected: 12, present: 11, firstTime: 9 }],
        },
        {
          startsAt: '2018-04-18T14:00:00+02:00',
          endsAt: '2018-04-18T16:00:00+02:00',
          venue: 'Louvre-Lens',
          kind: 'workshop',
          title: 'Atelier de dessin dans les collections',
          transport: 'public_transport',
          account: 'Atelier mené par une médiatrice du musée.',
          groups: [{ partner: 'Maison des jeunes d’Harnes', publicKind: 'youth', expected: 10, walkIns: 1, present: 11, firstTime: 3 }],
        },
        {
          startsAt: '2018-06-13T14:00:00+02:00',
          endsAt: '2018-06-13T16:30:00+02:00',
          venue: 'Louvre-Lens',
          kind: 'exhibition',
          title: 'Exposition temporaire du printemps',
          transport: 'public_transport',
          account: 'Les jeunes ont guidé eux-mêmes une partie de la visite.',
          groups: [{ partner: 'Maison des jeunes d’Harnes', publicKind: 'youth', expected: 12, present: 9, firstTime: 1 }],
        },
      ],
    },
  },
  {
    host: LIGUE,
    firstCircle: 'Labanque',
    volunteers: [v(5, 'Clara', 'Dubois', '1993-04-14', '62510'), v(6, 'Antoine', 'Wattel', '1997-01-30', '62498', { alsoApplied: { host: 'Droit de Cité', ended: 'obsolete' } })],
    project: {
      title: 'Le Centre social de Liévin à Labanque',
      aim: 'Faire découvrir l’art contemporain aux usagers du centre social du Cœur de ville de Liévin : visites d’expositions et un atelier de pratique à Labanque.',
      partners: [{ name: 'Centre social de Liévin', publics: ['families', 'precarity'] }],
      outings: [
        {
          startsAt: '2018-03-10T14:30:00+01:00',
          endsAt: '2018-03-10T16:30:00+01:00',
          venue: 'Labanque',
          kind: 'exhibition',
          title: 'Visite de l’exposition d’hiver',
          transport: 'public_transport',
          account: 'Première venue à Béthune pour la plupart.',
          groups: [
            { partner: 'Centre social de Liévin', publicKind: 'families', expected: 8, present: 7, firstTime: 7 },
            { partner: 'Centre social de Liévin', publicKind: 'precarity', expected: 5, present: 4, firstTime: 4 },
          ],
        },
        {
          startsAt: '2018-04-14T14:00:00+02:00',
          endsAt: '2018-04-14T16:30:00+02:00',
          venue: 'Labanque',
          kind: 'workshop',
          title: 'Atelier de pratique artistique',
          transport: 'minibus',
          driver: 'Farid Moussaoui',
          account: 'Les enfants et leurs parents ont réalisé une œuvre collective.',
          groups: [{ partner: 'Centre social de Liévin', publicKind: 'families', expected: 10, walkIns: 2, present: 11, firstTime: 4 }],
        },
        {
          startsAt: '2018-06-09T15:00:00+02:00',
          endsAt: '2018-06-09T17:00:00+02:00',
          venue: 'Labanque',
          kind: 'exhibition',
          title: 'Vernissage de l’exposition d’été',
          transport: 'public_transport',
          account: 'Un vernissage : un autre regard sur le lieu.',
          groups: [
            { partner: 'Centre social de Liévin', publicKind: 'families', expected: 6, present: 6, firstTime: 1 },
            { partner: 'Centre social de Liévin', publicKind: 'precarity', expected: 4, present: 3, firstTime: 1 },
          ],
        },
      ],
    },
  },
  {
    host: 'Service Culturel de Carvin',
    firstCircle: 'Culture Commune',
    volunteers: [v(7, 'Marine', 'Leroy', '1999-08-25', '62215', { alsoApplied: { host: LIGUE, ended: 'refused' } }), v(8, 'Nicolas', 'Petit', '1994-12-01', '62215')],
    project: {
      title: 'Le groupe de spectateurs de Carvin',
      aim: 'Un groupe de spectateurs mêlant résidents de l’EHPAD, de la Maison des Solidarités et du Foyer de Vie, le Conseil Municipal des Jeunes et le Centre d’Animation Jeunesse, qui va ensemble à plusieurs spectacles de Culture Commune et en parle après.',
      partners: [
        { name: 'EHPAD de Carvin', publics: ['seniors'] },
        { name: 'Maison des Solidarités de Carvin', publics: ['precarity'] },
        { name: 'Foyer de Vie de Carvin', publics: ['disability'] },
        { name: 'Conseil Municipal des Jeunes de Carvin', publics: ['youth'] },
        { name: 'Centre d’Animation Jeunesse de Carvin', publics: ['youth'] },
      ],
      outings: [
        {
          startsAt: '2018-02-16T20:00:00+01:00',
          endsAt: '2018-02-16T22:00:00+01:00',
          venue: 'Culture Commune',
          kind: 'show',
          title: 'Théâtre à la Fabrique théâtrale',
          transport: 'minibus',
          driver: 'Jean-Marc Ducrocq',
          account: 'Premier spectacle du groupe ; un temps d’échange avec les comédiens.',
          groups: CARVIN_GROUPS([5, 4, 4, 4, 5], 1),
        },
        {
          startsAt: '2018-03-23T20:00:00+01:00',
          endsAt: '2018-03-23T22:00:00+01:00',
          venue: 'Culture Commune',
          kind: 'show',
          title: 'Concert à la Base 11/19',
          transport: 'minibus',
          driver: 'Jean-Marc Ducrocq',
          account: 'Le groupe se connaît maintenant : les jeunes ont accompagné les résidents.',
          groups: CARVIN_GROUPS([4, 3, 4, 3, 4]),
        },
        {
          startsAt: '2018-04-27T20:00:00+02:00',
          endsAt: '2018-04-27T22:00:00+02:00',
          venue: 'Culture Commune',
          kind: 'show',
          title: 'Danse à la Fabrique théâtrale',
          transport: 'minibus',
          driver: 'Jean-Marc Ducrocq',
          account: 'Moins de monde pendant les vacances de printemps.',
          groups: CARVIN_GROUPS([3, 2, 3, 2, 3]),
        },
        {
          startsAt: '2018-06-01T19:00:00+02:00',
          endsAt: '2018-06-01T22:00:00+02:00',
          venue: 'Service Culturel de Carvin',
          kind: 'show',
          title: 'Soirée de clôture du groupe de spectateurs',
          transport: 'on_foot',
          account: 'Le groupe a présenté son année aux familles et aux élus.',
          groups: CARVIN_GROUPS([5, 4, 4, 4, 5], 2),
        },
      ],
    },
  },
  {
    host: 'Droit de Cité',
    firstCircle: 'l’Escapade',
    volunteers: [v(9, 'Yasmine', 'Boudiaf', '2000-12-20', '62427', { parent: 'Karim Boudiaf' }), v(10, 'Kévin', 'Lambert', '1996-07-09', '62427')],
    project: {
      title: 'Les cultures urbaines de l’Escapade',
      aim: 'Relayer auprès des jeunes d’Hénin-Beaumont les événements de cultures urbaines de l’Escapade (battles, graff) et les y accompagner.',
      partners: [{ name: 'Point Information Jeunesse d’Hénin-Beaumont', publics: ['youth'] }],
      outings: [
        {
          startsAt: '2018-03-03T15:00:00+01:00',
          endsAt: '2018-03-03T18:00:00+01:00',
          venue: 'l’Escapade',
          kind: 'show',
          title: 'Battle de danse hip-hop',
          transport: 'on_foot',
          account: 'Des jeunes venus d’eux-mêmes après l’annonce sur les réseaux.',
          groups: [{ partner: 'Point Information Jeunesse d’Hénin-Beaumont', publicKind: 'youth', expected: 10, walkIns: 4, present: 14, firstTime: 8 }],
        },
        {
          startsAt: '2018-04-21T14:00:00+02:00',
          endsAt: '2018-04-21T17:00:00+02:00',
          venue: 'l’Escapade',
          kind: 'workshop',
          title: 'Atelier graff',
          transport: 'on_foot',
          account: 'Un mur réalisé ensemble, exposé en mai.',
          groups: [{ partner: 'Point Information Jeunesse d’Hénin-Beaumont', publicKind: 'youth', expected: 10, present: 9, firstTime: 3 }],
        },
      ],
    },
  },
];

/** Kévin found a job in May 2018 (rule `early-end`). */
const EARLY_END = { email: 'volontaire10@demo.binome.local', endsOn: '2018-05-18', reason: 'job' as EarlyEndReason, note: 'A trouvé un emploi en CDD dans la restauration.' };
/** Who has not done the PSC1 (the one who left early). */
const WITHOUT_PSC1 = 'volontaire10@demo.binome.local';

const at = (iso: string) => new Date(iso);
const dayAfter = (iso: string) => new Date(new Date(iso).getTime() + 24 * 3600_000);

export async function seedDemoProgramme(db: Kysely<Database>, count: (what: string) => void): Promise<void> {
  const hash = await hashPassword(DEMO_VOLUNTEER_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const ligue = (await trx.selectFrom('operators').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', LIGUE.toLowerCase())).executeTakeFirstOrThrow()).id;
    const edition = await trx
      .selectFrom('editions')
      .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
      .select('editions.id')
      .where('programmes.operator_id', '=', ligue)
      .where('programmes.name', '=', DEMO_EDITION1.programme)
      .where('editions.label', '=', DEMO_EDITION1.label)
      .executeTakeFirstOrThrow();
    const coordinator = await trx.selectFrom('users').select('id').where('email', '=', 'coordination@demo.binome.local').executeTakeFirstOrThrow();
    const structures = new Map<string, string>();
    const structure = async (name: string) => {
      const known = structures.get(name);
      if (known) return known;
      const row = await trx
        .selectFrom('structures')
        .select('id')
        .where('operator_id', '=', ligue)
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .executeTakeFirstOrThrow();
      structures.set(name, row.id);
      return row.id;
    };
    for (const p of MORE_PUBLIC_PARTNERS) {
      const exists = await trx
        .selectFrom('structures')
        .select('id')
        .where('operator_id', '=', ligue)
        .where((eb) => eb(eb.fn('lower', ['name']), '=', p.name.toLowerCase()))
        .executeTakeFirst();
      if (exists) continue;
      await trx.insertInto('structures').values({ operator_id: ligue, name: p.name, kind: 'public_partner', public_types: [p.type], commune_code: p.commune }).execute();
      count('structures');
    }
    const rate = await trx
      .selectFrom('indemnity_rates')
      .selectAll()
      .where('effective_from', '<=', DEMO_EDITION1.startsOn)
      .orderBy('effective_from', 'desc')
      .executeTakeFirstOrThrow();
    const missions = await trx.selectFrom('missions').select(['id', 'host_structure_id', 'first_circle_structure_id']).where('edition_id', '=', edition.id).execute();
    const missionOf = async (host: string) => {
      const hostId = await structure(host);
      return missions.find((m) => m.host_structure_id === hostId)!;
    };

    for (const binome of EDITION1_BINOMES) {
      const mission = await missionOf(binome.host);
      const volunteerIds: string[] = [];
      const applicationIds: string[] = [];
      for (const volunteer of binome.volunteers) {
        const id = await ensureVolunteer(trx, volunteer, hash, count);
        volunteerIds.push(id);
        applicationIds.push(await ensureApplication(trx, { missionId: mission.id, candidateId: id, coordinatorId: coordinator.id, ended: 'accepted', motivation: volunteer.firstName }, count));
        if (volunteer.alsoApplied) {
          const other = await missionOf(volunteer.alsoApplied.host);
          await ensureApplication(trx, { missionId: other.id, candidateId: id, coordinatorId: coordinator.id, ended: volunteer.alsoApplied.ended, motivation: volunteer.firstName }, count);
        }
      }
      const binomeId = await ensureBinome(trx, { editionId: edition.id, missionId: mission.id, coordinatorId: coordinator.id, volunteers: binome.volunteers, volunteerIds, applicationIds }, count);

      // The placement: a member of the host as its tutor (one is made if the host has none), the demo coordinator, the rate of 15 January 2018.
      if (!(await trx.selectFrom('placements').select('id').where('binome_id', '=', binomeId).executeTakeFirst())) {
        const hostTutor = await ensureHostTutor(trx, mission.host_structure_id, binome.host, hash, count);
        await trx
          .insertInto('placements')
          .values({
            binome_id: binomeId,
            mission_id: mission.id,
            host_structure_id: mission.host_structure_id,
            first_circle_structure_id: mission.first_circle_structure_id,
            operator_id: ligue,
            host_tutor_id: hostTutor,
            operator_tutor_id: coordinator.id,
            starts_on: DEMO_EDITION1.startsOn,
            ends_on: DEMO_EDITION1.endsOn,
            indemnity_rate_from: rate.effective_from,
            state_monthly_cents: rate.state_monthly_cents,
            host_monthly_cents: rate.host_min_monthly_cents,
            created_at: at('2018-01-10T10:00:00Z'),
            updated_at: at('2018-01-10T10:00:00Z'),
          })
          .execute();
        count('placements');
      }
      await ensureFollowUp(trx, { binomeId, volunteers: binome.volunteers, volunteerIds, coordinatorId: coordinator.id }, count);
      await ensureProject(trx, { editionId: edition.id, binomeId, binome, volunteerIds, coordinatorId: coordinator.id, structure }, count);
    }
    // The check-ins: Carvin's tutor in March with the binôme, Auchel's in April with its minor volunteer.
    for (const [host, seat, heldOn, note] of [
      ['Service Culturel de Carvin', null, '2018-03-20', 'Point à deux mois : le groupe de spectateurs prend, les partenaires suivent. Prévoir le minibus pour avril.'],
      ['Service Culturel d’Auchel', 2, '2018-04-10', 'Romain prend confiance dans l’animation des rencontres ; l’autorisation parentale couvre les sorties du soir.'],
    ] as const) {
      const placement = await trx
        .selectFrom('placements')
        .innerJoin('missions', 'missions.id', 'placements.mission_id')
        .select(['placements.binome_id', 'placements.host_tutor_id'])
        .where('missions.edition_id', '=', edition.id)
        .where('placements.host_structure_id', '=', await structure(host))
        .executeTakeFirstOrThrow();
      if (await trx.selectFrom('tutor_checkins').select('id').where('binome_id', '=', placement.binome_id).where('held_on', '=', heldOn).executeTakeFirst()) continue;
      const member =
        seat === null
          ? null
          : (await trx.selectFrom('binome_members').select('candidate_id').where('binome_id', '=', placement.binome_id).where('seat', '=', seat).executeTakeFirstOrThrow()).candidate_id;
      await trx
        .insertInto('tutor_checkins')
        .values({ binome_id: placement.binome_id, candidate_id: member, held_on: heldOn, note, author_id: placement.host_tutor_id, created_at: at(`${heldOn}T16:00:00Z`) })
        .execute();
      count('check-ins');
    }
  });
}

async function ensureVolunteer(trx: Trx, volunteer: Volunteer, hash: string, count: (what: string) => void): Promise<string> {
  let user = await trx.selectFrom('users').select('id').where('email', '=', volunteer.email).executeTakeFirst();
  if (!user) {
    user = await trx
      .insertInto('users')
      .values({ email: volunteer.email, password_hash: hash, role: 'candidate', full_name: `${volunteer.firstName} ${volunteer.lastName}`, created_at: at('2017-11-02T10:00:00Z') })
      .returning('id')
      .executeTakeFirstOrThrow();
    count('accounts');
  }
  if (!(await trx.selectFrom('candidate_profiles').select('user_id').where('user_id', '=', user.id).executeTakeFirst())) {
    await trx
      .insertInto('candidate_profiles')
      .values({
        user_id: user.id,
        first_name: volunteer.firstName,
        last_name: volunteer.lastName,
        birth_date: volunteer.birthDate,
        commune_code: volunteer.commune,
        public_transport: true,
        interests: ['theatre', 'museums'],
        presentation: `${volunteer.firstName} : faire partager la culture près de chez moi.`,
        nationality: 'french',
        earlier_service_civique: 'none',
        statement_sworn_at: at('2017-11-02T10:00:00Z'),
      })
      .execute();
    count('profiles');
  }
  return user.id;
}

/**
 * An application of November 2017 and its history: submitted, reviewed, interviewed, then offered
 * and accepted; refused after the review; or shortlisted and made obsolete by the placement.
 */
async function ensureApplication(
  trx: Trx,
  input: { missionId: string; candidateId: string; coordinatorId: string; ended: 'accepted' | 'refused' | 'obsolete'; motivation: string },
  count: (what: string) => void,
): Promise<string> {
  const existing = await trx.selectFrom('applications').select('id').where('candidate_id', '=', input.candidateId).where('mission_id', '=', input.missionId).executeTakeFirst();
  if (existing) return existing.id;
  const submitted = at('2017-11-20T10:00:00Z');
  const moves: [string, string | null, string, Date, 'candidate' | 'coordinator' | 'system'][] =
    input.ended === 'accepted'
      ? [
          ['submit', null, 'submitted', submitted, 'candidate'],
          ['review', 'submitted', 'in_review', at('2017-11-27T09:00:00Z'), 'coordinator'],
          ['invite to an interview', 'in_review', 'interview', at('2017-12-04T09:00:00Z'), 'coordinator'],
          ['offer a place to', 'interview', 'offered', at('2018-01-08T09:00:00Z'), 'coordinator'],
          ['accept', 'offered', 'accepted', at('2018-01-10T09:00:00Z'), 'candidate'],
        ]
      : input.ended === 'refused'
        ? [
            ['submit', null, 'submitted', submitted, 'candidate'],
            ['review', 'submitted', 'in_review', at('2017-11-27T09:00:00Z'), 'coordinator'],
            ['refuse', 'in_review', 'refused', at('2017-12-04T09:00:00Z'), 'coordinator'],
          ]
        : [
            ['submit', null, 'submitted', submitted, 'candidate'],
            ['shortlist', 'submitted', 'shortlisted', at('2017-11-27T09:00:00Z'), 'coordinator'],
            ['make obsolete', 'shortlisted', 'obsolete', at('2018-01-10T09:00:00Z'), 'system'],
          ];
  const last = moves[moves.length - 1]!;
  const { id } = await trx
    .insertInto('applications')
    .values({
      mission_id: input.missionId,
      candidate_id: input.candidateId,
      motivation: `${input.motivation} : je souhaite faire découvrir la culture aux habitants de mon territoire.`,
      status: input.ended,
      created_at: submitted,
      updated_at: last[3],
      status_changed_at: last[3],
      ...(input.ended === 'refused' ? { refusal_reason: 'profile-mismatch' as const } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('status_transitions')
    .values(
      moves.map(([transition, from, to, when, role]) => ({
        entity: 'application' as const,
        entity_id: id,
        at: when,
        actor_id: role === 'candidate' ? input.candidateId : role === 'coordinator' ? input.coordinatorId : null,
        actor_role: role,
        transition,
        from_status: from,
        to_status: to,
        ...(to === 'refused' ? { reason: 'profile-mismatch' } : {}),
      })),
    )
    .execute();
  if (input.ended === 'accepted') await trx.updateTable('missions').set((eb) => ({ accepted: eb('accepted', '+', 1) })).where('id', '=', input.missionId).execute();
  count('applications');
  return id;
}

async function ensureBinome(
  trx: Trx,
  input: { editionId: string; missionId: string; coordinatorId: string; volunteers: Volunteer[]; volunteerIds: string[]; applicationIds: string[] },
  count: (what: string) => void,
): Promise<string> {
  const existing = await trx.selectFrom('binomes').select('id').where('mission_id', '=', input.missionId).where('status', '=', 'confirmed').executeTakeFirst();
  if (existing) return existing.id;
  const { id } = await trx
    .insertInto('binomes')
    .values({ edition_id: input.editionId, mission_id: input.missionId, status: 'confirmed', created_by: input.coordinatorId, created_at: at('2018-01-08T09:00:00Z'), updated_at: at('2018-01-10T10:00:00Z') })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('binome_members')
    .values(
      input.volunteers.map((volunteer, i) => ({
        binome_id: id,
        edition_id: input.editionId,
        mission_id: input.missionId,
        candidate_id: input.volunteerIds[i]!,
        application_id: input.applicationIds[i]!,
        seat: i + 1,
        joined_at: at('2018-01-08T09:00:00Z'),
        accepted_at: at('2018-01-10T09:00:00Z'),
        // Rule `minor-consent`: the parent's authorisation, recorded by the coordinator.
        ...(volunteer.parent
          ? {
              parental_consent_signed_by: volunteer.parent,
              parental_consent_signed_on: '2018-01-09',
              parental_consent_recorded_by: input.coordinatorId,
              parental_consent_recorded_at: at('2018-01-10T09:30:00Z'),
            }
          : {}),
      })),
    )
    .execute();
  count('binomes');
  return id;
}

async function ensureHostTutor(trx: Trx, hostId: string, hostName: string, hash: string, count: (what: string) => void): Promise<string> {
  const member = await trx.selectFrom('users').select('id').where('structure_id', '=', hostId).where('role', '=', 'structure_member').orderBy('created_at').executeTakeFirst();
  if (member) return member.id;
  const slug = hostName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  const { id } = await trx
    .insertInto('users')
    .values({ email: `tutorat.${slug}@demo.binome.local`, password_hash: hash, role: 'structure_member', full_name: `Tutorat ${hostName}`, structure_id: hostId })
    .returning('id')
    .executeTakeFirstOrThrow();
  count('accounts');
  return id;
}

/** The trainings (FCC for all in February–March, PSC1 for all but one) and the early end. */
async function ensureFollowUp(trx: Trx, input: { binomeId: string; volunteers: Volunteer[]; volunteerIds: string[]; coordinatorId: string }, count: (what: string) => void) {
  for (const [i, volunteer] of input.volunteers.entries()) {
    const candidateId = input.volunteerIds[i]!;
    const trainings = [
      { kind: 'fcc' as const, starts_on: i === 0 ? '2018-02-05' : '2018-03-05', ends_on: i === 0 ? '2018-02-06' : '2018-03-06', provider: 'Ligue de l’Enseignement du Pas-de-Calais' },
      ...(volunteer.email === WITHOUT_PSC1 ? [] : [{ kind: 'psc1' as const, starts_on: '2018-04-07', ends_on: '2018-04-07', provider: 'Croix-Rouge française, Lens' }]),
    ];
    for (const training of trainings) {
      const rows = await trx
        .insertInto('volunteer_trainings')
        .values({ binome_id: input.binomeId, candidate_id: candidateId, ...training, recorded_by: input.coordinatorId, recorded_at: at(`${training.ends_on}T17:00:00Z`) })
        .onConflict((oc) => oc.columns(['binome_id', 'candidate_id', 'kind']).doNothing())
        .returning('kind')
        .execute();
      if (rows.length) count('trainings');
    }
    if (volunteer.email === EARLY_END.email) {
      const rows = await trx
        .insertInto('early_ends')
        .values({
          binome_id: input.binomeId,
          candidate_id: candidateId,
          ends_on: EARLY_END.endsOn,
          asked_by: 'volunteer',
          reason: EARLY_END.reason,
          note: EARLY_END.note,
          recorded_by: input.coordinatorId,
          recorded_at: at('2018-05-14T10:00:00Z'),
        })
        .onConflict((oc) => oc.columns(['binome_id', 'candidate_id']).doNothing())
        .returning('binome_id')
        .execute();
      if (rows.length) count('early ends');
    }
  }
}

/** The binôme's project, its partners, venues and outings with their attendance, and its history (created, submitted, validated, running, done). */
async function ensureProject(
  trx: Trx,
  input: { editionId: string; binomeId: string; binome: Binome; volunteerIds: string[]; coordinatorId: string; structure: (name: string) => Promise<string> },
  count: (what: string) => void,
) {
  const { project } = input.binome;
  const [author, partnerVolunteer] = input.volunteerIds as [string, string];
  let row = await trx.selectFrom('mediation_projects').select('id').where('binome_id', '=', input.binomeId).where('title', '=', project.title).executeTakeFirst();
  if (row) return;
  row = await trx
    .insertInto('mediation_projects')
    .values({
      binome_id: input.binomeId,
      edition_id: input.editionId,
      title: project.title,
      aim: project.aim,
      starts_on: '2018-02-01',
      ends_on: '2018-06-30',
      status: 'done',
      version: 5,
      created_by: author,
      created_at: at('2018-01-26T10:00:00Z'),
      updated_at: at('2018-07-02T10:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const projectId = row.id;
  count('projects');
  const history: [string, string | null, string, string, string, 'candidate' | 'coordinator'][] = [
    ['create', null, 'draft', '2018-01-26T10:00:00Z', author, 'candidate'],
    ['submit', 'draft', 'submitted', '2018-01-30T10:00:00Z', partnerVolunteer, 'candidate'],
    ['validate', 'submitted', 'validated', '2018-02-01T10:00:00Z', input.coordinatorId, 'coordinator'],
    ['start', 'validated', 'running', '2018-02-05T10:00:00Z', input.coordinatorId, 'coordinator'],
    ['finish', 'running', 'done', '2018-07-02T10:00:00Z', input.coordinatorId, 'coordinator'],
  ];
  await trx
    .insertInto('status_transitions')
    .values(
      history.map(([transition, from, to, when, actor, role]) => ({
        entity: 'project' as const,
        entity_id: projectId,
        at: at(when),
        actor_id: actor,
        actor_role: role,
        transition,
        from_status: from,
        to_status: to,
      })),
    )
    .execute();
  await trx
    .insertInto('project_partners')
    .values(await Promise.all(project.partners.map(async (p) => ({ project_id: projectId, structure_id: await input.structure(p.name), publics: p.publics }))))
    .execute();
  const venues = new Map<string, 'host' | 'first_circle' | 'other'>([
    [input.binome.host, 'host'],
    [input.binome.firstCircle, 'first_circle'],
  ]);
  for (const o of project.outings) if (!venues.has(o.venue)) venues.set(o.venue, 'other');
  await trx
    .insertInto('project_venues')
    .values(await Promise.all([...venues].map(async ([name, role]) => ({ project_id: projectId, structure_id: await input.structure(name), role }))))
    .execute();

  for (const o of project.outings) {
    const outing = await trx
      .insertInto('outings')
      .values({
        project_id: projectId,
        starts_at: at(o.startsAt),
        ends_at: at(o.endsAt),
        venue_structure_id: await input.structure(o.venue),
        what_kind: o.kind,
        what_title: o.title,
        transport: o.transport,
        driver_name: o.driver ?? null,
        account: o.account,
        attendance_recorded_at: dayAfter(o.endsAt),
        attendance_recorded_by: author,
        version: 2,
        created_by: author,
        created_at: at('2018-02-02T10:00:00Z'),
        updated_at: dayAfter(o.endsAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    count('outings');
    await trx
      .insertInto('outing_groups')
      .values(
        await Promise.all(
          o.groups.map(async (g) => ({
            outing_id: outing.id,
            structure_id: await input.structure(g.partner),
            public_kind: g.publicKind,
            expected: g.expected,
            walk_ins: g.walkIns ?? 0,
            present: g.present,
            first_time: g.firstTime,
          })),
        ),
      )
      .execute();
    // Both volunteers go, except the one who left in May after it.
    const early = o.startsAt.slice(0, 10) > EARLY_END.endsOn;
    const going = input.binome.volunteers.map((vol, i) => [vol, input.volunteerIds[i]!] as const).filter(([vol]) => !(early && vol.email === EARLY_END.email));
    await trx
      .insertInto('outing_volunteers')
      .values(going.map(([, id]) => ({ outing_id: outing.id, candidate_id: id })))
      .execute();
  }
}
