import t from 'tap';
import { createOperator, createStructure, createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { setup } from '../helpers/app.js';
import { textOf, Visitor } from './helpers.js';

const ctx = await setup(t);

t.test('the staff land on their dashboard after signing in; a candidate on their account', async (t) => {
  const operator = await createOperator(ctx.db);
  const structure = await createStructure(ctx.db, { operatorId: operator.id });
  const cases = [
    [await createUser(ctx.db, 'structure_member', { structureId: structure.id }), '/gestion'],
    [await createUser(ctx.db, 'coordinator', { operatorId: operator.id }), '/gestion'],
    [await createUser(ctx.db, 'admin'), '/gestion'],
    [await createUser(ctx.db, 'candidate'), '/compte'],
  ] as const;
  for (const [user, landing] of cases) {
    const visitor = new Visitor(ctx);
    await visitor.get('/connexion');
    const res = await visitor.post('/connexion', { email: user.email, password: TEST_PASSWORD });
    t.equal(res.headers.location, landing, user.role);
    t.equal((await visitor.get('/connexion')).headers.location, landing, `${user.role}, signed in already`);
  }
});

t.test('the dashboard lists the areas of the role, and only to the staff', async (t) => {
  const operator = await createOperator(ctx.db);
  const structure = await createStructure(ctx.db, { operatorId: operator.id });
  const member = new Visitor(ctx);
  await member.signIn((await createUser(ctx.db, 'structure_member', { structureId: structure.id })).email);
  const memberPage = textOf((await member.get('/gestion')).body);
  t.match(memberPage, 'Tableau de bord');
  t.match(memberPage, 'Candidatures');
  t.notMatch(memberPage, 'Placement', 'placement is the coordination’s');
  t.notMatch(memberPage, 'Administration');
  const coordinator = new Visitor(ctx);
  await coordinator.signIn((await createUser(ctx.db, 'coordinator', { operatorId: operator.id })).email);
  const coordinatorPage = textOf((await coordinator.get('/gestion')).body);
  t.match(coordinatorPage, 'Programmes et éditions');
  t.match(coordinatorPage, 'Placement');
  t.notMatch(coordinatorPage, 'Organismes, coordinateurs');
  const admin = new Visitor(ctx);
  await admin.signIn((await createUser(ctx.db, 'admin')).email);
  t.match(textOf((await admin.get('/gestion')).body), 'Organismes, coordinateurs');
  const candidate = new Visitor(ctx);
  await candidate.signIn((await createUser(ctx.db, 'candidate')).email);
  t.equal((await candidate.get('/gestion')).statusCode, 403);
  const anonymous = await new Visitor(ctx).get('/gestion');
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, '/connexion?next=%2Fgestion');
});
