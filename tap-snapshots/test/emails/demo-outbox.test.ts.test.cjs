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
Ce message est envoyé automatiquement.

`

exports[`test/emails/demo-outbox.test.ts > TAP > one message of each kind, as its recipient reads it > forum.convocation 1`] = `
Votre convocation au forum « Forum de recrutement — Parcours Artistique et Culturel en Artois » le mercredi 17 octobre 2018

Bonjour Yanis,

La grille des rencontres du forum « Forum de recrutement — Parcours Artistique et Culturel en Artois » est établie. Voici le rendez-vous :

Date : mercredi 17 octobre 2018
Horaires : 14 h 00 – 17 h 30
Lieu : Maison syndicale, 32 rue Paul-Bert, 62300 Lens

Votre agenda : 4 rencontres.

<horaire> : Culture Commune, table <n>
<horaire> : Labanque, table <n>
<horaire> : Ligue de l’Enseignement du Pas-de-Calais, table <n>
<horaire> : Service Culturel de Carvin, table <n>

L’agenda est joint à ce message : ouvrez le fichier pour l’ajouter à votre calendrier.

Voir mon planning : {{PUBLIC_URL}}/mon-planning

L’équipe Binôme — Parcours Artistique et Culturel en Artois

-- 
Vous recevez ce message car vous êtes invité·e au forum « Forum de recrutement — Parcours Artistique et Culturel en Artois ».
Ce message est envoyé automatiquement.

`
