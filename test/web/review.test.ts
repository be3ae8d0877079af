import t from 'tap';
import type { ApplicationStatus } from '../../db/database.js';
import { setup } from '../helpers/app.js';
import { readCsv } from '../helpers/csv.js';
import { createApplication, createEdition, createMission, createOperator, createProfile, createStructure, createUser } from '../helpers/factories.js';
import { textOf, Visitor } from './helpers.js';

/** « Candidatures »: the list, a candidate's card, notes and rating, moves one at a time and in bulk. */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db, { name: 'Ligue de l’Enseignement du Pas-de-Calais' });
const edition = await createEdition(ctx.db, { operatorId: ligue.id });
const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel de Carvin', kind: 'proximity' });
const harnes = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Médiathèque de Harnes', kind: 'proximity' });
const louvre = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, title: 'Ambassadeur du Louvre-Lens' });
const atelier = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, title: 'Atelier théâtre à Carvin' });
const lecture = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: harnes.id, title: 'Lectures à Harnes' });

const member = new Visitor(ctx);
await member.signIn((await createUser(ctx.db, 'structure_member', { structureId: carvin.id, fullName: 'Paul Tuteur' })).email);
const harnesMember = new Visitor(ctx);
await harnesMember.signIn((await createUser(ctx.db, 'structure_member', { structureId: harnes.id })).email);
const coordinator = new Visitor(ctx);
await coordinator.signIn((await createUser(ctx.db, 'coordinator', { operatorId: ligue.id, fullName: 'Claire Coordinatrice' })).email);

/** An application of a new candidate with a profile. */
async function applicant(missionId: string, values: { firstName?: string; lastName?: string; status?: ApplicationStatus; motivation?: string; changedAt?: Date } = {}) {
  const user = await createUser(ctx.db, 'candidate');
  await createProfile(ctx.db, user.id, { ...(values.firstName ? { firstName: values.firstName } : {}), ...(values.lastName ? { lastName: values.lastName } : {}) });
  return createApplication(ctx.db, {
    missionId,
    candidateId: user.id,
    ...(values.status ? { status: values.status } : {}),
    ...(values.motivation ? { motivation: values.motivation } : {}),
    ...(values.changedAt ? { changedAt: values.changedAt } : {}),
  });
}

const statusOf = async (id: string) => (await ctx.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

const zoe = await applicant(louvre.id, { firstName: 'Zoé', lastName: 'Lefebvre', changedAt: new Date('2026-11-02T10:00:00Z') });
const yanis = await applicant(atelier.id, { firstName: 'Yanis', lastName: 'Benali', status: 'in_review', changedAt: new Date('2026-11-03T10:00:00Z') });
const hostile = await applicant(louvre.id, { firstName: 'Inès', lastName: 'Durand', motivation: '<script>alert("motivation")</script> & <b>gras</b>', changedAt: new Date('2026-11-04T10:00:00Z') });
const elsewhere = await applicant(lecture.id, { firstName: 'Hugo', lastName: 'Ailleurs' });

t.test('the list: its structure’s applications only, status in words, filters, the CSV link', async (t) => {
  const res = await member.get('/gestion/candidatures');
  t.equal(res.statusCode, 200);
  t.equal(res.headers['cache-control'], 'no-store');
  const text = textOf(res.body);
  t.match(text, 'Candidatures');
  for (const name of ['Zoé Lefebvre', 'Yanis Benali', 'Inès Durand']) t.match(text, name);
  t.notMatch(text, 'Hugo Ailleurs', 'another structure’s application never shows');
  t.match(text, 'Statut : Envoyée');
  t.match(text, 'Statut : En cours d’étude');
  t.notMatch(text, 'in_review', 'no status code');
  t.match(res.body, `href="/gestion/candidatures/${zoe.id}"`);
  t.match(res.body, `href="/structures/${carvin.id}/applications.csv"`, 'the CSV of the list');
  t.notMatch(res.body, 'name="structureId"', 'a member does not choose the structure');
  t.ok(text.indexOf('Inès Durand') < text.indexOf('Zoé Lefebvre'), 'newest first');

  const filtered = await member.get(`/gestion/candidatures?status=in_review&sort=oldest`);
  t.equal(filtered.statusCode, 200);
  const filteredText = textOf(filtered.body);
  t.match(filteredText, 'Yanis Benali');
  t.notMatch(filteredText, 'Zoé Lefebvre');
  t.match(filtered.body, /<option value="in_review" selected>/, 'the filter stays chosen');
  t.match(filtered.body, `href="/structures/${carvin.id}/applications.csv?status=in_review&amp;sort=oldest"`, 'the CSV of the filtered list');

  const byMission = textOf((await member.get(`/gestion/candidatures?missionId=${atelier.id}`)).body);
  t.match(byMission, 'Yanis Benali');
  t.notMatch(byMission, 'Zoé Lefebvre');
  const byText = textOf((await member.get('/gestion/candidatures?q=lefeb')).body);
  t.match(byText, 'Zoé Lefebvre');
  t.notMatch(byText, 'Yanis Benali');

  const wrong = await member.get('/gestion/candidatures?status=nope&missionId=pas-un-id');
  t.equal(wrong.statusCode, 400, 'a bad filter is the client’s error, never a 500');
  t.match(wrong.body, 'id="champ-missionId-erreur"');
  t.match(textOf(wrong.body), 'Erreur');
});

t.test('the list pages on: 20 applications, then the next ones', async (t) => {
  const busy = await createStructure(ctx.db, { operatorId: ligue.id, kind: 'proximity' });
  const mission = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: busy.id });
  for (let i = 0; i < 21; i++) await applicant(mission.id, { lastName: `Candidat${String(i).padStart(2, '0')}`, changedAt: new Date(Date.UTC(2026, 10, 1, 10, i)) });
  const visitor = new Visitor(ctx);
  await visitor.signIn((await createUser(ctx.db, 'structure_member', { structureId: busy.id })).email);
  const first = await visitor.get('/gestion/candidatures');
  t.equal((first.body.match(/name="ids"/g) ?? []).length, 20);
  const next = /href="(\/gestion\/candidatures\?suite=[^"]+)" rel="next"|rel="next" href="(\/gestion\/candidatures\?suite=[^"]+)"/.exec(first.body);
  t.ok(next, 'a link to the next page');
  const second = await visitor.get((next![1] ?? next![2]!).replaceAll('&amp;', '&'));
  t.equal(second.statusCode, 200);
  t.equal((second.body.match(/name="ids"/g) ?? []).length, 1);
  t.match(textOf(second.body), 'Candidat00', 'the oldest on the last page');
  t.match(second.body, 'Revenir au début de la liste');
});

t.test('refusals: a candidate gets 403, nobody signed in goes to sign in, another structure’s application is not found', async (t) => {
  const candidate = new Visitor(ctx);
  const user = await createUser(ctx.db, 'candidate');
  await candidate.signIn(user.email);
  const forbidden = await candidate.get('/gestion/candidatures');
  t.equal(forbidden.statusCode, 403);
  t.equal((await candidate.get(`/gestion/candidatures/${zoe.id}`)).statusCode, 403);
  const anonymous = await new Visitor(ctx).get(`/gestion/candidatures/${zoe.id}`);
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, `/connexion?next=${encodeURIComponent(`/gestion/candidatures/${zoe.id}`)}`);

  const other = await harnesMember.get(`/gestion/candidatures/${zoe.id}`);
  t.equal(other.statusCode, 404, 'Carvin’s application is not Harnes’s');
  t.notMatch(textOf(other.body), 'Zoé');
  await harnesMember.get('/gestion/candidatures');
  t.equal((await harnesMember.post(`/gestion/candidatures/${zoe.id}/notes`, { body: 'Intrusion', rating: '1' })).statusCode, 404);
  t.equal((await harnesMember.post(`/gestion/candidatures/${zoe.id}/deplacer`, { to: 'refused', reason: 'other', version: '1' })).statusCode, 404);
  t.equal(await statusOf(zoe.id), 'submitted');
  t.equal((await ctx.db.selectFrom('application_notes').select('id').where('application_id', '=', zoe.id).execute()).length, 0);
  t.equal((await member.get('/gestion/candidatures/pas-un-id')).statusCode, 404);
  t.equal((await harnesMember.get(`/gestion/candidatures?missionId=${louvre.id}`)).statusCode, 200, 'another structure’s mission as a filter lists nothing');
  t.notMatch(textOf((await harnesMember.get(`/gestion/candidatures?missionId=${louvre.id}`)).body), 'Zoé');
});

t.test('the card: what a structure may see, hostile text kept as text', async (t) => {
  const res = await member.get(`/gestion/candidatures/${hostile.id}`);
  t.equal(res.statusCode, 200);
  t.notMatch(res.body, '<script>alert', 'the motivation is escaped');
  t.notMatch(res.body, '<b>gras</b>');
  const text = textOf(res.body);
  t.match(text, '<script>alert("motivation")</script> & <b>gras</b>', 'and shown as typed');
  t.match(text, 'Candidature d’Inès Durand');
  t.match(text, 'Ambassadeur du Louvre-Lens');
  t.match(text, 'Passionnée de spectacle vivant', 'the presentation');
  t.match(text, 'Théâtre, Musique', 'interests in words');
  t.notMatch(text, '2005', 'no birth date');
  t.notMatch(text, 'Française', 'no nationality');
  for (const move of ['Passer en étude', 'Retenir', 'Proposer une rencontre', 'Ne pas retenir']) t.match(text, move);
  t.notMatch(text, 'Proposer la place', 'a submitted application is not offered yet');
  t.match(res.body, 'name="version" value="1"', 'each move carries the version read');

  const list = await member.get('/gestion/candidatures');
  t.notMatch(list.body, '<script>alert');
  t.match(textOf(list.body), '<script>alert("motivation")</script>');
});

t.test('a note and a rating: saved, listed, the rating shown; a refused note comes back filled', async (t) => {
  const card = await member.get(`/gestion/candidatures/${yanis.id}`);
  t.equal(card.statusCode, 200);
  const refused = await member.post(`/gestion/candidatures/${yanis.id}/notes`, { body: 'Très motivé, <disponible> le samedi', rating: '9' });
  t.equal(refused.statusCode, 400);
  t.match(refused.body, 'id="champ-rating-erreur"', 'the error beside the rating');
  t.match(textOf(refused.body), 'Note sur 5 : ', 'in the summary');
  t.notMatch(refused.body, 'Too big', 'in French');
  t.match(refused.body, 'Très motivé, &lt;disponible> le samedi</textarea>', 'what was typed comes back');
  t.match(textOf(refused.body), 'Erreur : Candidature de Yanis Benali');

  await member.get(`/gestion/candidatures/${yanis.id}`);
  const saved = await member.post(`/gestion/candidatures/${yanis.id}/notes`, { body: 'Très motivé, disponible le samedi', rating: '4' });
  t.equal(saved.statusCode, 303);
  t.equal(saved.headers.location, `/gestion/candidatures/${yanis.id}?note=1`);
  const after = textOf((await member.get(saved.headers.location!)).body);
  t.match(after, 'Votre note est enregistrée.');
  t.match(after, 'Très motivé, disponible le samedi');
  t.match(after, 'Paul Tuteur');
  t.match(after, 'Note 4 sur 5');
  const rated = textOf((await member.get('/gestion/candidatures?sort=rating')).body);
  t.match(rated, 'note 4 sur 5');
  t.ok(rated.indexOf('Yanis Benali') < rated.indexOf('Zoé Lefebvre'), 'the best rated first');
});

t.test('the CSRF token is required', async (t) => {
  await member.get(`/gestion/candidatures/${zoe.id}`);
  const res = await member.post(`/gestion/candidatures/${zoe.id}/deplacer`, { to: 'shortlisted', version: '1' }, { csrf: false });
  t.equal(res.statusCode, 403);
  t.match(textOf(res.body), 'La page a expiré');
  const bulk = await member.post('/gestion/candidatures/lot', { ids: zoe.id, to: 'shortlisted' }, { csrf: 'forged' });
  t.equal(bulk.statusCode, 403);
  t.equal(await statusOf(zoe.id), 'submitted');
});

t.test('one move at a time: shortlist; a refusal needs its reason and comes back filled; a stale page is refused', async (t) => {
  const target = await applicant(louvre.id, { firstName: 'Léa', lastName: 'Moreau' });
  await member.get(`/gestion/candidatures/${target.id}`);
  const moved = await member.post(`/gestion/candidatures/${target.id}/deplacer`, { to: 'shortlisted', version: '1' });
  t.equal(moved.statusCode, 303);
  t.equal(await statusOf(target.id), 'shortlisted');
  t.match(textOf((await member.get(moved.headers.location!)).body), 'La candidature est maintenant « Retenue ».');

  const noReason = await member.post(`/gestion/candidatures/${target.id}/deplacer`, { to: 'refused', version: '2', message: 'Merci pour votre candidature', shareReason: 'true' });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.body, 'id="champ-reason-erreur"');
  t.match(textOf(noReason.body), 'Choisissez le motif : une candidature non retenue en donne toujours un.');
  t.match(noReason.body, 'Merci pour votre candidature</textarea>');
  t.match(noReason.body, /name="shareReason" value="true" checked/);
  t.equal(await statusOf(target.id), 'shortlisted');

  await member.get(`/gestion/candidatures/${target.id}`);
  const stale = await member.post(`/gestion/candidatures/${target.id}/deplacer`, { to: 'interview', version: '1' });
  t.equal(stale.statusCode, 412, 'the version read is older than the application');
  t.match(textOf(stale.body), 'Erreur');
  t.equal(await statusOf(target.id), 'shortlisted');

  await member.get(`/gestion/candidatures/${target.id}`);
  const refused = await member.post(`/gestion/candidatures/${target.id}/deplacer`, { to: 'refused', version: '2', reason: 'profile-mismatch', message: 'Merci', shareReason: 'true' });
  t.equal(refused.statusCode, 303);
  const row = await ctx.db.selectFrom('applications').select(['status', 'refusal_reason', 'refusal_reason_shared']).where('id', '=', target.id).executeTakeFirstOrThrow();
  t.same(row, { status: 'refused', refusal_reason: 'profile-mismatch', refusal_reason_shared: true });
  const card = textOf((await member.get(`/gestion/candidatures/${target.id}`)).body);
  t.match(card, 'Le profil ne correspond pas aux besoins de la mission — Merci (partagé avec la personne)');
  t.match(card, 'Rouvrir la candidature');
});

t.test('offering beyond the free places is said before the button', async (t) => {
  const small = await createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, title: 'Une seule place', places: 1 });
  await applicant(small.id, { status: 'offered' });
  const next = await applicant(small.id, { firstName: 'Nora', status: 'shortlisted' });
  const text = textOf((await member.get(`/gestion/candidatures/${next.id}`)).body);
  t.match(text, 'La mission a 1 place libre pour 1 offre en attente de réponse');
  t.match(text, 'Proposer la place');
  const roomy = textOf((await member.get(`/gestion/candidatures/${yanis.id}`)).body);
  t.notMatch(roomy, 'en attente de réponse', 'not when places are left');
});

t.test('in bulk: each line’s result; a line the workflow refuses leaves the others moved', async (t) => {
  const a = await applicant(atelier.id, { firstName: 'Anna', lastName: 'Bulk' });
  const b = await applicant(atelier.id, { firstName: 'Bruno', lastName: 'Bulk' });
  const c = await applicant(atelier.id, { firstName: 'Chloé', lastName: 'Bulk', status: 'withdrawn' });
  await member.get(`/gestion/candidatures?missionId=${atelier.id}`);
  const empty = await member.post('/gestion/candidatures/lot', { to: 'shortlisted', [`filtre-missionId`]: atelier.id });
  t.equal(empty.statusCode, 400);
  t.match(textOf(empty.body), 'Choisissez au moins une candidature dans la liste.');
  t.match(empty.body, /<option value="shortlisted" selected>/, 'the action chosen stays');

  await member.get(`/gestion/candidatures?missionId=${atelier.id}`);
  const res = await member.post('/gestion/candidatures/lot', {
    ids: [a.id, b.id, c.id, elsewhere.id],
    to: 'shortlisted',
    [`version-${a.id}`]: '1',
    [`version-${b.id}`]: '1',
    'filtre-missionId': atelier.id,
  });
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  t.match(text, '2 candidatures déplacées, 2 refusées');
  t.match(text, 'Anna Bulk : maintenant « Retenue »');
  t.match(text, 'Bruno Bulk : maintenant « Retenue »');
  t.match(text, /Chloé Bulk : Erreur : non déplacée — .*withdrawn|Chloé Bulk : Erreur : non déplacée — .+/);
  t.match(text, 'Candidature inconnue : Erreur : non déplacée', 'another structure’s application is not found, and not named');
  t.notMatch(text, 'Hugo');
  t.equal(await statusOf(a.id), 'shortlisted');
  t.equal(await statusOf(b.id), 'shortlisted');
  t.equal(await statusOf(c.id), 'withdrawn');
  t.equal(await statusOf(elsewhere.id), 'submitted');
  t.match(res.body, /<option value="[0-9a-f-]{36}" selected>Atelier théâtre à Carvin<\/option>/, 'the list comes back with its filters');

  await member.get('/gestion/candidatures');
  const noReason = await member.post('/gestion/candidatures/lot', { ids: [a.id], to: 'refused' });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.body, 'id="champ-reason-erreur"');
  t.equal(await statusOf(a.id), 'shortlisted');
});

t.test('a coordinator chooses the structure among the operator’s', async (t) => {
  const res = await coordinator.get('/gestion/candidatures');
  t.equal(res.statusCode, 200);
  t.match(res.body, 'name="structureId"');
  t.match(res.body, '>Médiathèque de Harnes</option>');
  const harnesList = await coordinator.get(`/gestion/candidatures?structureId=${harnes.id}`);
  const text = textOf(harnesList.body);
  t.match(text, 'Hugo Ailleurs');
  t.notMatch(text, 'Zoé Lefebvre');
  t.match(harnesList.body, `href="/structures/${harnes.id}/applications.csv"`);
  t.equal((await coordinator.get(`/gestion/candidatures/${zoe.id}`)).statusCode, 200);
  const foreign = await createStructure(ctx.db, { kind: 'proximity' });
  t.equal((await coordinator.get(`/gestion/candidatures?structureId=${foreign.id}`)).statusCode, 404, 'another operator’s structure');
});

t.test('the CSV link answers with the console’s cookie', async (t) => {
  const res = await member.get(`/structures/${carvin.id}/applications.csv?status=submitted`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], 'text/csv');
  t.match(res.body, 'Zoé');
});

t.test('a coordinator lists every structure’s applications by default, each with its structure, and narrows them by edition', async (t) => {
  const later = await createEdition(ctx.db, { operatorId: ligue.id });
  const hostile = await createStructure(ctx.db, { operatorId: ligue.id, name: '<script>alert("structure")</script> & Cie', kind: 'proximity' });
  const atHostile = await createMission(ctx.db, { operatorId: ligue.id, editionId: later.id, hostId: hostile.id, title: 'Mission de l’édition suivante' });
  const next = await applicant(atHostile.id, { firstName: 'Maëlle', lastName: 'Suivante' });

  const res = await coordinator.get('/gestion/candidatures');
  t.equal(res.statusCode, 200);
  const text = textOf(res.body);
  for (const name of ['Zoé Lefebvre', 'Hugo Ailleurs', 'Maëlle Suivante']) t.match(text, name, `${name}: every structure’s, every edition’s`);
  t.match(text, 'Service Culturel de Carvin — Ambassadeur du Louvre-Lens', 'a row says its structure');
  t.match(text, 'Médiathèque de Harnes — Lectures à Harnes');
  t.match(text, 'toutes les structures');
  t.match(res.body, /<option value selected>Toutes les structures<\/option>/, '« Toutes les structures » is the default');
  t.match(res.body, 'name="editionId"');
  t.match(res.body, /<option value selected>Toutes les éditions<\/option>/);
  t.match(res.body, `<option value="${later.id}">`);
  t.match(res.body, 'href="/gestion/candidatures.csv"', 'the CSV of the whole list');
  t.notMatch(res.body, '<script>alert("structure")', 'a structure’s name is escaped');
  t.match(res.body, '&lt;script>alert(&quot;structure&quot;)&lt;/script> &amp; Cie');
  t.match(text, '<script>alert("structure")</script> & Cie — Mission de l’édition suivante', 'and shown as typed');

  const first = await coordinator.get(`/gestion/candidatures?editionId=${edition.id}`);
  t.equal(first.statusCode, 200);
  const firstText = textOf(first.body);
  t.match(firstText, 'Zoé Lefebvre');
  t.match(firstText, 'Hugo Ailleurs');
  t.notMatch(firstText, 'Maëlle Suivante', 'another edition’s application');
  t.match(first.body, `<option value="${edition.id}" selected>`);
  t.match(first.body, `href="/editions/${edition.id}/applications.csv"`, 'the edition’s CSV');
  const laterText = textOf((await coordinator.get(`/gestion/candidatures?editionId=${later.id}`)).body);
  t.match(laterText, 'Maëlle Suivante');
  t.notMatch(laterText, 'Zoé Lefebvre');

  const oneStructure = await coordinator.get(`/gestion/candidatures?editionId=${edition.id}&structureId=${harnes.id}&status=submitted`);
  const oneText = textOf(oneStructure.body);
  t.match(oneText, 'Hugo Ailleurs');
  t.notMatch(oneText, 'Zoé Lefebvre');
  t.notMatch(oneText, 'Médiathèque de Harnes — Lectures', 'one structure’s list does not repeat its name on each row');
  t.match(oneStructure.body, `href="/editions/${edition.id}/applications.csv?structureId=${harnes.id}&amp;status=submitted"`, 'the CSV follows the filters');
  t.match(oneStructure.body, `href="/gestion/candidatures?editionId=${edition.id}&amp;structureId=${harnes.id}"`, 'clearing the filters keeps the edition and the structure');

  const csv = await coordinator.get(`/editions/${edition.id}/applications.csv`);
  t.equal(csv.statusCode, 200, 'the edition’s CSV answers with the console’s cookie');
  t.match(csv.body, 'Zoé');
  t.match(csv.body, 'Médiathèque de Harnes');
  t.notMatch(csv.body, 'Maëlle');
  const everything = await coordinator.get('/gestion/candidatures.csv?status=submitted');
  t.equal(everything.statusCode, 200);
  t.match(everything.headers['content-type'], 'text/csv');
  const { header, records } = readCsv(everything.body);
  t.same(header.slice(0, 8), ['Candidature', 'Date de dépôt', 'Heure de dépôt', 'Statut', 'Depuis le', 'Motif de refus', 'Mission', 'Structure d’accueil'], 'across structures, a column names the host');
  t.ok(records.every((r) => r.Statut === 'Envoyée'), 'the status in words');
  t.ok(records.every((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r['Date de dépôt']!) && /^\d{2}:\d{2}$/.test(r['Heure de dépôt']!)), 'French dates and times');
  for (const name of ['Zoé', 'Hugo', 'Maëlle']) t.ok(records.some((r) => r.Prénom === name), name);
  t.ok(records.some((r) => r['Structure d’accueil'] === '<script>alert("structure")</script> & Cie'), 'a name as it is');
  t.notMatch(everything.body, 'Yanis', 'the status filter holds');
  const badCsv = await coordinator.get('/gestion/candidatures.csv?status=nope');
  t.equal(badCsv.statusCode, 400, 'a bad filter is the client’s error');
  t.match(textOf(badCsv.body), 'Statut');
  t.equal((await member.get('/gestion/candidatures.csv')).statusCode, 403, 'a member has no list across structures');
  t.equal((await ctx.call('GET', `/editions/${edition.id}/applications.csv`, { headers: { cookie: '' } })).statusCode, 401);

  t.equal((await coordinator.get('/gestion/candidatures?editionId=pas-un-id')).statusCode, 404);
  t.equal((await coordinator.get(`/gestion/candidatures?editionId=${(await createEdition(ctx.db)).id}`)).statusCode, 404, 'another operator’s edition');

  const memberPage = await member.get(`/gestion/candidatures?editionId=${later.id}&structureId=${hostile.id}`);
  t.equal(memberPage.statusCode, 200);
  t.notMatch(memberPage.body, 'name="editionId"', 'a member does not choose the edition');
  const memberText = textOf(memberPage.body);
  t.match(memberText, 'Zoé Lefebvre', 'a member keeps to their structure whatever the address says');
  t.notMatch(memberText, 'Maëlle Suivante');
  t.notMatch(memberText, 'Service Culturel de Carvin — ', 'nor names it on each row');
  t.equal(await statusOf(next.id), 'submitted');
});

t.test('the coordinator’s list across structures pages on', async (t) => {
  const seen: string[] = [];
  let url: string | undefined = '/gestion/candidatures';
  while (url) {
    const res = await coordinator.get(url);
    t.equal(res.statusCode, 200);
    seen.push(...[...res.body.matchAll(/name="ids" value="([^"]+)"/g)].map((m) => m[1]!));
    const next = /href="([^"]+)" rel="next"|rel="next" href="([^"]+)"/.exec(res.body);
    url = next ? (next[1] ?? next[2]!).replaceAll('&amp;', '&') : undefined;
  }
  const expected = await ctx.db
    .selectFrom('applications as a')
    .innerJoin('missions as m', 'm.id', 'a.mission_id')
    .innerJoin('structures as s', 's.id', 'm.host_structure_id')
    .select('a.id')
    .where('s.operator_id', '=', ligue.id)
    .execute();
  t.ok(expected.length > 20, 'more than a page');
  t.equal(new Set(seen).size, seen.length, 'no application twice');
  t.same([...seen].sort(), expected.map((r) => r.id).sort(), 'every application of the operator’s structures, once');
});
