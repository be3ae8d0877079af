import t from 'tap';
import { setup } from '../../helpers/app.js';
import { signedIn } from '../../helpers/factories.js';

/** The candidate profile (whole, complete), and the disability record kept apart and audited. */
const ctx = await setup(t);
const candidate = await signedIn(ctx, 'candidate');
const token = candidate.accessToken;

const profile = {
  firstName: 'Inès',
  lastName: 'Benali',
  birthDate: '2004-05-12',
  communeCode: '62510',
  phone: '06 12 34 56 78',
  mobility: { drivingLicence: true, car: false, publicTransport: true },
  interests: ['theatre', 'museums', 'urban-cultures'],
  availableFrom: '2027-01-04',
  presentation: 'Étudiante en médiation culturelle, bénévole au festival de Liévin.',
  nationality: 'french',
  earlierServiceCivique: 'none',
  swornStatement: true,
  stayInPool: true,
};

t.test('GET /me/profile is a 404 until the candidate writes one', async (t) => {
  const res = await ctx.call('GET', '/me/profile', { token });
  t.equal(res.statusCode, 404);
  t.equal(res.json().detail, 'Pas encore de profil : rédigez-le dans « Mon profil ».', 'French: the page a person fills it in');
  const english = await ctx.call('GET', '/me/profile', { token, headers: { 'accept-language': 'en' } });
  t.match(english.json().detail, /PUT \/me\/profile/, 'English, for the API’s developers: the route');
});

t.test('PUT /me/profile creates (201), then replaces (200); the e-mail comes from the account', async (t) => {
  const created = await ctx.call('PUT', '/me/profile', { token, body: profile });
  t.equal(created.statusCode, 201, created.body);
  t.match(created.json(), {
    userId: candidate.user.id,
    email: candidate.user.email,
    firstName: 'Inès',
    commune: { code: '62510', name: 'Liévin' },
    mobility: { drivingLicence: true, car: false, publicTransport: true },
    interests: ['theatre', 'museums', 'urban-cultures'],
    nationality: 'french',
    stayInPool: true,
  });
  const replaced = await ctx.call('PUT', '/me/profile', { token, body: { ...profile, phone: null, interests: [] } });
  t.equal(replaced.statusCode, 200);
  t.same(replaced.json().interests, []);
  t.equal(replaced.json().phone, null);
  const read = await ctx.call('GET', '/me/profile', { token });
  t.equal(read.json().firstName, 'Inès');
  const audit = await ctx.db.selectFrom('audit_events').select(['action', 'after']).where('entity_id', '=', candidate.user.id).orderBy('at').execute();
  t.same(
    audit.map((a) => a.action),
    ['candidate.profile-created', 'candidate.profile-updated'],
  );
  t.equal(audit[0]!.after, null, 'the audit records the change, not a copy of the personal data');
});

t.test('bad profiles are refused field by field, and nothing is written', async (t) => {
  const before = await ctx.call('GET', '/me/profile', { token });
  const cases: [Record<string, unknown>, string, number][] = [
    [{ ...profile, interests: ['knitting'] }, 'interests.0', 400],
    [{ ...profile, interests: ['theatre', 'theatre'] }, 'interests', 400],
    [{ ...profile, nationality: 'martian' }, 'nationality', 400],
    [{ ...profile, swornStatement: false }, 'swornStatement', 400],
    [{ ...profile, birthDate: '2004-02-30' }, 'birthDate', 400],
    [{ ...profile, phone: 'call me' }, 'phone', 400],
    [{ ...profile, communeCode: '99999' }, 'communeCode', 422],
    [{ ...profile, birthDate: '2090-01-01' }, 'birthDate', 422],
    [{ ...profile, disability: true }, '', 400],
  ];
  for (const [body, path, status] of cases) {
    const res = await ctx.call('PUT', '/me/profile', { token, body });
    t.equal(res.statusCode, status, `${path}: ${res.body}`);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    if (path) t.ok(res.json().errors.some((e: { path: string }) => e.path === path), `names ${path}`);
  }
  const { firstName, lastName } = profile;
  const missing = await ctx.call('PUT', '/me/profile', { token, body: { firstName, lastName } });
  t.equal(missing.statusCode, 400, 'PUT needs the whole profile');
  t.same((await ctx.call('GET', '/me/profile', { token })).json(), before.json(), 'nothing changed');
});

t.test('only candidates have a profile or a disability record', async (t) => {
  const coordinator = await signedIn(ctx, 'coordinator');
  for (const [method, url] of [
    ['GET', '/me/profile'],
    ['PUT', '/me/profile'],
    ['GET', '/me/disability'],
    ['PUT', '/me/disability'],
    ['DELETE', '/me/disability'],
  ] as const) {
    const res = await ctx.call(method, url, { token: coordinator.accessToken, body: method === 'PUT' ? {} : undefined });
    t.equal(res.statusCode, 403, `${method} ${url}`);
    t.equal((await ctx.call(method, url)).statusCode, 401, `${method} ${url} anonymous`);
  }
});

t.test('disability: only with explicit consent, only yes/no, every read audited, erased on withdrawal', async (t) => {
  const noConsent = await ctx.call('PUT', '/me/disability', { token, body: { recognised: true } });
  t.equal(noConsent.statusCode, 400);
  t.ok(noConsent.json().errors.some((e: { path: string }) => e.path === 'consent'));
  const extra = await ctx.call('PUT', '/me/disability', { token, body: { recognised: true, consent: true, kind: 'motor' } });
  t.equal(extra.statusCode, 400, 'nothing more than yes/no is accepted');
  t.equal((await ctx.call('GET', '/me/disability', { token })).statusCode, 404);

  const saved = await ctx.call('PUT', '/me/disability', { token, body: { recognised: true, consent: true } });
  t.equal(saved.statusCode, 200);
  t.equal(saved.json().recognised, true);
  const stored = await ctx.db.selectFrom('candidate_disabilities').selectAll().where('user_id', '=', candidate.user.id).executeTakeFirstOrThrow();
  t.equal(stored.recognised, true);

  const reads = async () =>
    (await ctx.db.selectFrom('audit_events').select('after').where('action', '=', 'disability.read').where('entity_id', '=', candidate.user.id).execute()).length;
  const before = await reads();
  t.equal((await ctx.call('GET', '/me/disability', { token })).json().recognised, true);
  t.equal((await ctx.call('GET', '/me/disability', { token })).statusCode, 200);
  t.equal(await reads(), before + 2, 'each read is audited');
  const recorded = await ctx.db.selectFrom('audit_events').select('after').where('action', '=', 'disability.recorded').executeTakeFirstOrThrow();
  t.notMatch(JSON.stringify(recorded.after), /recognised/, 'the audit trail holds no copy of the health data');

  t.equal((await ctx.call('DELETE', '/me/disability', { token })).statusCode, 204);
  t.equal(await ctx.db.selectFrom('candidate_disabilities').select('user_id').where('user_id', '=', candidate.user.id).executeTakeFirst(), undefined);
  t.equal((await ctx.call('DELETE', '/me/disability', { token })).statusCode, 404);
});
