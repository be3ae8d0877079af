import t from 'tap';
import { setup } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { createReportedEdition } from '../helpers/report-factories.js';
import { textOf, Visitor } from './helpers.js';

/** The report's pages: /gestion/bilans, an edition's report, its A4 version, the comparison, and the public version. */
const ctx = await setup(t);
// A public partner whose name tries to break out of the page (and out of the chart's SVG).
const edition = await createReportedEdition(ctx.db, {
  partnerName: 'EHPAD <script>alert(1)</script>',
  groups: [
    { publicKind: 'seniors', expected: 12, present: 10, firstTime: 3 },
    { publicKind: 'youth', expected: 6, present: 6, firstTime: 6 },
  ],
});
await ctx.db.updateTable('structures').set({ name: 'Théâtre <b>gras</b> & Cie' }).where('id', '=', edition.firstCircleId).execute();
const second = await createReportedEdition(ctx.db, { operatorId: edition.operatorId, status: 'running' });
const other = await createReportedEdition(ctx.db);

async function visitor(user: { email: string }) {
  const v = new Visitor(ctx);
  await v.signIn(user.email);
  return v;
}
const coordinator = await visitor(edition.coordinator);
const outsider = await visitor(other.coordinator);
const member = await visitor(edition.hostTutor);
const admin = await visitor(await createUser(ctx.db, 'admin'));

t.test('the list: the coordinator’s editions, and the form to compare two', async (t) => {
  const res = await coordinator.get('/gestion/bilans');
  t.equal(res.statusCode, 200);
  t.match(res.body, `href="/gestion/editions/${edition.editionId}/bilan"`);
  t.match(res.body, `href="/gestion/editions/${second.editionId}/bilan"`);
  t.notMatch(res.body, other.editionId, 'not another operator’s');
  t.match(res.body, 'action="/gestion/bilans/comparer"');
});

t.test('the report: charts made by vega as SVG, each with its title and its table', async (t) => {
  const res = await coordinator.get(`/gestion/editions/${edition.editionId}/bilan`);
  t.equal(res.statusCode, 200);
  const charts = res.body.match(/<svg role="img" aria-label="[^"]+"[^>]*class="marks"/g) ?? [];
  t.equal(charts.length, 5, 'five charts, drawn by vega (class="marks")');
  t.notMatch(res.body, / style="/, 'no inline style (CSP)');
  t.notMatch(res.body, /<script>alert/, 'a name is escaped, in the tables and in the charts');
  t.match(res.body, /Théâtre &lt;b&gt;gras&lt;\/b&gt; &amp; Cie/, 'the venue’s name escaped');
  const text = textOf(res.body);
  t.match(text, 'Personnes touchées par type de public');
  t.match(text, '16 personnes présentes aux sorties tenues, dont 9 pour la première fois');
  t.match(res.body, `href="/editions/${edition.editionId}/report.csv"`);
  t.match(res.body, `href="/bilans/${edition.editionId}"`, 'a closed edition has a public version');
});

t.test('the CSV link opens with the console’s session; the JSON link too', async (t) => {
  const csv = await coordinator.get(`/editions/${edition.editionId}/report.csv`);
  t.equal(csv.statusCode, 200);
  t.match(csv.body, 'Rubrique;Indicateur;Valeur');
  const json = await coordinator.get(`/gestion/editions/${edition.editionId}/bilan.json`);
  t.equal(json.statusCode, 200);
  t.equal(JSON.parse(json.body).reached.total, 16);
});

t.test('the A4 version: the report alone, a section per page', async (t) => {
  const res = await coordinator.get(`/gestion/editions/${edition.editionId}/bilan/imprimer`);
  t.equal(res.statusCode, 200);
  t.match(res.body, 'class="printout report report-print"');
  t.match(res.body, 'data-print');
  t.equal(res.body.match(/class="report-section"/g)?.length, 7);
});

t.test('two editions side by side', async (t) => {
  const res = await coordinator.get(`/gestion/bilans/comparer?a=${edition.editionId}&b=${second.editionId}`);
  t.equal(res.statusCode, 200);
  t.equal(res.body.match(/class="marks"/g)?.length, 2);
  t.match(textOf(res.body), 'Personnes touchées 16 10');
  t.equal((await coordinator.get(`/gestion/bilans/comparer?a=${edition.editionId}&b=${other.editionId}`)).statusCode, 404, 'another operator’s edition');
  t.equal((await coordinator.get(`/gestion/bilans/comparer?a=${edition.editionId}`)).statusCode, 404);
});

t.test('refusals: another operator 404, a structure member 403, a visitor to sign in; an admin sees it', async (t) => {
  for (const path of [`/gestion/editions/${edition.editionId}/bilan`, `/gestion/editions/${edition.editionId}/bilan/imprimer`, `/gestion/editions/${edition.editionId}/bilan.json`]) {
    t.equal((await outsider.get(path)).statusCode, 404, path);
    t.equal((await member.get(path)).statusCode, 403, path);
    const anonymous = await new Visitor(ctx).get(path);
    t.equal(anonymous.statusCode, 302);
    t.match(anonymous.headers.location, /^\/connexion\?next=/);
  }
  t.equal((await member.get('/gestion/bilans')).statusCode, 403);
  t.equal((await coordinator.get('/gestion/editions/not-an-id/bilan')).statusCode, 404);
  t.equal((await admin.get(`/gestion/editions/${edition.editionId}/bilan`)).statusCode, 200);
});

t.test('the public version: closed editions only, no sign-in, never a count from 1 to 4', async (t) => {
  const res = await new Visitor(ctx).get(`/bilans/${edition.editionId}`);
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, 'moins de 5');
  // The two volunteers, the first-timers of 3: hidden; the 10 seniors, the 16 reached: shown.
  t.match(text, 'Volontaires moins de 5');
  t.match(text, 'Personnes âgées 10 moins de 5');
  t.match(text, '16 personnes présentes');
  // No table cell holds a number from 1 to 4, except counts of things (binômes, projects, outings).
  const cells = [...res.body.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td class="num">[^<]*<\/td>)+)<\/tr>/g)];
  t.ok(cells.length > 10);
  const things = ['Binômes', 'Affectations', 'Forums', 'Réunions tenues', 'Terminés', 'Tenues (présences relevées)', 'Prévues', 'Annulées', 'Lieu'];
  for (const [, label, tds] of cells) {
    const values = [...tds!.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    const people = label!.includes(' – ') ? [values[0], values[3], values[4]] : things.includes(label!) ? [] : /Centre|Théâtre|EHPAD|Service/.test(label!) ? values.slice(1) : values;
    t.notOk(people.some((v) => /^[1-4]$/.test(v ?? '')), `${label}: ${values.join(', ')}`);
  }
  t.equal((await new Visitor(ctx).get(`/bilans/${second.editionId}`)).statusCode, 404, 'an edition not closed has no public version');
  const csv = await new Visitor(ctx).get(`/bilans/${edition.editionId}/bilan.csv`);
  t.equal(csv.statusCode, 200);
  t.match(csv.body, 'Placement;Volontaires;moins de 5\r\n');
  t.notMatch(csv.body, /Placement;Volontaires;[1-4]\r\n/);
  t.equal((await new Visitor(ctx).get(`/bilans/${edition.editionId}/imprimer`)).statusCode, 200);
});
