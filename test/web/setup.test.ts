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

void SESSION_COOKIE;
void TEST_PASSWORD;
