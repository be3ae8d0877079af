import t, { type Test } from 'tap';
import { setup } from '../helpers/app.js';
import { createProfile, createUser } from '../helpers/factories.js';
import { textOf, Visitor } from './helpers.js';

const ctx = await setup(t);

async function candidate(fullName?: string) {
  const user = await createUser(ctx.db, 'candidate', fullName ? { fullName } : {});
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  return { user, visitor };
}

const profileRow = (userId: string) => ctx.db.selectFrom('candidate_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();

/** The error shown beside a field (Field's and Choices' markup). */
function errorBeside(html: string, name: string): string | undefined {
  const match = new RegExp(`<p class="field-error" id="champ-${name}-erreur">(.*?)</p>`, 's').exec(html);
  return match ? textOf(match[1]!).replace(/^Erreur : /, '') : undefined;
}

/** Goes through one step: the page shows, the form is posted, the next page is named. */
async function step(t: Test, visitor: Visitor, slug: string, form: Record<string, string | string[]>, next: string) {
  const page = await visitor.get(`/mon-profil/${slug}`);
  t.equal(page.statusCode, 200, `${slug}: the page`);
  const res = await visitor.post(`/mon-profil/${slug}`, form);
  t.equal(res.statusCode, 303, `${slug}: saved`);
  t.equal(res.headers.location, next, `${slug}: then ${next}`);
  return res;
}

t.test('the profile in eight steps: each saved, the next shown', async (t) => {
  const { user, visitor } = await candidate();
  const summary = await visitor.get('/mon-profil');
  t.equal(summary.statusCode, 200);
  t.match(textOf(summary.body), 'Commencer mon profil');
  t.match(summary.body, 'aria-current="page"', 'the menu entry');

  const first = await visitor.get('/mon-profil/identite');
  t.match(textOf(first.body), 'Étape 1 sur 8');
  t.match(first.body, '<progress');
  await step(t, visitor, 'identite', { firstName: 'Léa', lastName: 'Dupont', birthDate: '2005-04-02', phone: '06 12 34 56 78' }, '/mon-profil/commune');
  t.notOk(await profileRow(user.id), 'nothing stored before the statements');
  const commune = await visitor.get('/mon-profil/commune');
  t.match(textOf(commune.body), 'Étape 2 sur 8');
  // Lens's postal code names two communes: the page asks which.
  const ambiguous = await visitor.post('/mon-profil/commune', { commune: '62300' });
  t.equal(ambiguous.statusCode, 200);
  t.match(ambiguous.body, '<legend>Plusieurs communes correspondent');
  t.match(ambiguous.body, 'value="62498"');
  t.match(ambiguous.body, 'value="62300"', 'what was typed is kept');
  const chosen = await visitor.post('/mon-profil/commune', { commune: '62300', communeCode: '62498' });
  t.equal(chosen.statusCode, 303);
  t.equal(chosen.headers.location, '/mon-profil/nationalite');
  // Back to the identity step: it comes back filled from the draft.
  const back = await visitor.get('/mon-profil/identite');
  t.match(back.body, 'value="Léa"');
  t.match(back.body, 'value="2005-04-02"');
  const communeAgain = await visitor.get('/mon-profil/commune');
  t.match(communeAgain.body, 'value="Lens"');

  await step(t, visitor, 'nationalite', { nationality: 'french', swornStatement: 'true' }, '/mon-profil/service-civique');
  t.notOk(await profileRow(user.id), 'still nothing stored');
  await step(t, visitor, 'service-civique', { earlierServiceCivique: 'none', swornStatement: 'true' }, '/mon-profil/mobilite');
  const created = await profileRow(user.id);
  t.ok(created, 'the fourth step creates the profile');
  t.match(created, { first_name: 'Léa', last_name: 'Dupont', birth_date: '2005-04-02', phone: '06 12 34 56 78', commune_code: '62498', nationality: 'french', earlier_service_civique: 'none' });
  t.notOk(visitor.cookies.has('binome_profil'), 'the draft is dropped');

  const mobility = await visitor.get('/mon-profil/mobilite');
  t.match(textOf(mobility.body), 'Étape 5 sur 8');
  t.match(mobility.body, '<legend>Comment pouvez-vous vous déplacer ?</legend>');
  await step(t, visitor, 'mobilite', { drivingLicence: 'true', publicTransport: 'true' }, '/mon-profil/centres-d-interet');
  await step(t, visitor, 'centres-d-interet', { interests: ['theatre', 'music'] }, '/mon-profil/disponibilites');
  await step(t, visitor, 'disponibilites', { availableFrom: '2027-09-01', stayInPool: 'true' }, '/mon-profil/presentation');
  await step(t, visitor, 'presentation', { presentation: 'J’aime le théâtre\net la musique.' }, '/mon-profil?enregistre=1');

  const row = (await profileRow(user.id))!;
  t.match(row, { driving_licence: true, has_car: false, public_transport: true, interests: ['theatre', 'music'], available_from: '2027-09-01', stay_in_pool: true, presentation: 'J’aime le théâtre\net la musique.' });
  t.same(row.statement_sworn_at, created!.statement_sworn_at, 'the statement keeps its date when other steps are saved');
  const done = await visitor.get('/mon-profil?enregistre=1');
  const text = textOf(done.body);
  t.match(text, 'Votre profil est enregistré');
  t.match(text, 'Léa Dupont');
  t.match(text, 'Lens');
  t.match(text, 'Théâtre, Musique');
  t.match(text, 'À partir du mercredi 1er septembre 2027');
  // A step of an existing profile comes back filled.
  const interests = await visitor.get('/mon-profil/centres-d-interet');
  t.match(interests.body, /value="theatre" checked/);
  t.notMatch(interests.body, /value="cinema" checked/);
});

t.test('the commune: suggestions as one types, a suggestion or a name taken', async (t) => {
  const { visitor } = await candidate();
  const page = await visitor.get('/mon-profil/commune');
  t.match(page.body, 'list="communes-suggestions"');
  t.match(page.body, 'hx-get="/mon-profil/communes"');
  const byName = await visitor.get('/mon-profil/communes?commune=li%C3%A9vin', { 'hx-request': 'true' });
  t.equal(byName.statusCode, 200);
  t.match(byName.body, '<option value="Liévin (62800)">');
  t.notMatch(byName.body, '<html', 'a fragment');
  const byPostalCode = await visitor.get('/mon-profil/communes?commune=62300');
  t.match(byPostalCode.body, 'value="Lens (62300)"');
  t.match(byPostalCode.body, 'value="Éleu-dit-Leauwette (62300)"');
  t.equal((await visitor.get('/mon-profil/communes?commune=%25')).body, '', 'nothing for punctuation');
  t.equal((await visitor.get('/mon-profil/communes')).body, '');

  await visitor.get('/mon-profil/identite');
  await visitor.post('/mon-profil/identite', { firstName: 'Léa', lastName: 'Dupont', birthDate: '2005-04-02' });
  const suggestion = await visitor.post('/mon-profil/commune', { commune: 'Liévin (62800)' });
  t.equal(suggestion.statusCode, 303, 'a suggestion names one commune');
  t.match((await visitor.get('/mon-profil/commune')).body, 'value="Liévin"');
  const insee = await visitor.post('/mon-profil/commune', { commune: '62498' });
  t.equal(insee.statusCode, 303, 'an INSEE code typed for a postal code');
  t.match((await visitor.get('/mon-profil/commune')).body, 'value="Lens"');
  const name = await visitor.post('/mon-profil/commune', { commune: 'liévin' });
  t.equal(name.statusCode, 303, 'a name that only one commune has exactly');
  t.match((await visitor.get('/mon-profil/commune')).body, 'value="Liévin"');
  const wrongChoice = await visitor.post('/mon-profil/commune', { commune: '62300', communeCode: '62510' });
  t.equal(wrongChoice.statusCode, 422, 'a choice that is not among the communes of the code');
  t.ok(errorBeside(wrongChoice.body, 'communeCode'));
});

t.test('the optional steps wait for the profile; the fourth sends back to a missing one', async (t) => {
  const { user, visitor } = await candidate();
  const early = await visitor.get('/mon-profil/presentation');
  t.equal(early.statusCode, 302);
  t.equal(early.headers.location, '/mon-profil/identite');
  await visitor.get('/mon-profil/service-civique');
  const res = await visitor.post('/mon-profil/service-civique', { earlierServiceCivique: 'none', swornStatement: 'true' });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/mon-profil/identite');
  t.notOk(await profileRow(user.id));
  t.equal((await visitor.get('/mon-profil/nimporte-quoi')).statusCode, 404);
});

t.test('a refused step comes back filled, the error beside its field', async (t) => {
  const { user, visitor } = await candidate();
  await visitor.get('/mon-profil/identite');
  const bad = await visitor.post('/mon-profil/identite', { firstName: 'Léa', lastName: '', birthDate: '02/04/2005', phone: 'pas un numéro' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, '<title>Erreur : Identité');
  t.match(bad.body, 'value="Léa"', 'what was typed is kept');
  t.match(bad.body, 'value="02/04/2005"');
  t.match(bad.body, 'value="pas un numéro"');
  t.ok(errorBeside(bad.body, 'lastName'), 'beside the last name');
  t.ok(errorBeside(bad.body, 'birthDate'), 'beside the birth date');
  t.ok(errorBeside(bad.body, 'phone'), 'beside the phone');
  t.match(bad.body, 'aria-invalid="true"');
  t.match(bad.body, 'aria-describedby="champ-phone-aide champ-phone-erreur"');
  t.match(bad.body, 'class="error-summary"');

  const unknown = await visitor.post('/mon-profil/commune', { commune: 'Zzzyxville' });
  t.equal(unknown.statusCode, 422);
  t.match(unknown.body, 'value="Zzzyxville"');
  t.ok(errorBeside(unknown.body, 'commune'));

  const unsworn = await visitor.post('/mon-profil/nationalite', { nationality: 'eu-eea-swiss' });
  t.equal(unsworn.statusCode, 400);
  t.match(unsworn.body, /value="eu-eea-swiss" checked/, 'the choice is kept');
  t.ok(errorBeside(unsworn.body, 'swornStatement'), 'the statement must be certified');

  // A birth date in the future: the service refuses it when the profile is created, on the identity step.
  await visitor.post('/mon-profil/identite', { firstName: 'Léa', lastName: 'Dupont', birthDate: '2090-01-01' });
  await visitor.post('/mon-profil/commune', { commune: 'Liévin' });
  await visitor.post('/mon-profil/nationalite', { nationality: 'french', swornStatement: 'true' });
  const future = await visitor.post('/mon-profil/service-civique', { earlierServiceCivique: 'none', swornStatement: 'true' });
  t.equal(future.statusCode, 422);
  t.match(future.body, 'action="/mon-profil/identite"', 'the identity step is shown');
  t.match(future.body, 'value="2090-01-01"');
  t.ok(errorBeside(future.body, 'birthDate'));
  t.notOk(await profileRow(user.id));

  // With a profile, a step is checked by the service at once.
  await createProfile(ctx.db, user.id);
  const stored = await visitor.post('/mon-profil/identite', { firstName: 'Léa', lastName: 'Dupont', birthDate: '2090-01-01' });
  t.equal(stored.statusCode, 422);
  t.ok(errorBeside(stored.body, 'birthDate'));
  const tooLong = await visitor.post('/mon-profil/presentation', { presentation: 'x'.repeat(2001) });
  t.equal(tooLong.statusCode, 400);
  t.ok(errorBeside(tooLong.body, 'presentation'));
  t.match(tooLong.body, `>${'x'.repeat(2001)}</textarea>`, 'the text is kept');
});

t.test('changing a statement asks for it again and dates it anew', async (t) => {
  const { user, visitor } = await candidate();
  await createProfile(ctx.db, user.id);
  await ctx.db.updateTable('candidate_profiles').set({ statement_sworn_at: new Date('2026-01-01T10:00:00Z') }).where('user_id', '=', user.id).execute();
  await visitor.get('/mon-profil/identite');
  await visitor.post('/mon-profil/identite', { firstName: 'Camille', lastName: 'Nouveau', birthDate: '2005-03-10' });
  t.same((await profileRow(user.id))!.statement_sworn_at, new Date('2026-01-01T10:00:00Z'), 'another step keeps the date');
  const res = await visitor.post('/mon-profil/nationalite', { nationality: 'residence-permit', swornStatement: 'true' });
  t.equal(res.statusCode, 303);
  const row = (await profileRow(user.id))!;
  t.equal(row.nationality, 'residence-permit');
  t.ok(row.statement_sworn_at > new Date('2026-06-01'), 'dated now');
});

t.test('the disability question: recorded only with consent, erased on request', async (t) => {
  const { user, visitor } = await candidate();
  const page = await visitor.get('/mon-profil/handicap');
  t.equal(page.statusCode, 200);
  const text = textOf(page.body);
  t.match(text, '30 ans');
  t.match(text, 'facultatif');
  t.match(text, 'jamais montrée aux structures');
  t.match(text, 'Combien de temps');
  t.match(text, 'Effacer ma réponse');
  t.match(page.body, '<legend>Un handicap vous est-il reconnu ?');

  const refused = await visitor.post('/mon-profil/handicap', { recognised: 'true' });
  t.equal(refused.statusCode, 400);
  t.ok(errorBeside(refused.body, 'consent'), 'the consent is asked for');
  t.match(refused.body, /value="true" checked/, 'the answer is kept');
  t.notOk(await ctx.db.selectFrom('candidate_disabilities').selectAll().where('user_id', '=', user.id).executeTakeFirst(), 'nothing recorded');

  const saved = await visitor.post('/mon-profil/handicap', { recognised: 'true', consent: 'true' });
  t.equal(saved.statusCode, 303);
  t.match(await ctx.db.selectFrom('candidate_disabilities').selectAll().where('user_id', '=', user.id).executeTakeFirst(), { recognised: true });
  const shown = await visitor.get('/mon-profil/handicap?enregistre=1');
  t.match(textOf(shown.body), 'Un handicap vous est reconnu.');

  const confirm = await visitor.get('/mon-profil/handicap/effacer');
  t.equal(confirm.statusCode, 200);
  t.match(textOf(confirm.body), 'Oui, effacer ma réponse');
  const erased = await visitor.post('/mon-profil/handicap/effacer', {});
  t.equal(erased.statusCode, 303);
  t.equal(erased.headers.location, '/mon-profil/handicap?efface=1');
  t.notOk(await ctx.db.selectFrom('candidate_disabilities').selectAll().where('user_id', '=', user.id).executeTakeFirst(), 'erased');
  t.match(textOf((await visitor.get('/mon-profil/handicap?efface=1')).body), 'Votre réponse est effacée');
  const audit = await ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', user.id).where('action', 'like', 'disability.%').execute();
  t.ok(audit.some((a) => a.action === 'disability.erased'));
  t.equal((await visitor.post('/mon-profil/handicap/effacer', {})).statusCode, 303, 'erasing nothing is no error');
});

t.test('CSRF: a step without the token is refused and saves nothing', async (t) => {
  const { user, visitor } = await candidate();
  await createProfile(ctx.db, user.id, { firstName: 'Avant' });
  await visitor.get('/mon-profil/identite');
  const res = await visitor.post('/mon-profil/identite', { firstName: 'Après', lastName: 'X', birthDate: '2005-03-10' }, { csrf: false });
  t.equal(res.statusCode, 403);
  t.match(textOf(res.body), 'La page a expiré');
  const forged = await visitor.post('/mon-profil/handicap', { recognised: 'true', consent: 'true' }, { csrf: 'forged' });
  t.equal(forged.statusCode, 403);
  t.equal((await profileRow(user.id))!.first_name, 'Avant');
  t.notOk(await ctx.db.selectFrom('candidate_disabilities').selectAll().where('user_id', '=', user.id).executeTakeFirst());
});

t.test('only candidates; anonymous visitors go to the sign-in page', async (t) => {
  for (const role of ['structure_member', 'coordinator', 'admin'] as const) {
    const user = await createUser(ctx.db, role);
    const visitor = new Visitor(ctx);
    await visitor.signIn(user.email);
    for (const url of ['/mon-profil', '/mon-profil/identite', '/mon-profil/handicap']) t.equal((await visitor.get(url)).statusCode, 403, `${role} ${url}`);
    t.equal((await visitor.post('/mon-profil/identite', { firstName: 'X', lastName: 'Y', birthDate: '2005-01-01' })).statusCode, 403);
    t.notMatch((await visitor.get('/')).body, 'href="/mon-profil"', `${role}: no menu entry`);
  }
  const anonymous = await new Visitor(ctx).get('/mon-profil/commune');
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, '/connexion?next=%2Fmon-profil%2Fcommune');
});

t.test('the draft is encrypted and belongs to the account that wrote it', async (t) => {
  const { user, visitor } = await candidate();
  await visitor.get('/mon-profil/identite');
  await visitor.post('/mon-profil/identite', { firstName: 'Secrète', lastName: 'Dupont', birthDate: '2005-04-02' });
  const draft = visitor.cookies.get('binome_profil');
  t.ok(draft, 'a draft cookie');
  t.notMatch(Buffer.from(draft!, 'base64url').toString('latin1'), 'Secr', 'encrypted');
  // Someone else signs in on the same browser: the draft is not theirs.
  const other = await createUser(ctx.db, 'candidate');
  await visitor.signIn(other.email);
  t.ok(visitor.cookies.has('binome_profil'));
  const page = await visitor.get('/mon-profil/identite');
  t.notMatch(page.body, 'Secrète');
  // Its owner finds it again in a new session.
  await visitor.signIn(user.email);
  t.match((await visitor.get('/mon-profil/identite')).body, 'value="Secrète"');
  // A tampered cookie is ignored.
  visitor.cookies.set('binome_profil', `${draft!.slice(0, -4)}AAAA`);
  t.equal((await visitor.get('/mon-profil/identite')).statusCode, 200);
  t.notOk(await profileRow(user.id));
});

t.test('hostile text stays text', async (t) => {
  const { user, visitor } = await candidate('<script>alert("nom")</script>');
  await createProfile(ctx.db, user.id);
  const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  await visitor.get('/mon-profil/presentation');
  t.equal((await visitor.post('/mon-profil/presentation', { presentation: hostile })).statusCode, 303);
  await visitor.post('/mon-profil/identite', { firstName: hostile, lastName: 'Dupont', birthDate: '2005-03-10' });
  for (const url of ['/mon-profil', '/mon-profil/presentation', '/mon-profil/identite']) {
    const page = await visitor.get(url);
    t.notMatch(page.body, '<script>alert', url);
    t.notMatch(page.body, '<img src=x', url);
  }
  t.match(textOf((await visitor.get('/mon-profil')).body), hostile, 'shown as typed');
  const refused = await visitor.post('/mon-profil/commune', { commune: '"><script>alert(3)</script>' });
  t.notMatch(refused.body, '<script>alert(3)');
});
