import t from 'tap';
import { applicationEmail } from '../../src/modules/applications/applications.emails.js';
import { offerReminderEmail } from '../../src/modules/applications/offer-reminder.email.js';
import { accountCreatedEmail } from '../../src/modules/auth/account-created.email.js';
import { binomeConfirmedEmail } from '../../src/modules/binomes/binome-confirmed.email.js';
import { invitationEmail } from '../../src/modules/invitations/invitations.emails.js';
import { composeEmail, consoleLink } from '../../src/modules/outbox/compose.js';
import { passwordChangedEmail } from '../../src/modules/password-reset/password-changed.email.js';
import { passwordResetEmail } from '../../src/modules/password-reset/password-reset.emails.js';

/** The templates, pure: their words, dates and links. */
const base = { applicationId: 'a1', firstName: 'Léa', missionTitle: 'Lire à voix haute', hostName: 'Médiathèque de Lens', programme: 'Parcours Artistique et Culturel en Artois' };
const actions = (draft: { blocks: readonly { kind: string; href?: string }[] }) => draft.blocks.filter((b) => b.kind === 'action').map((b) => b.href);

t.test('the offer: its deadline as a French date, accept and decline links', async (t) => {
  // 15 October 2018, 10:00 in Paris.
  const draft = applicationEmail('offered', { ...base, offerDeadline: new Date('2018-10-15T08:00:00Z') });
  const { body } = composeEmail(draft);
  t.match(body, 'Répondez avant le lundi 15 octobre 2018 à 10 h 00');
  t.same(actions(draft), [consoleLink('/mes-candidatures/a1/accepter'), consoleLink('/mes-candidatures/a1/refuser')]);
  t.match(body, 'L’équipe Binôme — Parcours Artistique et Culturel en Artois');
  t.notMatch(body, /espace|14 jours/);
});

t.test('interview: met at the forum when it closes, « souhaite vous rencontrer » only by hand', async (t) => {
  const atForum = composeEmail(applicationEmail('interview', { ...base, forum: { title: 'Forum des missions', heldOn: '2018-10-13' } })).body;
  t.match(atForum, 'Vous avez rencontré la structure Médiathèque de Lens au forum « Forum des missions » du samedi 13 octobre 2018');
  t.match(atForum, 'La structure vous répondra');
  t.notMatch(atForum, /souhaite vous rencontrer/);
  t.match(composeEmail(applicationEmail('interview', base)).body, 'La structure souhaite vous rencontrer');
});

t.test('every status has a subject naming the mission, a footer and a console link', async (t) => {
  for (const to of ['submitted', 'in_review', 'shortlisted', 'interview', 'offered', 'accepted', 'declined', 'refused', 'withdrawn', 'expired', 'obsolete'] as const) {
    const draft = applicationEmail(to, { ...base, reason: to === 'refused' ? 'mission-filled' : null });
    t.match(draft.subject, / : Lire à voix haute$/, to);
    t.match(draft.why, /^Vous recevez ce message car /, to);
    t.ok(actions(draft).length > 0 && actions(draft).every((href) => href?.startsWith('{{PUBLIC_URL}}/')), to);
  }
});

t.test('the reminder: the deadline and both answers', async (t) => {
  const draft = offerReminderEmail({ ...base, deadline: new Date('2018-10-15T08:00:00Z') });
  t.match(composeEmail(draft).body, 'Répondez avant le lundi 15 octobre 2018 à 10 h 00');
  t.same(actions(draft), [consoleLink('/mes-candidatures/a1/accepter'), consoleLink('/mes-candidatures/a1/refuser')]);
});

t.test('the confirmed binôme: the placement sheet’s essentials', async (t) => {
  const draft = binomeConfirmedEmail({
    firstName: 'Léa',
    partnerFirstName: 'Yanis',
    programme: base.programme,
    missionTitle: 'Lire à voix haute',
    missionCommune: 'Lens',
    startsOn: '2018-11-01',
    endsOn: '2019-04-30',
    hostName: 'Médiathèque de Lens',
    partnerStructureName: 'Culture Commune',
    hostTutor: { name: 'Claire Dubois', email: 'claire@example.fr' },
    operatorName: 'Ligue de l’Enseignement',
    operatorTutor: { name: null, email: 'coordination@example.fr' },
  });
  const { body } = composeEmail(draft);
  t.match(body, 'vous ferez la mission « Lire à voix haute » avec Yanis.');
  t.match(body, 'Mission : Lire à voix haute (Lens)');
  t.match(body, 'Dates : du jeudi 1er novembre 2018 au mardi 30 avril 2019');
  t.match(body, 'Structure d’accueil : Médiathèque de Lens');
  t.match(body, 'Structure partenaire : Culture Commune');
  t.match(body, 'Tuteur ou tutrice dans la structure : Claire Dubois (claire@example.fr)');
  t.match(body, 'Contact à Ligue de l’Enseignement : coordination@example.fr');
  t.same(actions(draft), [consoleLink('/mon-binome')]);
});

t.test('staff and accounts: invitation, reset, password changed, sign-up', async (t) => {
  const invitation = invitationEmail({ link: consoleLink('/invitation?jeton=abc'), role: 'structure_member', where: 'Culture Commune', expiresAt: new Date('2018-10-20T10:00:00Z') });
  t.match(composeEmail(invitation).body, 'avant le samedi 20 octobre 2018 à 12 h 00');
  t.same(actions(invitation), ['{{PUBLIC_URL}}/invitation?jeton=abc']);
  t.same(actions(passwordResetEmail({ link: consoleLink('/nouveau-mot-de-passe?jeton=x'), validMinutes: 60 })), ['{{PUBLIC_URL}}/nouveau-mot-de-passe?jeton=x']);
  const changed = passwordChangedEmail({ firstName: null, at: new Date('2018-10-20T10:00:00Z'), how: 'reset' });
  t.match(composeEmail(changed).body, /modifié le samedi 20 octobre 2018 à 12 h 00, avec un lien[\s\S]*Si ce n’est pas vous/);
  t.same(actions(changed), [consoleLink('/mot-de-passe-oublie')]);
  t.same(actions(accountCreatedEmail({ firstName: null })), [consoleLink('/mon-profil')]);
});
