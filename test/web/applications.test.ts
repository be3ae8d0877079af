import t from 'tap';
import type { ApplicationStatus } from '../../db/database.js';
import { offerDeadline, expireOffers } from '../../src/modules/recruitment/recruitment.service.js';
import { formatDate, formatDateTime } from '../../src/i18n/format.js';
import { setup } from '../helpers/app.js';
import { createApplication, createEdition, createMission, createOperator, createProfile, createStructure, createUser, signIn, signedIn } from '../helpers/factories.js';
import { textOf, Visitor } from './helpers.js';

/** « Mes candidatures », the answers to an offer, « Mon binôme et ma mission ». */
const ctx = await setup(t);
const ligue = await createOperator(ctx.db, { name: 'Ligue de l’Enseignement du Pas-de-Calais' });
const coordinator = await signedIn(ctx, 'coordinator', { operatorId: ligue.id, fullName: 'Claire Coordinatrice' });
const edition = await createEdition(ctx.db, { operatorId: ligue.id });
const carvin = await createStructure(ctx.db, { operatorId: ligue.id, name: 'Service Culturel de Carvin', kind: 'proximity' });
await createUser(ctx.db, 'structure_member', { structureId: carvin.id, fullName: 'Paul Tuteur' });

const mission = (values: Parameters<typeof createMission>[1] = {}) => createMission(ctx.db, { operatorId: ligue.id, editionId: edition.id, hostId: carvin.id, ...values });

/** A candidate with a complete profile, signed in to the console. */
async function candidate(profile: Parameters<typeof createProfile>[2] = {}) {
  const user = await createUser(ctx.db, 'candidate');
  await createProfile(ctx.db, user.id, profile);
  const visitor = new Visitor(ctx);
  await visitor.signIn(user.email);
  return { user, visitor };
}

const statusOf = async (id: string) => (await ctx.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const applicationTo = (missionId: string, candidateId: string, status: ApplicationStatus = 'submitted', changedAt?: Date) =>
  createApplication(ctx.db, { missionId, candidateId, status, ...(changedAt ? { changedAt } : {}) });

t.test('the list: statuses in French, the date sent, the shared refusal reason only, someone else’s never', async (t) => {
  const { user, visitor } = await candidate();
  const sent = await mission({ title: 'Ambassadeur du Louvre-Lens' });
  const refusedShared = await mission({ title: 'Médiation à Culture Commune' });
  const refusedPrivate = await mission({ title: 'Accueil à Labanque' });
  const withdrawn = await mission({ title: 'Parcours à l’Escapade' });
  const a = await applicationTo(sent.id, user.id, 'submitted', new Date('2026-11-03T10:00:00Z'));
  const b = await applicationTo(refusedShared.id, user.id, 'refused');
  await ctx.db
    .updateTable('applications')
    .set({ refusal_reason: 'profile-mismatch', refusal_reason_shared: true, refusal_message: 'Nous cherchions quelqu’un de disponible le samedi.' })
    .where('id', '=', b.id)
    .execute();
  const c = await applicationTo(refusedPrivate.id, user.id, 'refused');
  await ctx.db.updateTable('applications').set({ refusal_reason: 'duplicate', refusal_reason_shared: false, refusal_message: 'Note privée' }).where('id', '=', c.id).execute();
  await applicationTo(withdrawn.id, user.id, 'withdrawn');
  const someoneElse = await candidate();
  await applicationTo((await mission({ title: 'La candidature de quelqu’un d’autre' })).id, someoneElse.user.id);

  const res = await visitor.get('/mes-candidatures');
  t.equal(res.statusCode, 200);
  t.equal(res.headers['cache-control'], 'no-store');
  const text = textOf(res.body);
  t.match(text, 'Mes candidatures');
  for (const title of ['Ambassadeur du Louvre-Lens', 'Médiation à Culture Commune', 'Accueil à Labanque', 'Parcours à l’Escapade']) t.match(text, title);
  t.match(res.body, `href="/mission/${sent.id}"`, 'each links to its mission');
  t.match(text, 'Service Culturel de Carvin', 'the structure');
  t.match(text, 'Envoyée le mardi 3 novembre 2026', 'the date sent, in French');
  t.match(text, 'Statut : Envoyée');
  t.match(text, 'Statut : Non retenue');
  t.match(text, 'Statut : Retirée');
  t.match(text, 'Motif communiqué par la structure Votre profil ne correspond pas aux besoins de la mission', 'the shared reason, in French');
  t.match(text, 'Nous cherchions quelqu’un de disponible le samedi.');
  t.notMatch(text, 'doublon', 'a reason not shared stays with the structure');
  t.notMatch(text, 'Note privée');
  t.notMatch(text, 'quelqu’un d’autre', 'another candidate’s application never shows');
  t.notMatch(text, 'submitted', 'no status code');
  t.notMatch(text, 'refused');
  t.match(res.body, `href="/mes-candidatures/${a.id}/retirer"`, 'a pending application can be withdrawn');
  t.notMatch(res.body, `/mes-candidatures/${b.id}/retirer`, 'a refused one cannot');
  t.match(res.body, 'href="/mes-candidatures" aria-current="page">Mes candidatures</a>', 'the menu entry');

  const empty = await (await candidate()).visitor.get('/mes-candidatures');
  t.match(textOf(empty.body), 'Vous n’avez pas encore envoyé de candidature.');
});

t.test('withdraw: a confirmation page, then the answer; the CSRF token is required', async (t) => {
  const { user, visitor } = await candidate();
  const m = await mission({ title: 'Médiathèque de Harnes' });
  const application = await applicationTo(m.id, user.id, 'in_review');

  const confirm = await visitor.get(`/mes-candidatures/${application.id}/retirer`);
  t.equal(confirm.statusCode, 200);
  t.match(textOf(confirm.body), 'Retirer ma candidature à « Médiathèque de Harnes » ?');
  t.match(textOf(confirm.body), 'La structure n’étudiera plus votre candidature');
  t.match(confirm.body, `<form method="post" action="/mes-candidatures/${application.id}/retirer"`);
  t.match(confirm.body, 'Oui, retirer ma candidature à « Médiathèque de Harnes »');

  const forged = await visitor.post(`/mes-candidatures/${application.id}/retirer`, { version: '1' }, { csrf: false });
  t.equal(forged.statusCode, 403);
  t.match(textOf(forged.body), 'La page a expiré');
  t.equal(await statusOf(application.id), 'in_review', 'nothing moved without the token');

  await visitor.get(`/mes-candidatures/${application.id}/retirer`);
  const done = await visitor.post(`/mes-candidatures/${application.id}/retirer`, { version: '1' });
  t.equal(done.statusCode, 303);
  t.equal(done.headers.location, '/mes-candidatures');
  t.equal(await statusOf(application.id), 'withdrawn');
  const list = await visitor.get('/mes-candidatures');
  t.match(textOf(list.body), 'Votre candidature est retirée.', 'the flash message');
  t.match(textOf(list.body), 'Statut : Retirée');
  t.notMatch(list.body, `/mes-candidatures/${application.id}/retirer`);

  const again = await visitor.get(`/mes-candidatures/${application.id}/retirer`);
  t.equal(again.statusCode, 409, 'no confirmation of what cannot be done any more');
  t.match(textOf(again.body), 'Cette candidature ne peut plus être retirée : son statut est « Retirée ».');

  const stranger = await candidate();
  t.equal((await stranger.visitor.get(`/mes-candidatures/${application.id}/retirer`)).statusCode, 404, 'someone else’s application');
  const other = await applicationTo((await mission()).id, user.id);
  await stranger.visitor.get('/mes-candidatures');
  t.equal((await stranger.visitor.post(`/mes-candidatures/${other.id}/retirer`, {})).statusCode, 404);
  t.equal(await statusOf(other.id), 'submitted');
  t.equal((await visitor.get('/mes-candidatures/pas-un-identifiant/retirer')).statusCode, 404);
});

t.test('accept an offer: its deadline, what it means, and the other pending applications become obsolete', async (t) => {
  const { user, visitor } = await candidate();
  const offeredAt = new Date(ctx.clock.now().getTime() - 2 * 86_400_000);
  const m = await mission({ title: 'Ambassadeur de la Comédie de Béthune', startsOn: '2027-03-01' });
  const offer = await applicationTo(m.id, user.id, 'offered', offeredAt);
  const other1 = await applicationTo((await mission({ title: 'Autre mission à Lens' })).id, user.id, 'submitted');
  const other2 = await applicationTo((await mission({ title: 'Autre mission à Liévin' })).id, user.id, 'interview');

  const list = await visitor.get('/mes-candidatures');
  const text = textOf(list.body);
  t.match(text, 'Une place vous est proposée');
  t.ok(text.indexOf('Une place vous est proposée') < text.indexOf('Autre mission à Lens'), 'the offer comes first');
  t.match(text, `À accepter avant le ${formatDateTime(offerDeadline(offeredAt))}`, 'the deadline as a French date');
  t.match(list.body, `href="/mes-candidatures/${offer.id}/accepter"`);
  t.match(text, 'Accepter l’offre pour « Ambassadeur de la Comédie de Béthune »', 'a button naming the mission');
  t.match(text, 'Refuser l’offre pour « Ambassadeur de la Comédie de Béthune »');

  const confirm = await visitor.get(`/mes-candidatures/${offer.id}/accepter`);
  t.equal(confirm.statusCode, 200);
  const explained = textOf(confirm.body);
  t.match(explained, 'Accepter l’offre pour « Ambassadeur de la Comédie de Béthune » ?');
  t.match(explained, `du ${formatDate('2027-03-01')}`);
  t.match(explained, 'Vos autres candidatures en attente seront closes, et les structures prévenues (2 candidatures)');
  t.match(explained, 'Autre mission à Lens');
  t.match(explained, 'Autre mission à Liévin');

  const done = await visitor.post(`/mes-candidatures/${offer.id}/accepter`, { version: String(offer.version) });
  t.equal(done.statusCode, 303, done.body);
  t.equal(await statusOf(offer.id), 'accepted');
  t.equal(await statusOf(other1.id), 'obsolete', 'the other pending applications end');
  t.equal(await statusOf(other2.id), 'obsolete');
  const after = textOf((await visitor.get('/mes-candidatures')).body);
  t.match(after, 'Vous avez accepté l’offre.');
  t.match(after, 'Statut : Acceptée');
  t.match(after, 'Statut : Close');
  t.notMatch(after, 'Une place vous est proposée');
});

t.test('decline an offer', async (t) => {
  const { user, visitor } = await candidate();
  const offer = await applicationTo((await mission({ title: 'Ambassadeur de Labanque' })).id, user.id, 'offered');
  const confirm = await visitor.get(`/mes-candidatures/${offer.id}/refuser`);
  t.match(textOf(confirm.body), 'La place sera proposée à une autre personne.');
  t.match(textOf(confirm.body), 'Oui, je refuse l’offre pour « Ambassadeur de Labanque »');
  const done = await visitor.post(`/mes-candidatures/${offer.id}/refuser`, { version: String(offer.version) });
  t.equal(done.statusCode, 303);
  t.equal(await statusOf(offer.id), 'declined');
  const list = textOf((await visitor.get('/mes-candidatures')).body);
  t.match(list, 'Vous avez refusé l’offre.');
  t.match(list, 'Statut : Offre refusée par vous');
});

t.test('accepting after the deadline: the service’s refusal beside the application, nothing else lost', async (t) => {
  const { user, visitor } = await candidate();
  const offeredAt = new Date(ctx.clock.now().getTime() - 15 * 86_400_000);
  const offer = await applicationTo((await mission({ title: 'Mission trop tard' })).id, user.id, 'offered', offeredAt);
  const kept = await applicationTo((await mission({ title: 'Mission en attente' })).id, user.id, 'submitted');
  // The candidate opened the confirmation before the job ended the offer…
  t.equal((await visitor.get(`/mes-candidatures/${offer.id}/accepter`)).statusCode, 200);
  t.equal(await expireOffers({ db: ctx.db }, ctx.clock.now()), 1);
  // …and answers after it.
  const res = await visitor.post(`/mes-candidatures/${offer.id}/accepter`, { version: String(offer.version) });
  t.equal(res.statusCode, 409);
  t.match(res.body, '<title>Erreur : Mes candidatures — Binôme</title>');
  const text = textOf(res.body);
  const api = await ctx.call('POST', `/applications/${offer.id}/accept`, { token: (await signIn(ctx, user)).accessToken });
  t.equal(api.statusCode, 409);
  const detail = (api.json() as { detail: string }).detail;
  t.ok(detail.length > 0);
  t.match(text, `Votre demande n’a pas abouti Mission trop tard : ${detail}`, 'the summary names the mission and the service’s text');
  t.match(res.body, `id="candidature-${offer.id}-erreur"`, 'the error beside the application');
  t.match(text, 'Statut : Offre expirée');
  t.match(text, 'Mission en attente', 'the rest of the page is there');
  t.equal(await statusOf(offer.id), 'expired');
  t.equal(await statusOf(kept.id), 'submitted');
  const again = await visitor.get(`/mes-candidatures/${offer.id}/accepter`);
  t.equal(again.statusCode, 409);
  t.match(textOf(again.body), 'Cette offre ne peut plus être acceptée : son statut est « Offre expirée ».');
});

t.test('hostile text stays text', async (t) => {
  const { user, visitor } = await candidate();
  const m = await mission({ title: '<script>alert("mission")</script>' });
  const application = await applicationTo(m.id, user.id, 'refused');
  await ctx.db
    .updateTable('applications')
    .set({ refusal_reason: 'other', refusal_reason_shared: true, refusal_message: '<img src=x onerror=alert(1)>' })
    .where('id', '=', application.id)
    .execute();
  const offer = await applicationTo((await mission({ title: '<b>offre</b>' })).id, user.id, 'offered');
  const res = await visitor.get('/mes-candidatures');
  t.notMatch(res.body, '<script>alert');
  t.notMatch(res.body, '<img src=x');
  t.notMatch(res.body, '<b>offre</b>');
  t.match(textOf(res.body), '<script>alert("mission")</script>');
  t.match(textOf(res.body), '<img src=x onerror=alert(1)>');
  const confirm = await visitor.get(`/mes-candidatures/${offer.id}/accepter`);
  t.notMatch(confirm.body, '<b>offre</b>');
  t.match(textOf(confirm.body), 'Accepter l’offre pour « <b>offre</b> » ?');
});

t.test('other roles get the 403 page; anonymous visitors go to the sign-in page', async (t) => {
  const m = await mission();
  const owner = await candidate();
  const application = await applicationTo(m.id, owner.user.id, 'offered');
  for (const role of ['structure_member', 'coordinator', 'admin'] as const) {
    const user = await createUser(ctx.db, role, role === 'coordinator' ? { operatorId: ligue.id } : role === 'structure_member' ? { structureId: carvin.id } : {});
    const visitor = new Visitor(ctx);
    await visitor.signIn(user.email);
    for (const url of ['/mes-candidatures', '/mon-binome', `/mes-candidatures/${application.id}/accepter`]) {
      const res = await visitor.get(url);
      t.equal(res.statusCode, 403, `${role}: ${url}`);
      t.match(textOf(res.body), 'Accès refusé');
    }
    t.equal((await visitor.post(`/mes-candidatures/${application.id}/accepter`, {})).statusCode, 403, `${role}: no answer for someone else`);
    t.notMatch((await visitor.get('/')).body, 'href="/mes-candidatures"', `${role}: no menu entry`);
  }
  const anonymous = new Visitor(ctx);
  for (const url of ['/mes-candidatures', '/mon-binome', `/mes-candidatures/${application.id}/retirer`]) {
    const res = await anonymous.get(url);
    t.equal(res.statusCode, 302, url);
    t.equal(res.headers.location, `/connexion?next=${encodeURIComponent(url)}`);
  }
  await anonymous.get('/connexion');
  const post = await anonymous.post(`/mes-candidatures/${application.id}/accepter`, {});
  t.equal(post.statusCode, 303);
  t.equal(post.headers.location, '/connexion');
  t.equal(await statusOf(application.id), 'offered');
});

t.test('a binôme: the offer names the partner; once both accepted, the binôme and the placement', async (t) => {
  const m = await mission({ title: 'Ambassadeurs de Culture Commune', startsOn: '2027-02-01', durationMonths: 6, weeklyHours: 24 });
  const a = await candidate({ firstName: 'Inès', lastName: 'Lefebvre' });
  const b = await candidate({ firstName: 'Hugo', lastName: 'Dubois' });
  const appA = await applicationTo(m.id, a.user.id, 'shortlisted');
  const appB = await applicationTo(m.id, b.user.id, 'shortlisted');
  const formed = await ctx.call('POST', `/editions/${edition.id}/binomes`, { token: coordinator.accessToken, body: { missionId: m.id, candidateIds: [a.user.id, b.user.id] } });
  t.equal(formed.statusCode, 201, formed.body);

  const offerA = textOf((await a.visitor.get('/mes-candidatures')).body);
  t.match(offerA, 'Cette place vous est proposée en binôme avec Hugo.');
  t.notMatch(offerA, 'Dubois', 'the partner’s first name only');
  const confirmA = textOf((await a.visitor.get(`/mes-candidatures/${appA.id}/accepter`)).body);
  t.match(confirmA, 'Vous ferez la mission en binôme avec Hugo. Le binôme est confirmé quand vous avez accepté tous les deux.');
  t.equal((await a.visitor.post(`/mes-candidatures/${appA.id}/accepter`, { version: '2' })).statusCode, 303);
  const waiting = textOf((await a.visitor.get('/mes-candidatures')).body);
  t.match(waiting, 'Mon binôme');
  t.match(waiting, 'Le binôme n’est pas encore confirmé ; il attend : la réponse de Hugo à son offre');
  t.match(textOf((await a.visitor.get('/mon-binome')).body), 'Votre binôme n’est pas encore confirmé');

  const confirmB = textOf((await b.visitor.get(`/mes-candidatures/${appB.id}/accepter`)).body);
  t.match(confirmB, 'Inès a déjà accepté : le binôme sera confirmé dès votre réponse.');
  t.equal((await b.visitor.post(`/mes-candidatures/${appB.id}/accepter`, { version: '2' })).statusCode, 303);
  const confirmed = textOf((await b.visitor.get('/mes-candidatures')).body);
  t.match(confirmed, 'Votre binôme est confirmé : vous faites la mission Ambassadeurs de Culture Commune avec Inès');
  t.match(confirmed, 'à partir du lundi 1er février 2027.');
  t.match(confirmed, 'Voir mon binôme et ma mission');

  const sheet = await b.visitor.get('/mon-binome');
  t.equal(sheet.statusCode, 200);
  const text = textOf(sheet.body);
  t.match(text, 'Mon binôme et ma mission');
  t.match(text, 'vous faites la mission « Ambassadeurs de Culture Commune » avec Inès');
  t.notMatch(text, 'Lefebvre', 'never the partner’s last name');
  t.match(text, 'du lundi 1er février 2027 au samedi 31 juillet 2027 (6 mois)');
  t.match(text, '24 heures par semaine');
  t.match(text, 'Structure d’accueil (de proximité) Service Culturel de Carvin');
  t.match(text, /Structure partenaire \(premier cercle\) Structure [0-9a-f]{8}/);
  t.match(text, 'Ligue de l’Enseignement du Pas-de-Calais');
  t.match(text, 'Paul Tuteur');
  t.match(text, 'Claire Coordinatrice');
  t.match(text, 'Chaque mois 619,83 €');
  t.match(text, 'Versés par l’État 504,98 €');
  t.match(text, 'Versés par la structure d’accueil 114,85 €');
  t.match(sheet.body, `href="/mission/${m.id}"`);
  t.equal((await a.visitor.get('/mon-binome')).statusCode, 200);
  t.match(textOf((await a.visitor.get('/mon-binome')).body), 'avec Hugo');

  const nobody = await candidate();
  t.match(textOf((await nobody.visitor.get('/mon-binome')).body), 'Vous n’avez pas encore de binôme.');
});

t.test('a long history: the older applications follow a link', async (t) => {
  const { user, visitor } = await candidate();
  const m = await mission({ title: 'Mission souvent tentée' });
  const start = ctx.clock.now().getTime() - 100 * 86_400_000;
  for (let i = 0; i < 51; i++) await applicationTo(m.id, user.id, 'withdrawn', new Date(start + i * 60_000));
  const first = await visitor.get('/mes-candidatures');
  t.equal(first.body.split('Statut : <strong class="tag">Retirée').length - 1, 50, 'fifty at once');
  const next = /href="(\/mes-candidatures\?suite=[^"]+)"/.exec(first.body)?.[1];
  t.ok(next, 'a link to the older ones');
  const second = await visitor.get(next!.replaceAll('&amp;', '&'));
  t.equal(second.statusCode, 200);
  t.equal(second.body.split('Statut : <strong class="tag">Retirée').length - 1, 1, 'the oldest one');
  t.notMatch(second.body, 'Voir les candidatures plus anciennes');
  t.equal((await visitor.get('/mes-candidatures?suite=nimportequoi')).statusCode, 200, 'a broken link shows the first page');
});
