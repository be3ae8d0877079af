import t from 'tap';
import { setup } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { placedBinomeEnding } from '../helpers/follow-up-factories.js';
import { createPlacedBinome } from '../helpers/programme-factories.js';
import { textOf, Visitor } from './helpers.js';

/** The follow-up's pages: /gestion/suivi, a binôme's follow-up, the certificates to print. */
const ctx = await setup(t);
const b = await createPlacedBinome(ctx.db);
const [ines, yanis] = b.volunteers;
await ctx.db.updateTable('missions').set({ title: 'Médiation <b>culturelle</b> & lecture' }).where('id', '=', b.missionId).execute();
const page = `/gestion/suivi/binomes/${b.binomeId}`;

async function visitor(user: { email: string }) {
  const v = new Visitor(ctx);
  await v.signIn(user.email);
  return v;
}
const coordinator = await visitor(b.coordinator);
const tutor = await visitor(b.hostTutor);
const firstCircle = await visitor(await createUser(ctx.db, 'structure_member', { structureId: b.firstCircleId }));
const volunteer = await visitor(ines);
const stranger = await visitor(await createUser(ctx.db, 'coordinator'));

t.test('the overview: its sections, the binôme linked, by role', async (t) => {
  const res = await coordinator.get(`/gestion/suivi?edition=${b.editionId}`);
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  for (const heading of ['Projets à valider', 'Sorties de la semaine', 'Formations manquantes', 'Ruptures anticipées', 'Binômes suivis']) t.match(text, heading);
  t.match(res.body, `href="${page}"`);
  t.match(res.body, 'Médiation &lt;b>culturelle&lt;/b> &amp; lecture', 'escaped');
  t.notMatch(res.body, '<b>culturelle</b>');
  const member = await firstCircle.get('/gestion/suivi');
  t.equal(member.statusCode, 200, 'a structure member sees their binômes');
  t.match(member.body, `href="${page}"`);
  t.equal((await volunteer.get('/gestion/suivi')).statusCode, 403, 'not a volunteer');
  const other = await stranger.get('/gestion/suivi');
  t.notMatch(other.body, page, 'another operator’s coordinator does not see it');
  t.equal((await stranger.get(`/gestion/suivi?edition=${b.editionId}`)).statusCode, 404);
  const anonymous = await new Visitor(ctx).get('/gestion/suivi');
  t.equal(anonymous.statusCode, 302);
});

t.test('a binôme’s follow-up: recording an FCC, errors beside the field with what was typed kept', async (t) => {
  const res = await coordinator.get(page);
  t.equal(res.statusCode, 200);
  t.match(textOf(res.body), 'Formation civique et citoyenne à faire');
  const bad = await coordinator.post(`${page}/formations`, {
    'formation-volontaire': ines.id,
    'formation-type': 'fcc',
    'formation-debut': '2027-01-15',
    'formation-fin': '2027-01-20',
    'formation-organisme': 'Ligue <i>62</i>',
  });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, /id="champ-formation-debut-erreur"[^>]*>[\s\S]*?pendant la mission/, 'the rule’s words beside the first day');
  t.match(bad.body, 'value="2027-01-15"', 'the typed date kept');
  t.match(bad.body, 'value="Ligue &lt;i>62&lt;/i>"', 'the typed provider kept, escaped');
  const missing = await coordinator.post(`${page}/formations`, { 'formation-volontaire': '', 'formation-type': 'fcc', 'formation-debut': '', 'formation-fin': '2027-03-01' });
  t.equal(missing.statusCode, 400);
  t.match(missing.body, 'id="champ-formation-volontaire-erreur"');
  t.match(missing.body, 'id="champ-formation-debut-erreur"');

  const ok = await coordinator.post(`${page}/formations`, { 'formation-volontaire': ines.id, 'formation-type': 'fcc', 'formation-debut': '2027-03-01', 'formation-fin': '2027-03-05', 'formation-organisme': 'Ligue 62' });
  t.equal(ok.statusCode, 303);
  t.equal(ok.headers.location, `${page}?fait=formation`);
  const after = textOf((await coordinator.get(`${page}?fait=formation`)).body);
  t.match(after, 'La formation est enregistrée.');
  t.match(after, 'du 1er mars 2027 au 5 mars 2027, Ligue 62');
});

t.test('check-ins: the tutor adds one; the first-circle member reads but has no form; escaping', async (t) => {
  await tutor.get(page);
  const empty = await tutor.post(`${page}/points`, { 'point-date': '2027-03-10', 'point-volontaire': '', 'point-note': '' });
  t.equal(empty.statusCode, 400);
  t.match(empty.body, 'id="champ-point-note-erreur"');
  t.match(empty.body, 'value="2027-03-10"');
  const ok = await tutor.post(`${page}/points`, { 'point-date': '2027-03-10', 'point-volontaire': yanis.id, 'point-note': 'Très bien <script>alert(1)</script>' });
  t.equal(ok.statusCode, 303);
  const read = await firstCircle.get(page);
  t.equal(read.statusCode, 200);
  t.match(read.body, 'Très bien &lt;script>alert(1)&lt;/script>');
  t.notMatch(read.body, `action="${page}/points"`, 'no form for a member who is not a tutor');
  t.notMatch(read.body, `action="${page}/formations"`);
  t.notMatch(read.body, `action="${page}/rupture"`);
  const refused = await firstCircle.post(`${page}/points`, { 'point-date': '2027-03-10', 'point-note': 'Moi' });
  t.equal(refused.statusCode, 403);
  t.equal((await volunteer.get(page)).statusCode, 403, 'a volunteer: not this page');
  t.equal((await stranger.get(page)).statusCode, 404, 'another operator: not found');
  t.equal((await stranger.get('/gestion/suivi/binomes/not-a-uuid')).statusCode, 404);
});

t.test('early end: refused in words beside the date, then recorded; the certificate ends on it', async (t) => {
  await coordinator.get(page);
  const bad = await coordinator.post(`${page}/rupture`, { 'rupture-volontaire': yanis.id, 'rupture-date': '2027-09-01', 'rupture-demande': 'volunteer', 'rupture-motif': 'job', 'rupture-note': '' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, /id="champ-rupture-date-erreur"[^>]*>[\s\S]*?pendant la mission/);
  t.match(bad.body, 'value="2027-09-01"');
  const ok = await coordinator.post(`${page}/rupture`, { 'rupture-volontaire': yanis.id, 'rupture-date': '2027-05-15', 'rupture-demande': 'volunteer', 'rupture-motif': 'job', 'rupture-note': '' });
  t.equal(ok.statusCode, 303);
  const certificate = await coordinator.get(`/gestion/suivi/volontaires/${b.binomeId}/${yanis.id}/attestation`);
  t.equal(certificate.statusCode, 200);
  const text = textOf(certificate.body);
  t.match(text, 'Attestation de service civique');
  t.match(text, 'du 1er février 2027 au 15 mai 2027 (fin anticipée)');
  t.match(text, 'Projet : l’attestation sera définitive le 15 mai 2027');
  t.match(text, 'Fait à');
  t.match(certificate.body, 'Médiation &lt;b>culturelle&lt;/b> &amp; lecture');
  const overview = textOf((await coordinator.get(`/gestion/suivi?edition=${b.editionId}`)).body);
  t.match(overview, /Emploi trouvé ?, à la demande du ou de la volontaire/);
});

t.test('the volunteer’s certificate: when it will be there, then the sheet', async (t) => {
  const before = await volunteer.get('/mon-binome/attestation');
  t.equal(before.statusCode, 200);
  t.match(textOf(before.body), 'Votre attestation sera disponible ici le 31 juillet 2027');
  t.notMatch(before.body, 'class="printout');
  const ended = await placedBinomeEnding(ctx, -1);
  const done = await visitor(ended.volunteers[0]);
  const res = await done.get('/mon-binome/attestation');
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, 'a accompli une mission de service civique');
  t.notMatch(text, 'Projet');
  t.equal((await coordinator.get('/mon-binome/attestation')).statusCode, 403, 'a candidate’s page');
  t.equal((await volunteer.get(`/gestion/suivi/volontaires/${b.binomeId}/${ines.id}/attestation`)).statusCode, 403, 'the staff’s page is not the volunteer’s');
  t.equal((await stranger.get(`/gestion/suivi/volontaires/${b.binomeId}/${ines.id}/attestation`)).statusCode, 404);
});
