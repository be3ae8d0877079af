import t from 'tap';
import { setup } from '../helpers/app.js';
import { createEdition, createOperator, createProfile, createUser } from '../helpers/factories.js';
import { createInfoRegistration, createInfoSession } from '../helpers/info-sessions-factories.js';
import { textOf, Visitor } from './helpers.js';

/** The pages of information meetings: the public list, registration, the cancel link; the staff's sessions. */
const ctx = await setup(t);
const HOUR = 3_600_000;
let address = 0;
const visitor = () => new Visitor(ctx, `10.2.${Math.floor(++address / 250)}.${address % 250}`);
const form = (over: Record<string, string> = {}) => ({ fullName: 'Inès Kaci', email: `ines.${++address}@example.fr`, ageBracket: '18-21', consentContact: 'true', ...over });

const operator = await createOperator(ctx.db, { name: 'Unis-Cité <Hauts-de-France>' });
const edition = await createEdition(ctx.db, { operatorId: operator.id });
const coordinator = await createUser(ctx.db, 'coordinator', { operatorId: operator.id });

t.test('the public list: upcoming sessions by programme, places left or full, escaped; a link from the home page', async (t) => {
  const open = await createInfoSession(ctx.db, { editionId: edition.id, venue: 'Salle <b>Léo</b>', capacity: 3 });
  const full = await createInfoSession(ctx.db, { editionId: edition.id, capacity: 1, communeCode: '62119' });
  await createInfoRegistration(ctx.db, { sessionId: full.id });
  const res = await visitor().get('/reunions-d-information');
  t.equal(res.statusCode, 200);
  t.notMatch(res.body, '<b>Léo</b>', 'a venue is text');
  t.match(res.body, 'Salle &lt;b>Léo&lt;/b>');
  t.match(res.body, 'Unis-Cité &lt;Hauts-de-France>');
  const text = textOf(res.body);
  t.match(text, '3 places restantes');
  t.match(text, 'Complet — liste d’attente');
  t.match(text, 'Béthune');
  t.match(res.body, `href="/reunions-d-information/${open.id}"`);
  t.match((await visitor().get('/')).body, 'href="/reunions-d-information"', 'the home page links to it');
});

t.test('registering without an account: errors beside their fields with what was typed kept; then the confirmation', async (t) => {
  const session = await createInfoSession(ctx.db, { editionId: edition.id, capacity: 1 });
  const v = visitor();
  const page = await v.get(`/reunions-d-information/${session.id}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, 'name="fullName"');
  const wrong = await v.post(`/reunions-d-information/${session.id}`, form({ fullName: 'Inès <Kaci>', email: 'pas-une-adresse', consentContact: '' }));
  t.equal(wrong.statusCode, 400);
  t.match(wrong.body, /id="champ-email-erreur"/);
  t.match(wrong.body, /id="champ-consentContact-erreur"[^>]*>[\s\S]*?sans votre accord/);
  t.match(wrong.body, 'value="Inès &lt;Kaci>"', 'what was typed is kept, escaped');
  t.match(wrong.body, 'value="pas-une-adresse"');
  const ok = await v.post(`/reunions-d-information/${session.id}`, form({ email: 'ines.page@example.fr' }));
  t.equal(ok.statusCode, 303);
  t.equal(ok.headers.location, `/reunions-d-information/${session.id}/confirmation?statut=registered`);
  t.match(textOf((await v.get(ok.headers.location as string)).body), 'Inscription confirmée');
  const again = await v.post(`/reunions-d-information/${session.id}`, form({ email: 'INES.page@example.fr' }));
  t.equal(again.statusCode, 409);
  t.match(again.body, /id="champ-email-erreur"[^>]*>[\s\S]*?une même adresse ne s’inscrit qu’une fois par réunion/);
  const next = await v.post(`/reunions-d-information/${session.id}`, form());
  t.equal(next.headers.location, `/reunions-d-information/${session.id}/confirmation?statut=waiting&rang=1`);
  t.match(textOf((await v.get(next.headers.location as string)).body), 'en position 1 sur la liste d’attente');
});

t.test('a signed-in candidate registers in one click; staff get no form', async (t) => {
  const session = await createInfoSession(ctx.db, { editionId: edition.id });
  const candidate = await createUser(ctx.db, 'candidate');
  await createProfile(ctx.db, candidate.id, { firstName: 'Léa', lastName: 'Dumont', birthDate: '2004-05-01' });
  const v = visitor();
  await v.signIn(candidate.email);
  const page = await v.get(`/reunions-d-information/${session.id}`);
  t.match(textOf(page.body), 'Vous vous inscrivez avec votre compte : Léa Dumont');
  t.notMatch(page.body, 'name="fullName"');
  t.match(page.body, /<option value="22-25" selected/, 'the age bracket from the profile');
  const res = await v.post(`/reunions-d-information/${session.id}`, { ageBracket: '22-25', consentContact: 'true' });
  t.equal(res.statusCode, 303);
  const row = await ctx.db.selectFrom('info_registrations').selectAll().where('session_id', '=', session.id).executeTakeFirstOrThrow();
  t.match(row, { user_id: candidate.id, full_name: 'Léa Dumont', email: candidate.email });

  const staff = visitor();
  await staff.signIn(coordinator.email);
  const staffPage = await staff.get(`/reunions-d-information/${session.id}`);
  t.match(textOf(staffPage.body), 'compte d’équipe');
  t.notMatch(staffPage.body, 'name="ageBracket"');
});

t.test('a cancelled or unknown session', async (t) => {
  const cancelled = await createInfoSession(ctx.db, { editionId: edition.id, cancelledAt: new Date() });
  const page = await visitor().get(`/reunions-d-information/${cancelled.id}`);
  t.equal(page.statusCode, 200);
  t.match(textOf(page.body), 'Cette réunion est annulée');
  t.notMatch(page.body, 'name="ageBracket"');
  t.equal((await visitor().get('/reunions-d-information/pas-un-id')).statusCode, 404);
  t.equal((await visitor().get('/reunions-d-information/00000000-0000-4000-8000-000000000000')).statusCode, 404);
});

t.test('the cancel link: confirm, then cancel; a used link says so', async (t) => {
  const session = await createInfoSession(ctx.db, { editionId: edition.id, capacity: 1 });
  const reg = await createInfoRegistration(ctx.db, { sessionId: session.id, fullName: 'Noé <Petit>' });
  await createInfoRegistration(ctx.db, { sessionId: session.id, status: 'waiting', email: 'next@example.fr' });
  const v = visitor();
  const page = await v.get(`/reunions-d-information/annulation?jeton=${reg.token}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, 'Noé &lt;Petit>');
  t.match(page.body, 'Oui, annuler mon inscription');
  const done = await v.post('/reunions-d-information/annulation', { token: reg.token });
  t.equal(done.statusCode, 200);
  t.match(textOf(done.body), 'votre inscription est annulée');
  t.equal((await ctx.db.selectFrom('info_registrations').select('status').where('email', '=', 'next@example.fr').executeTakeFirstOrThrow()).status, 'registered', 'the next in line is in');
  const used = await v.get(`/reunions-d-information/annulation?jeton=${reg.token}`);
  t.equal(used.statusCode, 410);
  t.match(textOf(used.body), 'Ce lien d’annulation ne fonctionne pas');
  t.equal((await v.get('/reunions-d-information/annulation')).statusCode, 410);
});

t.test('the staff pages: coordinators and admins only; another operator’s session is not found', async (t) => {
  const anonymous = await visitor().get('/gestion/reunions');
  t.equal(anonymous.statusCode, 302);
  for (const role of ['candidate', 'structure_member'] as const) {
    const user = await createUser(ctx.db, role);
    const v = visitor();
    await v.signIn(user.email);
    t.equal((await v.get('/gestion/reunions')).statusCode, 403, `${role}: refused`);
  }
  const session = await createInfoSession(ctx.db, { editionId: edition.id });
  const stranger = await createUser(ctx.db, 'coordinator');
  const v = visitor();
  await v.signIn(stranger.email);
  t.equal((await v.get(`/gestion/reunions/${session.id}`)).statusCode, 404);
  t.notMatch((await v.get('/gestion/reunions')).body, session.id, 'not in their list');
  t.equal((await v.get(`/gestion/reunions/${session.id}/inscriptions.csv`)).statusCode, 404);
});

t.test('a coordinator plans a session (errors beside fields), sees registrations, records attendance once started, exports CSV', async (t) => {
  const v = visitor();
  await v.signIn(coordinator.email);
  const list = await v.get(`/gestion/reunions?edition=${edition.id}`);
  t.equal(list.statusCode, 200);
  const bad = await v.post('/gestion/reunions', { editionId: edition.id, day: '2030-10-17', startsAt: '16:00', endsAt: '14:00', venue: 'Médiathèque <Rimbaud>', communeCode: '62498', capacity: '12' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /id="champ-endsAt-erreur"/);
  t.match(bad.body, 'value="Médiathèque &lt;Rimbaud>"');
  const created = await v.post('/gestion/reunions', { editionId: edition.id, day: '2030-10-17', startsAt: '14:00', endsAt: '16:00', venue: 'Médiathèque', communeCode: '62498', capacity: '12' });
  t.equal(created.statusCode, 303);
  const id = /\/gestion\/reunions\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
  const page = await v.get(created.headers.location as string);
  t.match(textOf(page.body), 'La réunion est prévue.');
  t.match(page.body, 'value="14:00"');

  // A session already held, with people registered and waiting.
  const held = await createInfoSession(ctx.db, { editionId: edition.id, startsAt: new Date(Date.now() - HOUR) });
  const came = await createInfoRegistration(ctx.db, { sessionId: held.id, fullName: 'Yanis <Morel>', email: 'yanis@example.fr' });
  const absent = await createInfoRegistration(ctx.db, { sessionId: held.id, fullName: 'Lina Roux' });
  await createInfoRegistration(ctx.db, { sessionId: held.id, status: 'waiting', fullName: 'Sami Benali' });
  const heldPage = await v.get(`/gestion/reunions/${held.id}`);
  t.match(heldPage.body, 'Yanis &lt;Morel>');
  t.match(heldPage.body, `name="present" value="${came.id}"`);
  t.match(textOf(heldPage.body), 'Liste d’attente Sami Benali');
  const saved = await v.post(`/gestion/reunions/${held.id}/presences`, { present: [came.id] });
  t.equal(saved.statusCode, 303);
  const rows = await ctx.db.selectFrom('info_registrations').select(['id', 'attended']).where('session_id', '=', held.id).where('status', '=', 'registered').execute();
  t.same(Object.fromEntries(rows.map((r) => [r.id, r.attended])), { [came.id]: true, [absent.id]: false });

  const upcomingPage = await v.get(`/gestion/reunions/${id}`);
  t.notMatch(upcomingPage.body, 'name="present"', 'no attendance before the start');
  await createInfoRegistration(ctx.db, { sessionId: id });
  const early = await v.post(`/gestion/reunions/${id}/presences`, {});
  t.equal(early.statusCode, 422);
  t.match(textOf(early.body), 'La présence se note une fois la réunion commencée, pas avant.');

  const csv = await v.get(`/gestion/reunions/${held.id}/inscriptions.csv`);
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], 'text/csv');
  t.match(csv.body, 'Nom;Adresse e-mail;Téléphone;Âge;Compte candidat;État;Rang en liste d’attente');
  t.match(csv.body, 'Yanis <Morel>;yanis@example.fr;;18 à 21 ans;non;Inscrit·e;');
  t.match(csv.body, 'Sami Benali');

  const lower = await v.post(`/gestion/reunions/${held.id}`, { day: '2030-10-18', startsAt: '14:00', endsAt: '16:00', venue: 'Médiathèque', communeCode: '62498', capacity: '1' });
  t.equal(lower.statusCode, 422);
  t.match(lower.body, /id="champ-capacity-erreur"[^>]*>[\s\S]*?ne peut pas descendre sous le nombre de personnes déjà inscrites \(2\)/);
  const cancel = await v.post(`/gestion/reunions/${id}/annuler`, {});
  t.equal(cancel.statusCode, 303);
  t.match(textOf((await v.get(cancel.headers.location as string)).body), 'La réunion est annulée');
});
