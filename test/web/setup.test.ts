import t from 'tap';
import { createEdition, createOperator, createStructure, createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { setup } from '../helpers/app.js';
import { SESSION_COOKIE, textOf, Visitor } from './helpers.js';

const ctx = await setup(t);

async function coordinatorOf(operatorId?: string) {
  const operator = operatorId ?? (await createOperator(ctx.db)).id;
  const user = await createUser(ctx.db, 'coordinator', { operatorId: operator });
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  return { visitor, operatorId: operator, user };
}

const idIn = (location: string | undefined, prefix: string) => new RegExp(`^${prefix}/([0-9a-f-]{36})`).exec(location ?? '')?.[1] ?? '';

t.test('a coordinator creates a programme, an edition, moves it along and changes its dates', async (t) => {
  const { visitor } = await coordinatorOf();
  const empty = await visitor.get('/gestion/editions');
  t.equal(empty.statusCode, 200);
  t.match(textOf(empty.body), 'Aucun programme pour l’instant');

  await visitor.get('/gestion/programmes/nouveau');
  const created = await visitor.post('/gestion/programmes', { name: 'Parcours Artistique', theme: 'culture-loisirs', description: '', funders: 'Pôle Métropolitain, DRAC' });
  t.equal(created.statusCode, 303);
  const programmeId = idIn(created.headers.location as string, '/gestion/programmes');
  const programme = await visitor.get(created.headers.location as string);
  t.match(textOf(programme.body), 'Le programme est créé.');
  t.match(textOf(programme.body), 'Pôle Métropolitain, DRAC');

  const edition = await visitor.post(`/gestion/programmes/${programmeId}/editions`, {
    label: 'Édition 2',
    startsOn: '2027-10-01',
    endsOn: '2028-06-30',
    plannedVolunteers: '24',
    epciCodes: '200072460, CA de Lens-Liévin',
  });
  t.equal(edition.statusCode, 303, textOf(edition.body).slice(0, 400));
  const editionId = idIn(edition.headers.location as string, '/gestion/editions');
  const page = textOf((await visitor.get(edition.headers.location as string)).body);
  t.match(page, 'L’édition est créée.');
  t.match(page, 'En préparation');
  t.match(page, 'du vendredi 1er octobre 2027 au vendredi 30 juin 2028');
  t.match(page, /CA de Lens - Liévin \(\d{9}\)/);
  t.match(page, 'Béthune-Bruay');

  const moved = await visitor.post(`/gestion/editions/${editionId}/statut`, { to: 'recruiting' });
  t.equal(moved.statusCode, 303);
  t.match(textOf((await visitor.get(moved.headers.location as string)).body), 'Recrutement ouvert');
  const wrong = await visitor.post(`/gestion/editions/${editionId}/statut`, { to: 'planning' });
  t.equal(wrong.statusCode, 409, 'a move the workflow does not have');
  t.match(textOf(wrong.body), 'Le statut n’a pas changé');

  await visitor.get(`/gestion/editions/${editionId}`);
  const dates = await visitor.post(`/gestion/editions/${editionId}`, { label: 'Édition 2', startsOn: '2027-09-15', endsOn: '2028-06-30', plannedVolunteers: '26', epciCodes: '200072460' });
  t.equal(dates.statusCode, 303);
  const after = textOf((await visitor.get(dates.headers.location as string)).body);
  t.match(after, '15 septembre 2027');
  t.match(after, 'L’édition est enregistrée.');
});

t.test('a refused edition comes back filled, each error beside its field', async (t) => {
  const { visitor } = await coordinatorOf();
  await visitor.get('/gestion/programmes/nouveau');
  const created = await visitor.post('/gestion/programmes', { name: 'Programme aux erreurs', theme: 'culture-loisirs' });
  const programmeId = idIn(created.headers.location as string, '/gestion/programmes');
  await visitor.get(`/gestion/programmes/${programmeId}`);
  const refused = await visitor.post(`/gestion/programmes/${programmeId}/editions`, { label: 'Édition <b>1</b>', startsOn: '2028-06-30', endsOn: '2027-10-01', plannedVolunteers: '12', epciCodes: 'Nulle part du tout' });
  t.equal(refused.statusCode, 400);
  t.match(refused.body, /<title>Erreur : /);
  t.match(refused.body, 'value="Édition &lt;b>1&lt;/b>"', 'the label typed, escaped');
  t.match(refused.body, /id="champ-endsOn-erreur"/);
  t.match(textOf(refused.body), 'Aucune intercommunalité ne correspond à « Nulle part du tout »');
  t.match(refused.body, 'value="Nulle part du tout"');
  const notANumber = await visitor.post(`/gestion/programmes/${programmeId}/editions`, { label: 'Édition 1', startsOn: '2027-10-01', endsOn: '2028-06-30', plannedVolunteers: 'douze', epciCodes: '200072460' });
  t.equal(notANumber.statusCode, 400);
  t.match(notANumber.body, /id="champ-plannedVolunteers-erreur"/);
  t.match(notANumber.body, 'value="douze"');

  const duplicate = await visitor.post('/gestion/programmes', { name: 'Programme aux erreurs', theme: 'sport' });
  t.equal(duplicate.statusCode, 409);
  t.match(duplicate.body, /id="champ-name-erreur"/);
  t.match(duplicate.body, 'value="Programme aux erreurs"');
});

t.test('the set-up refuses the others: sign-in, 403 for a structure member or a candidate, 404 for another operator’s', async (t) => {
  const anonymous = new Visitor(ctx);
  const res = await anonymous.get('/gestion/editions');
  t.equal(res.statusCode, 302);
  t.equal(res.headers.location, '/connexion?next=%2Fgestion%2Feditions');

  for (const role of ['structure_member', 'candidate'] as const) {
    const visitor = new Visitor(ctx);
    await visitor.signIn((await createUser(ctx.db, role)).email);
    for (const url of ['/gestion/editions', '/gestion/structures', '/gestion/programmes/nouveau', '/gestion/structures/nouvelle']) {
      const page = await visitor.get(url);
      t.equal(page.statusCode, 403, `${role} ${url}`);
    }
  }

  const other = await createEdition(ctx.db);
  const otherStructure = await createStructure(ctx.db);
  const { visitor } = await coordinatorOf();
  t.equal((await visitor.get(`/gestion/editions/${other.id}`)).statusCode, 404);
  t.equal((await visitor.get(`/gestion/programmes/${other.programme_id}`)).statusCode, 404);
  t.equal((await visitor.get(`/gestion/structures/${otherStructure.id}`)).statusCode, 404);
  t.equal((await visitor.get(`/gestion/structures/${otherStructure.id}/modifier`)).statusCode, 404);
  t.equal((await visitor.get('/gestion/editions/not-a-uuid')).statusCode, 404);
  await visitor.get('/gestion/editions');
  t.equal((await visitor.post(`/gestion/editions/${other.id}/statut`, { to: 'running' })).statusCode, 404);
  t.equal((await visitor.post(`/gestion/structures/${otherStructure.id}/invitations`, { email: 'x@example.fr' })).statusCode, 404);
});

t.test('a form without its CSRF token is refused', async (t) => {
  const { visitor } = await coordinatorOf();
  await visitor.get('/gestion/programmes/nouveau');
  const res = await visitor.post('/gestion/programmes', { name: 'Sans jeton', theme: 'sport' }, { csrf: false });
  t.equal(res.statusCode, 403);
  t.match(textOf(res.body), 'La page a expiré');
  t.notOk(await ctx.db.selectFrom('programmes').select('id').where('name', '=', 'Sans jeton').executeTakeFirst());
});

t.test('structures: create with the commune typed, coordinates from the commune, search, edit, a partnership', async (t) => {
  const { visitor, operatorId } = await coordinatorOf();
  const suggestions = await visitor.get('/gestion/structures/communes?commune=lie');
  t.equal(suggestions.statusCode, 200);
  t.match(suggestions.body, '<option value="Liévin (62800)"');

  await visitor.get('/gestion/structures/nouvelle');
  const refused = await visitor.post('/gestion/structures', { name: '<script>alert(1)</script> Culture', kind: 'first_circle', reach: '', commune: 'Zzzyzx', latitude: '50,4' });
  t.equal(refused.statusCode, 400);
  t.match(refused.body, 'value="&lt;script>alert(1)&lt;/script> Culture"', 'the name typed comes back, as text');
  t.notMatch(refused.body, '<script>alert(1)');
  t.match(refused.body, /id="champ-commune-erreur"/);
  t.match(refused.body, /id="champ-reach-erreur"/);
  t.match(refused.body, /id="champ-longitude-erreur"/);
  t.match(refused.body, 'value="Zzzyzx"');

  const proximity = await visitor.post('/gestion/structures', { name: 'Service Culturel de Liévin', kind: 'proximity', commune: 'Liévin (62800)' });
  t.equal(proximity.statusCode, 303, textOf(proximity.body).slice(0, 300));
  const proximityId = idIn(proximity.headers.location as string, '/gestion/structures');
  const row = await ctx.db.selectFrom('structures').selectAll().where('id', '=', proximityId).executeTakeFirstOrThrow();
  const lievin = await ctx.db.selectFrom('communes').selectAll().where('code', '=', row.commune_code!).executeTakeFirstOrThrow();
  t.equal(lievin.name, 'Liévin');
  t.equal(row.latitude, lievin.latitude, 'the commune’s coordinates');
  t.equal(row.operator_id, operatorId);

  const firstCircle = await visitor.post('/gestion/structures', { name: 'Louvre-Lens', kind: 'first_circle', reach: 'national', commune: '62300', latitude: '50,4311', longitude: '2,8036' });
  t.equal(firstCircle.statusCode, 303, textOf(firstCircle.body).slice(0, 300));
  const firstCircleId = idIn(firstCircle.headers.location as string, '/gestion/structures');
  t.same(await ctx.db.selectFrom('structures').select(['latitude', 'longitude']).where('id', '=', firstCircleId).executeTakeFirstOrThrow(), { latitude: 50.4311, longitude: 2.8036 }, 'typed coordinates');

  const list = textOf((await visitor.get('/gestion/structures?q=louvre')).body);
  t.match(list, 'Louvre-Lens');
  t.notMatch(list, 'Service Culturel de Liévin');
  t.match(textOf((await visitor.get('/gestion/structures?kind=proximity')).body), 'Service Culturel de Liévin');
  t.equal((await visitor.get('/gestion/structures?cursor=garbage')).statusCode, 400, 'a damaged cursor');

  const form = await visitor.get(`/gestion/structures/${proximityId}/modifier`);
  t.match(form.body, 'value="Liévin (62800)"');
  const edited = await visitor.post(`/gestion/structures/${proximityId}/modifier`, { version: '1', name: 'Service Culturel de Liévin', kind: 'proximity', commune: 'Liévin (62800)', address: '1 place Gambetta' });
  t.equal(edited.statusCode, 303);
  t.match(textOf((await visitor.get(edited.headers.location as string)).body), '1 place Gambetta');
  await visitor.get(`/gestion/structures/${proximityId}/modifier`);
  const stale = await visitor.post(`/gestion/structures/${proximityId}/modifier`, { version: '1', name: 'Autre nom', kind: 'proximity', commune: 'Liévin (62800)' });
  t.equal(stale.statusCode, 412, 'changed meanwhile');
  t.match(stale.body, 'value="Autre nom"');

  const edition = await createEdition(ctx.db, { operatorId });
  await visitor.get(`/gestion/editions/${edition.id}`);
  const wrongWay = await visitor.post(`/gestion/editions/${edition.id}/partenariats`, { proximityStructureId: firstCircleId, firstCircleStructureId: proximityId });
  t.equal(wrongWay.statusCode, 422);
  t.match(wrongWay.body, /id="champ-proximityStructureId-erreur"/);
  const paired = await visitor.post(`/gestion/editions/${edition.id}/partenariats`, { proximityStructureId: proximityId, firstCircleStructureId: firstCircleId });
  t.equal(paired.statusCode, 303);
  t.match(textOf((await visitor.get(paired.headers.location as string)).body), 'Service Culturel de Liévin ↔ Louvre-Lens');
});

t.test('a member invited on the structure’s page gets an e-mail with the link; the link’s page creates the account', async (t) => {
  const { visitor, operatorId } = await coordinatorOf();
  const structure = await createStructure(ctx.db, { operatorId, name: 'Musée & <Compagnie>' });
  await visitor.get(`/gestion/structures/${structure.id}`);
  const bad = await visitor.post(`/gestion/structures/${structure.id}/invitations`, { email: 'pas une adresse', fullName: 'Camille' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, /id="champ-email-erreur"/);
  t.match(bad.body, 'value="Camille"');
  const email = `camille.${Date.now()}@example.fr`;
  const sent = await visitor.post(`/gestion/structures/${structure.id}/invitations`, { email, fullName: 'Camille Martin' });
  t.equal(sent.statusCode, 303);
  const page = textOf((await visitor.get(sent.headers.location as string)).body);
  t.match(page, 'L’invitation est envoyée par e-mail.');
  t.match(page, `Camille Martin — ${email} En attente`);

  const message = await ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
  t.equal(message.kind, 'invitation');
  t.equal(message.status, 'pending');
  t.equal(message.subject, 'Votre invitation sur Binôme');
  t.match(message.body, 'représenter la structure Musée & <Compagnie>');
  // A console link: the worker makes it absolute with PUBLIC_URL when it sends the message.
  const path = /\{\{PUBLIC_URL\}\}(\/invitation\?jeton=[A-Za-z0-9_-]+)/.exec(message.body)?.[1] ?? '';
  t.ok(path, 'the e-mail holds the link');

  const invitee = new Visitor(ctx);
  const acceptPage = await invitee.get(path);
  t.equal(acceptPage.statusCode, 200);
  t.match(textOf(acceptPage.body), 'Vous êtes invité ou invitée à représenter Musée & <Compagnie>.');
  t.match(acceptPage.body, 'Musée &amp; &lt;Compagnie>', 'escaped');
  const token = new URL(path, 'http://binome.test').searchParams.get('jeton')!;
  const mismatch = await invitee.post('/invitation', { token, fullName: 'Camille Martin', password: TEST_PASSWORD, confirmPassword: 'autre chose encore' });
  t.equal(mismatch.statusCode, 400);
  t.match(mismatch.body, /id="champ-confirmPassword-erreur"/);
  t.match(mismatch.body, 'value="Camille Martin"');
  t.notMatch(mismatch.body, TEST_PASSWORD, 'never the password');
  const accepted = await invitee.post('/invitation', { token, fullName: 'Camille Martin', password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD });
  t.equal(accepted.statusCode, 303);
  t.equal(accepted.headers.location, '/gestion');
  t.ok(invitee.cookies.get(SESSION_COOKIE), 'signed in');
  const user = await ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  t.same([user.role, user.structure_id, user.full_name], ['structure_member', structure.id, 'Camille Martin']);
  t.equal((await invitee.get('/gestion')).statusCode, 200);
  t.match(textOf((await visitor.get(`/gestion/structures/${structure.id}`)).body), `Camille Martin — ${email}`);

  const again = await new Visitor(ctx).get(path);
  t.equal(again.statusCode, 410, 'the link works once');
  t.match(textOf(again.body), 'Cette invitation a déjà servi');
  t.equal((await new Visitor(ctx).get('/invitation?jeton=court')).statusCode, 400);
  t.equal((await new Visitor(ctx).get('/invitation?jeton=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode, 404);
});

t.test('a pending invitation is withdrawn from the structure’s page; its link stops working', async (t) => {
  const { visitor, operatorId } = await coordinatorOf();
  const structure = await createStructure(ctx.db, { operatorId });
  await visitor.get(`/gestion/structures/${structure.id}`);
  const email = `retrait.${Date.now()}@example.fr`;
  await visitor.post(`/gestion/structures/${structure.id}/invitations`, { email });
  const invitation = await ctx.db.selectFrom('invitations').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  const other = await createStructure(ctx.db, { operatorId });
  await visitor.get(`/gestion/structures/${structure.id}`);
  t.equal((await visitor.post(`/gestion/structures/${other.id}/invitations/${invitation.id}/retirer`, {})).statusCode, 404, 'not through another structure');
  await visitor.get(`/gestion/structures/${structure.id}`);
  const withdrawn = await visitor.post(`/gestion/structures/${structure.id}/invitations/${invitation.id}/retirer`, {});
  t.equal(withdrawn.statusCode, 303);
  t.match(textOf((await visitor.get(withdrawn.headers.location as string)).body), 'Retirée');
  const body = (await ctx.db.selectFrom('outbox').select('body').where('to_address', '=', email).executeTakeFirstOrThrow()).body;
  const path = /\/invitation\?jeton=[A-Za-z0-9_-]+/.exec(body)![0];
  const dead = await new Visitor(ctx).get(path);
  t.equal(dead.statusCode, 410);
  t.match(textOf(dead.body), 'Cette invitation a été retirée');
});

t.test('a programme changed from its page: the form filled, saved, a refusal beside its field, another operator’s 404', async (t) => {
  const { visitor, operatorId } = await coordinatorOf();
  await visitor.get('/gestion/programmes/nouveau');
  const created = await visitor.post('/gestion/programmes', { name: 'Parcours à changer', theme: 'culture-loisirs', description: 'Première description', funders: 'DRAC, Région' });
  const programmeId = idIn(created.headers.location as string, '/gestion/programmes');
  await visitor.post('/gestion/programmes', { name: 'Parcours voisin', theme: 'sport' });

  const page = await visitor.get(`/gestion/programmes/${programmeId}`);
  t.match(page.body, `href="/gestion/programmes/${programmeId}/modifier"`);
  t.match(textOf(page.body), 'Modifier le programme');
  const form = await visitor.get(`/gestion/programmes/${programmeId}/modifier`);
  t.equal(form.statusCode, 200);
  t.match(form.body, 'value="Parcours à changer"');
  t.match(form.body, /<option value="culture-loisirs" selected/);
  t.match(form.body, 'Première description</textarea>');
  t.match(form.body, 'value="DRAC, Région"');
  t.match(form.body, 'name="_csrf"');

  const empty = await visitor.post(`/gestion/programmes/${programmeId}/modifier`, { name: '', theme: 'sport', description: 'Gardée', funders: '' });
  t.equal(empty.statusCode, 400);
  t.match(empty.body, /id="champ-name-erreur"/);
  t.match(textOf(empty.body), 'Nom du programme : obligatoire');
  t.match(empty.body, 'Gardée</textarea>', 'what was typed stays');
  const taken = await visitor.post(`/gestion/programmes/${programmeId}/modifier`, { name: 'Parcours voisin', theme: 'sport', description: '', funders: '' });
  t.equal(taken.statusCode, 409);
  t.match(taken.body, /id="champ-name-erreur"/);
  t.match(taken.body, 'value="Parcours voisin"');
  const hostile = await visitor.post(`/gestion/programmes/${programmeId}/modifier`, { name: '<script>alert(1)</script>', theme: 'nulle-part', description: '', funders: '' });
  t.equal(hostile.statusCode, 400);
  t.match(hostile.body, /id="champ-theme-erreur"/);
  t.match(hostile.body, 'value="&lt;script>alert(1)&lt;/script>"');
  t.notMatch(hostile.body, '<script>alert(1)');

  const saved = await visitor.post(`/gestion/programmes/${programmeId}/modifier`, { name: 'Parcours changé <b>', theme: 'sport', description: '', funders: 'Pôle Métropolitain' });
  t.equal(saved.statusCode, 303);
  t.equal(saved.headers.location, `/gestion/programmes/${programmeId}?enregistre=programme-modifie`);
  const after = await visitor.get(saved.headers.location as string);
  t.match(textOf(after.body), 'Le programme est enregistré.');
  t.match(after.body, '<h1>Parcours changé &lt;b></h1>');
  t.match(textOf(after.body), 'Pôle Métropolitain');
  t.notMatch(textOf(after.body), 'Première description', 'the description cleared');
  const row = await ctx.db.selectFrom('programmes').selectAll().where('id', '=', programmeId).executeTakeFirstOrThrow();
  t.same([row.name, row.theme, row.description, row.funders, row.operator_id], ['Parcours changé <b>', 'sport', '', ['Pôle Métropolitain'], operatorId]);

  const other = await createEdition(ctx.db);
  t.equal((await visitor.get(`/gestion/programmes/${other.programme_id}/modifier`)).statusCode, 404);
  t.equal((await visitor.post(`/gestion/programmes/${other.programme_id}/modifier`, { name: 'Pris', theme: 'sport' })).statusCode, 404);
  t.equal((await visitor.get('/gestion/programmes/not-a-uuid/modifier')).statusCode, 404);
  t.notOk(await ctx.db.selectFrom('programmes').select('id').where('name', '=', 'Pris').executeTakeFirst());
  const member = new Visitor(ctx);
  await member.signIn((await createUser(ctx.db, 'structure_member')).email);
  t.equal((await member.get(`/gestion/programmes/${programmeId}/modifier`)).statusCode, 403);
});

t.test('a structure’s contacts: added with the creation, edited, removed; a wrong one beside its row’s field; shown as text', async (t) => {
  const { visitor } = await coordinatorOf();
  const blank = await visitor.get('/gestion/structures/nouvelle');
  t.match(blank.body, 'name="contacts.0.name"');
  t.match(blank.body, 'name="contacts.1.phone"');
  t.notMatch(blank.body, 'name="contacts.2.name"', 'two empty rows');

  const refused = await visitor.post('/gestion/structures', {
    name: 'Musée des contacts',
    kind: 'proximity',
    commune: 'Liévin (62800)',
    'contacts.0.name': '<script>alert(1)</script> Léa',
    'contacts.0.email': 'pas une adresse',
    'contacts.1.role': 'Accueil',
  });
  t.equal(refused.statusCode, 400);
  t.match(refused.body, /id="champ-contacts\.0\.email-erreur"/, 'beside the row’s field');
  t.match(refused.body, /id="champ-contacts\.1\.name-erreur"/, 'a row with a role and no name');
  t.match(textOf(refused.body), 'Contact 1 : adresse e-mail :');
  t.match(refused.body, 'value="&lt;script>alert(1)&lt;/script> Léa"');
  t.notMatch(refused.body, '<script>alert(1)');
  t.match(refused.body, 'value="pas une adresse"');
  t.match(refused.body, 'value="Accueil"');
  t.notOk(await ctx.db.selectFrom('structures').select('id').where('name', '=', 'Musée des contacts').executeTakeFirst());

  const created = await visitor.post('/gestion/structures', {
    name: 'Musée des contacts',
    kind: 'proximity',
    commune: 'Liévin (62800)',
    'contacts.0.name': '<script>alert(1)</script> Léa',
    'contacts.0.role': 'Chargée des publics',
    'contacts.0.email': 'lea@musee.example',
    'contacts.0.phone': '03 21 00 00 00',
    'contacts.1.name': '',
    'contacts.1.role': '',
  });
  t.equal(created.statusCode, 303, textOf(created.body).slice(0, 400));
  const id = idIn(created.headers.location as string, '/gestion/structures');
  const page = await visitor.get(created.headers.location as string);
  t.match(textOf(page.body), '<script>alert(1)</script> Léa — Chargée des publics');
  t.notMatch(page.body, '<script>alert(1)');
  t.match(page.body, 'href="mailto:lea@musee.example"');
  t.match(page.body, 'href="tel:0321000000"');
  const contactsOf = async () => (await ctx.db.selectFrom('structures').select('contacts').where('id', '=', id).executeTakeFirstOrThrow()).contacts;
  t.same(await contactsOf(), [{ name: '<script>alert(1)</script> Léa', role: 'Chargée des publics', email: 'lea@musee.example', phone: '03 21 00 00 00' }], 'the empty row ignored');

  const form = await visitor.get(`/gestion/structures/${id}/modifier`);
  t.match(form.body, 'name="contacts.0.email" type="email" value="lea@musee.example"');
  t.match(form.body, 'name="contacts.2.name"', 'the contact, then two empty rows');
  t.notMatch(form.body, 'name="contacts.3.name"');
  const base = { version: '1', name: 'Musée des contacts', kind: 'proximity', commune: 'Liévin (62800)' };
  const wrongPhone = await visitor.post(`/gestion/structures/${id}/modifier`, { ...base, 'contacts.0.name': 'Léa Martin', 'contacts.0.phone': 'appelez-moi' });
  t.equal(wrongPhone.statusCode, 400);
  t.match(wrongPhone.body, /id="champ-contacts\.0\.phone-erreur"/);
  t.match(wrongPhone.body, 'value="appelez-moi"');

  const edited = await visitor.post(`/gestion/structures/${id}/modifier`, { ...base, 'contacts.0.name': 'Léa Martin', 'contacts.0.email': 'lea@musee.example', 'contacts.1.name': '', 'contacts.2.name': 'Sam Leroy', 'contacts.2.role': 'Direction' });
  t.equal(edited.statusCode, 303, textOf(edited.body).slice(0, 400));
  t.same(await contactsOf(), [{ name: 'Léa Martin', email: 'lea@musee.example' }, { name: 'Sam Leroy', role: 'Direction' }], 'one edited, one added');
  t.match(textOf((await visitor.get(`/gestion/structures/${id}`)).body), 'Sam Leroy — Direction');

  await visitor.get(`/gestion/structures/${id}/modifier`);
  const removed = await visitor.post(`/gestion/structures/${id}/modifier`, { ...base, version: '2', 'contacts.0.name': 'Léa Martin', 'contacts.0.retirer': 'true', 'contacts.1.name': 'Sam Leroy', 'contacts.1.role': 'Direction' });
  t.equal(removed.statusCode, 303, textOf(removed.body).slice(0, 400));
  t.same(await contactsOf(), [{ name: 'Sam Leroy', role: 'Direction' }], 'the one marked removed');
  await visitor.get(`/gestion/structures/${id}/modifier`);
  const emptied = await visitor.post(`/gestion/structures/${id}/modifier`, { ...base, version: '3', 'contacts.0.name': '', 'contacts.0.role': '' });
  t.equal(emptied.statusCode, 303);
  t.same(await contactsOf(), [], 'a row emptied removes its contact');
  t.match(textOf((await visitor.get(`/gestion/structures/${id}`)).body), 'Aucun contact renseigné.');
  t.equal((await visitor.post(`/gestion/structures/${id}/modifier`, { ...base, version: '4', 'contacts.99999999999.name': 'Hors limite' })).statusCode, 303, 'a row number out of the form’s is ignored');
  await visitor.get(`/gestion/structures/${id}/modifier`);
  const many = Object.fromEntries(Array.from({ length: 21 }, (_, row) => [`contacts.${row}.name`, `Contact n° ${row + 1}`]));
  const tooMany = await visitor.post(`/gestion/structures/${id}/modifier`, { ...base, version: '5', ...many });
  t.equal(tooMany.statusCode, 400, 'more than 20');
  t.match(tooMany.body, /id="champ-contacts-erreur"/);
  t.match(tooMany.body, 'value="Contact n° 21"', 'every row typed comes back');
  t.match(textOf(tooMany.body), 'Contacts : ');
});
