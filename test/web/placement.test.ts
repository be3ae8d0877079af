import t from 'tap';
import { setup } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { textOf, Visitor } from './helpers.js';
import { addRate, seedPlacementBoard } from './placement-fixtures.js';

/** The placement board: runs, their page, constraints, comparing, applying; who may see them. */
const ctx = await setup(t);
const board = await seedPlacementBoard(ctx.db);
const { edition, coordinator, volunteers, missions } = board;

const signedInAs = async (email: string) => {
  const visitor = new Visitor(ctx);
  await visitor.signIn(email);
  return visitor;
};
const coordination = await signedInAs(coordinator.email);
const runIdOf = (location: unknown) => /\/gestion\/placement\/propositions\/([0-9a-f-]{36})$/.exec(String(location))?.[1];

t.test('the coordinator picks the edition, runs an optimal placement and reads it explained', async (t) => {
  const home = await coordination.get('/gestion/placement');
  t.equal(home.statusCode, 200);
  t.match(textOf(home.body), edition.label, 'the edition selector lists the edition');
  const page = await coordination.get(`/gestion/placement?edition=${edition.id}`);
  t.equal(page.statusCode, 200);
  t.match(textOf(page.body), 'Aucune proposition pour l’instant');
  t.match(page.body, /<input id="champ-host" type="range" name="host" min="0" max="10" step="0.5" value="3"/, 'weights are range sliders at their defaults');
  t.match(textOf(page.body), 'sa note au forum (1 à 5)', 'each weight says what it means');

  const res = await coordination.post(`/gestion/placement/editions/${edition.id}/propositions`, { mode: 'optimal', host: '3', distance: '1' });
  t.equal(res.statusCode, 303, res.body);
  const runId = runIdOf(res.headers.location);
  t.ok(runId);
  const run = await coordination.get(`/gestion/placement/propositions/${runId}`);
  t.equal(run.statusCode, 200);
  const text = textOf(run.body);
  t.match(text, 'Proposition n° 1');
  t.match(text, '2 binômes proposés');
  t.match(text, 'Proposition prouvée optimale');
  t.match(text, missions[0]!.title);
  t.match(text, /note de la candidature par la structure : \d\/5 \(pas de rencontre au forum\)/, 'each part’s source in French');
  t.match(text, /Avis de la structure d’accueil \d+\/100, poids 3/, 'each part with its weight');
  t.match(text, 'Barème d’indemnité manquant', 'the missing rate is shown before applying');
  t.match(run.body, 'href="/admin/baremes"');
  t.notMatch(run.body, '/appliquer"', 'and there is no apply button until a rate covers the start');
});
