/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/emails/demo-outbox.test.ts > TAP > one message of each kind, as its recipient reads it > application.interview 1`] = `
Rencontre au forum : Médiation culturelle avec Culture Commune

Bonjour Yanis,

Vous avez rencontré la structure Service Culturel de Carvin au forum « Forum de recrutement — Parcours Artistique et Culturel en Artois » du mercredi 17 octobre 2018, pour la mission « Médiation culturelle avec Culture Commune ».

La structure vous répondra après le forum : vous recevrez un message dès qu’elle aura décidé.

Voir mes candidatures : {{PUBLIC_URL}}/mes-candidatures

L’équipe Binôme — Parcours Artistique et Culturel en Artois

-- 
Vous recevez ce message car vous avez posé votre candidature à la mission « Médiation culturelle avec Culture Commune » sur Binôme.
Ce message est envoyé automatiquement : une réponse à cette adresse n’est pas lue.

`
