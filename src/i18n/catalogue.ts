/**
 * The one catalogue of what people read from Binôme (issue 13, « French first »): every message
 * has a French text, the default, and an English one for `Accept-Language: en`. A message is a
 * string, or a function of typed params when it names things (a title, a number, a date).
 *
 * Pure data and pure functions: the algorithms, the worker thread and the e-mails may import it.
 * French texts write dates as people do (« 1er octobre 2027 », src/i18n/format.ts); English ones keep ISO. French typography: ’ for the apostrophe, « » for
 * quotes (test/i18n/catalogue.test.ts checks the plain strings).
 *
 * How to add one: a key named `<area>.<what>`, `m(fr, en)`; `text(key, params)` names it
 * (src/i18n/index.ts), a DomainError or `withTexts` carries it to the reader. An area may keep
 * its messages in a part of its own (src/i18n/parts/), spread into CATALOGUE below: still one
 * catalogue, one set of keys, the same checks.
 */

import { formatDateTime, formatShortDate as day, formatClock as clock, plural } from './format.js';

import { type Entry, m } from './entry.js';
import { FOLLOW_UP_MESSAGES } from './parts/follow-up.js';
import { INFO_SESSIONS_MESSAGES } from './parts/info-sessions.js';
import { PROJECTS_MESSAGES } from './parts/projects.js';
import { REPORT_MESSAGES } from './parts/report.js';

export type { Entry };

// Names used inside messages ------------------------------------------------------------------

/** What a 404 names: `new NotFound('mission')`. */
export const THINGS = {
  account: { fr: 'Compte', en: 'Account' },
  agenda: { fr: 'Agenda', en: 'Agenda' },
  application: { fr: 'Candidature', en: 'Application' },
  binome: { fr: 'Binôme', en: 'Binôme' },
  binomeMember: { fr: 'Membre du binôme', en: 'Binôme member' },
  candidate: { fr: 'Candidat', en: 'Candidate' },
  candidateAtForum: { fr: 'Candidat invité à ce forum', en: 'Candidate at this forum' },
  edition: { fr: 'Édition', en: 'Edition' },
  forum: { fr: 'Forum', en: 'Forum' },
  invitation: { fr: 'Invitation', en: 'Invitation' },
  meeting: { fr: 'Rencontre', en: 'Meeting' },
  meetingRequest: { fr: 'Demande de rencontre', en: 'Meeting request' },
  mission: { fr: 'Mission', en: 'Mission' },
  operator: { fr: 'Organisme', en: 'Operator' },
  partnership: { fr: 'Partenariat', en: 'Partnership' },
  placement: { fr: 'Affectation', en: 'Placement' },
  placementRun: { fr: 'Calcul d’affectation', en: 'Placement run' },
  project: { fr: 'Projet de médiation', en: 'Mediation project' },
  outing: { fr: 'Sortie', en: 'Outing' },
  infoSession: { fr: 'Réunion d’information', en: 'Information meeting' },
  infoRegistration: { fr: 'Inscription à une réunion d’information', en: 'Registration to an information meeting' },
  volunteer: { fr: 'Volontaire', en: 'Volunteer' },
  checkIn: { fr: 'Point de suivi', en: 'Check-in' },
  report: { fr: 'Bilan', en: 'Report' },
  programme: { fr: 'Programme', en: 'Programme' },
  structure: { fr: 'Structure', en: 'Structure' },
  structureAtForum: { fr: 'Structure présente à ce forum', en: 'Structure at this forum' },
} as const;
export type Thing = keyof typeof THINGS;

/** The roles, as a person reads them (« le rôle « coordinateur » »). */
const ROLES: Record<string, { fr: string; en: string }> = {
  candidate: { fr: 'candidat', en: 'candidate' },
  structure_member: { fr: 'membre de structure', en: 'structure member' },
  coordinator: { fr: 'coordinateur', en: 'coordinator' },
  admin: { fr: 'administrateur', en: 'admin' },
  platform: { fr: 'plateforme', en: 'platform' },
};
const role = (r: string, lang: 'fr' | 'en') => ROLES[r]?.[lang] ?? r;

/** The workflows' entities (`Workflow.what`) and their statuses, in French with their gender. */
const ENTITIES: Record<string, { the: string; a: string; pronoun: string; en: string; statuses: Record<string, string> }> = {
  application: {
    the: 'la candidature',
    a: 'une candidature',
    pronoun: 'elle',
    en: 'application',
    statuses: {
      submitted: 'envoyée',
      in_review: 'en cours d’examen',
      shortlisted: 'présélectionnée',
      interview: 'en entretien',
      offered: 'avec une offre',
      accepted: 'acceptée',
      declined: 'déclinée',
      refused: 'refusée',
      withdrawn: 'retirée',
      expired: 'expirée',
      obsolete: 'caduque',
    },
  },
  mission: {
    the: 'la mission',
    a: 'une mission',
    pronoun: 'elle',
    en: 'mission',
    statuses: { draft: 'en brouillon', published: 'publiée', filled: 'pourvue', closed: 'clôturée' },
  },
  edition: {
    the: 'l’édition',
    a: 'une édition',
    pronoun: 'elle',
    en: 'edition',
    statuses: { planning: 'en préparation', recruiting: 'en recrutement', running: 'en cours', closed: 'clôturée' },
  },
  forum: {
    the: 'le forum',
    a: 'un forum',
    pronoun: 'il',
    en: 'forum',
    statuses: { planning: 'en préparation', scheduled: 'planifié', running: 'en cours', closed: 'clos' },
  },
  binôme: {
    the: 'le binôme',
    a: 'un binôme',
    pronoun: 'il',
    en: 'binôme',
    statuses: { proposed: 'proposé', confirmed: 'confirmé', broken: 'rompu', dissolved: 'dissous' },
  },
  project: {
    the: 'le projet',
    a: 'un projet',
    pronoun: 'il',
    en: 'project',
    statuses: { draft: 'en brouillon', submitted: 'soumis', validated: 'validé', running: 'en cours', done: 'terminé', abandoned: 'abandonné' },
  },
  structure: { the: 'la structure', a: 'une structure', pronoun: 'elle', en: 'structure', statuses: {} },
  placement: { the: 'l’affectation', a: 'une affectation', pronoun: 'elle', en: 'placement', statuses: {} },
  invitation: {
    the: 'l’invitation',
    a: 'une invitation',
    pronoun: 'elle',
    en: 'invitation',
    statuses: { pending: 'en attente', accepted: 'acceptée', revoked: 'retirée', expired: 'expirée' },
  },
};
const entity = (what: string) => ENTITIES[what] ?? { the: String(what), a: String(what), pronoun: 'il', en: String(what), statuses: {} };
/** « relisez-le » or « relisez-la »: the object pronoun of the entity. */
const reread = (what: string) => (entity(what).pronoun === 'il' ? 'le' : 'la');
const capital = (s: string) => String(s).charAt(0).toUpperCase() + String(s).slice(1);
/** « publiée » for a status; the raw status when the table has none. */
const status = (what: string, s: string) => `« ${entity(what).statuses[s] ?? s} »`;
const statusList = (what: string, list: readonly string[]) => list.map((s) => status(what, s)).join(', ');

/** The transitions' names (`Transition.name`) as French verbs. */
const ACTIONS: Record<string, string> = {
  review: 'examiner',
  shortlist: 'présélectionner',
  'invite to an interview': 'inviter à un entretien',
  'offer a place to': 'faire une offre à',
  refuse: 'refuser',
  reopen: 'rouvrir',
  accept: 'accepter',
  decline: 'décliner',
  withdraw: 'retirer',
  expire: 'faire expirer',
  'make obsolete': 'rendre caduque',
  'refuse for no response': 'refuser faute de réponse',
  confirm: 'confirmer',
  break: 'rompre',
  dissolve: 'dissoudre',
  'open recruitment for': 'ouvrir le recrutement de',
  start: 'démarrer',
  close: 'clôturer',
  schedule: 'planifier',
  publish: 'publier',
  fill: 'déclarer pourvue',
  'end the offer: mission filled': 'clore l’offre (mission pourvue) de',
  'withdraw the offer': 'retirer l’offre de',
  // Mediation projects (issue 16).
  submit: 'soumettre',
  return: 'renvoyer en brouillon',
  validate: 'valider',
  finish: 'terminer',
  abandon: 'abandonner',
};

const STRUCTURE_KINDS: Record<string, { fr: string; en: string }> = {
  first_circle: { fr: 'une structure du premier cercle', en: 'a first-circle structure' },
  proximity: { fr: 'une structure de proximité', en: 'a proximity structure' },
  public_partner: { fr: 'un partenaire public', en: 'a public partner' },
};
const kind = (k: string, lang: 'fr' | 'en') => STRUCTURE_KINDS[k]?.[lang] ?? k;

/** English counts: « 1 second », « 0 seconds »; French ones use `plural` from format.ts (« 0 seconde »). */
/** The fields that go with a refusal only, as a person reads them. */
const REFUSAL_FIELDS: Record<string, string> = { reason: 'Le motif', message: 'Le message au candidat', shareReason: 'Le partage du motif' };

/** A distance as French writes it: one decimal, a decimal comma (« 12,4 »). */
const kilometres = (km: number) => Number(km).toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const pluralEn = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// The messages -----------------------------------------------------------------------------------

/** zxcvbn's French warning and suggestions (src/lib/password-policy.ts), already sentences. */
interface PasswordAdvice {
  warning: string;
  suggestions: string[];
}
const passwordAdvice = (p: PasswordAdvice) => [p.warning, ...p.suggestions].filter(Boolean).join(' ') || 'Ajoutez quelques mots peu courants.';

export const CATALOGUE = {
  // Problem titles (RFC 9457 `title`), by status -------------------------------------------------
  'status.400': m('Requête invalide', 'Bad Request'),
  'status.401': m('Authentification requise', 'Unauthorized'),
  'status.403': m('Action non autorisée', 'Forbidden'),
  'status.404': m('Introuvable', 'Not Found'),
  'status.405': m('Méthode non autorisée', 'Method Not Allowed'),
  'status.406': m('Format de réponse non disponible', 'Not Acceptable'),
  'status.408': m('Requête trop lente', 'Request Timeout'),
  'status.409': m('Conflit', 'Conflict'),
  'status.410': m('N’est plus disponible', 'Gone'),
  'status.411': m('Longueur requise', 'Length Required'),
  'status.412': m('Version périmée', 'Precondition Failed'),
  'status.413': m('Requête trop volumineuse', 'Payload Too Large'),
  'status.414': m('Adresse trop longue', 'URI Too Long'),
  'status.415': m('Type de contenu non pris en charge', 'Unsupported Media Type'),
  'status.422': m('Demande refusée', 'Unprocessable Entity'),
  'status.428': m('Version requise', 'Precondition Required'),
  'status.429': m('Trop de requêtes', 'Too Many Requests'),
  'status.431': m('En-têtes trop volumineux', 'Request Header Fields Too Large'),
  'status.500': m('Erreur interne', 'Internal Server Error'),
  'status.503': m('Service indisponible', 'Service Unavailable'),
  'status.other': m('Erreur', 'Error'),

  // The problem handler's own details -------------------------------------------------------------
  'problem.internal': m(
    'Une erreur inattendue s’est produite. Elle a été enregistrée ; citez l’identifiant de la requête (requestId) pour la signaler.',
    'An unexpected error occurred. It has been logged; quote the request id when reporting it.',
  ),
  'problem.noRoute': m<{ method: string; path: string }>(
    (p) => `Aucune route ne répond à ${p.method} ${p.path}.`,
    (p) => `No route for ${p.method} ${p.path}`,
  ),
  // A field's message may end with a sentence of its own (a password's advice): no second full stop.
  'problem.validation': m<{ fields: string }>((p) => `Des champs sont invalides : ${p.fields}${/[.!?]$/.test(p.fields) ? '' : '.'}`, (p) => `${p.fields}`),
  'problem.badUrl': m(
    'L’adresse est mal formée : un caractère encodé en pourcent n’est pas valide.',
    'The URL is malformed: a percent-encoded character is not valid.',
  ),
  'problem.paramTooLong': m(
    'Une partie du chemin est trop longue (100 caractères au plus).',
    'A part of the path is too long (at most 100 characters).',
  ),
  'problem.requestTimeout': m('La requête a mis trop de temps à arriver ; envoyez-la de nouveau.', 'The request took too long to arrive; send it again.'),
  'problem.headersTooLarge': m('Les en-têtes de la requête sont trop volumineux.', 'The request headers are too large.'),
  'problem.malformedHttp': m('La requête n’est pas une requête HTTP valide.', 'The request is not valid HTTP.'),
  // Fastify's own client errors (by its error codes), with one text per status as the fallback.
  'problem.bodyTooLarge': m('Le corps de la requête est trop volumineux (256 Kio au plus).', 'The request body is too large.'),
  'problem.emptyJsonBody': m(
    'Le corps de la requête est vide alors que son type est application/json : envoyez un objet JSON ou retirez l’en-tête Content-Type.',
    'The body is empty while its content type is application/json.',
  ),
  'problem.invalidJson': m('Le corps de la requête n’est pas un JSON valide.', 'The request body is not valid JSON.'),
  'problem.unsupportedMediaType': m<{ type: string }>(
    (p) => `Le type de contenu « ${p.type} » n’est pas accepté : envoyez du JSON (application/json).`,
    (p) => `Unsupported Media Type: ${p.type}`,
  ),
  'problem.invalidContentLength': m('La longueur annoncée (Content-Length) ne correspond pas au corps envoyé.', 'Content-Length does not match the body.'),
  'problem.clientError': m('La requête ne peut pas être traitée telle quelle.', 'The request cannot be processed as it is.'),
  'problem.tooManyFromAddress': m<{ seconds: number }>(
    (p) => `Trop de requêtes depuis cette adresse ; réessayez dans ${plural(p.seconds, 'seconde', 'secondes')}.`,
    (p) => `Too many requests from this address; try again in ${pluralEn(p.seconds, 'second', 'seconds')}`,
  ),
  'problem.shuttingDown': m('Le serveur s’arrête ; réessayez dans un instant.', 'The server is shutting down; retry in a moment'),
  'problem.databaseDown': m('La base de données ne répond pas.', 'The database is not answering'),

  // The database's refusals (PostgreSQL error classes) ---------------------------------------------
  'db.duplicate': m('La demande entre en conflit avec des données existantes (un doublon).', 'The request conflicts with existing data (a duplicate).'),
  'db.reference': m(
    'La demande désigne des données qui n’existent pas ou qui sont encore utilisées.',
    'The request refers to data that does not exist or is still in use.',
  ),
  'db.check': m('La base de données a refusé une valeur qui enfreint l’une de ses règles.', 'The database refused a value that breaks one of its rules.'),
  'db.concurrent': m('Une modification simultanée a gêné la demande ; envoyez-la de nouveau.', 'A concurrent change got in the way; retry the request.'),
  'db.tooLong': m('Une valeur est trop longue.', 'A value is too long.'),
  'db.outOfRange': m('Un nombre sort des limites permises.', 'A number is out of range.'),
  'db.badDate': m('Une date ou une heure n’est pas valide.', 'A date or time is not valid.'),
  'db.dateOutOfRange': m('Une date ou une heure sort des limites permises.', 'A date or time is out of range.'),
  'db.badCharacter': m('Un texte contient un caractère qui ne peut pas être enregistré.', 'A text holds a character that cannot be stored.'),
  'db.badFormat': m('Une valeur n’a pas le format attendu.', 'A value is not in the expected format.'),

  // Validation of fields (zod issues, and the services' own per-field messages) -------------------
  'field.required': m('obligatoire', 'is required'),
  'field.notAccepted': m('n’est pas un champ accepté', 'is not an accepted field'),
  'field.invalid': m('n’est pas valide', 'is invalid'),
  'field.wrongType': m<{ expected: string }>(
    (p) => `doit être ${TYPES[p.expected]?.fr ?? p.expected}`,
    (p) => `must be ${TYPES[p.expected]?.en ?? p.expected}`,
  ),
  'field.oneOf': m<{ values: string }>((p) => `doit valoir l’une de ces valeurs : ${p.values}`, (p) => `must be one of: ${p.values}`),
  'field.equals': m<{ value: string }>((p) => `doit valoir ${p.value}`, (p) => `must be ${p.value}`),
  'field.tooShort': m<{ minimum: number; exact?: boolean }>(
    (p) => `doit contenir ${p.exact ? '' : 'au moins '}${plural(p.minimum, 'caractère', 'caractères')}`,
    (p) => `must be ${p.exact ? '' : 'at least '}${pluralEn(p.minimum, 'character', 'characters')} long`,
  ),
  'field.tooLong': m<{ maximum: number; exact?: boolean }>(
    (p) => `doit contenir ${p.exact ? '' : 'au plus '}${plural(p.maximum, 'caractère', 'caractères')}`,
    (p) => `must be ${p.exact ? '' : 'at most '}${pluralEn(p.maximum, 'character', 'characters')} long`,
  ),
  'field.tooFewItems': m<{ minimum: number }>(
    (p) => `doit contenir au moins ${plural(p.minimum, 'élément', 'éléments')}`,
    (p) => `must have at least ${pluralEn(p.minimum, 'item', 'items')}`,
  ),
  'field.tooManyItems': m<{ maximum: number }>(
    (p) => `doit contenir au plus ${plural(p.maximum, 'élément', 'éléments')}`,
    (p) => `must have at most ${pluralEn(p.maximum, 'item', 'items')}`,
  ),
  'field.tooSmall': m<{ minimum: string; inclusive: boolean }>(
    (p) => (p.inclusive ? `doit être supérieur ou égal à ${p.minimum}` : `doit être supérieur à ${p.minimum}`),
    (p) => (p.inclusive ? `must be at least ${p.minimum}` : `must be greater than ${p.minimum}`),
  ),
  'field.tooBig': m<{ maximum: string; inclusive: boolean }>(
    (p) => (p.inclusive ? `doit être inférieur ou égal à ${p.maximum}` : `doit être inférieur à ${p.maximum}`),
    (p) => (p.inclusive ? `must be at most ${p.maximum}` : `must be less than ${p.maximum}`),
  ),
  'field.multipleOf': m<{ divisor: string }>((p) => `doit être un multiple de ${p.divisor}`, (p) => `must be a multiple of ${p.divisor}`),
  'field.format': m<{ format: string }>(
    (p) => `doit être ${FORMATS[p.format]?.fr ?? `au format ${p.format}`}`,
    (p) => `must be ${FORMATS[p.format]?.en ?? `a valid ${p.format}`}`,
  ),
  // Passwords (src/lib/password-policy.ts): zxcvbn's feedback is French (its French
  // translations), carried as params; the English form, for the start-up checks and API clients
  // asking for English, says the same without it.
  'field.weakPassword': m<PasswordAdvice>(
    (p) => `est trop facile à deviner. ${passwordAdvice(p)}`,
    () => 'is too easy to guess; add a few uncommon words, or make it longer',
  ),
  // The same refusal as a service's sentence (the person's name or e-mail made it weak).
  'password.tooEasy': m<PasswordAdvice>(
    (p) => `Ce mot de passe est trop facile à deviner. ${passwordAdvice(p)}`,
    () => 'This password is too easy to guess; add a few uncommon words, or make it longer.',
  ),
  'password.length': m<{ minimum: number; maximum: number }>(
    (p) => `Un mot de passe compte de ${p.minimum} à ${p.maximum} caractères.`,
    (p) => `A password has ${p.minimum} to ${p.maximum} characters.`,
  ),
  'field.timeOfDay': m('doit être une heure au format HH:MM', 'must be a time of day, HH:MM'),
  'field.mobilePhone': m('doit être un numéro de téléphone, par exemple 06 12 34 56 78', 'must be a phone number, e.g. 06 12 34 56 78'),
  'field.latLon': m('doit être lat,lon, par exemple 50.43,2.83', 'must be lat,lon, e.g. 50.43,2.83'),
  'field.inseeCode': m('doit être un code INSEE de commune, par exemple 62510', 'must be an INSEE commune code, e.g. 62510'),
  'field.departmentCode': m('doit être un code de département, par exemple 62', 'must be a department code, e.g. 62'),
  'field.epciCode': m('doit être un numéro SIREN d’EPCI (9 chiffres)', 'must be an EPCI SIREN number (9 digits)'),
  'field.postalCode': m('doit être un code postal, par exemple 62800', 'must be a postal code, e.g. 62800'),
  'field.controlCharacters': m('ne doit pas contenir de caractères de contrôle', 'must not contain control characters'),
  'field.etag': m('doit être l’ETag que vous avez lu', 'must be the ETag you read'),
  'field.pattern': m('n’a pas le format attendu', 'does not have the expected format'),
  'field.unknownKeys': m<{ keys: string }>((p) => `champs non acceptés : ${p.keys}`, (p) => `unrecognized keys: ${p.keys}`),
  // Custom checks of the schemas (`.refine`, `addIssue`): their message is the key (fieldMessage).
  'field.oneFieldToChange': m('indiquez au moins un champ à modifier', 'name at least one field to change'),
  'field.afterStartsOn': m('doit être après la date de début', 'must be after startsOn'),
  'field.noRepeatedRound': m('ne doit pas répéter une manche', 'must not repeat a round'),
  'field.noRepeatedInterest': m('ne doit pas répéter un centre d’intérêt', 'must not repeat an interest'),
  'field.phone': m('doit être un numéro de téléphone', 'must be a phone number'),
  'field.reachRequired': m('obligatoire pour une structure du premier cercle', 'is required for a first-circle structure'),
  'field.reachFirstCircleOnly': m('ne s’applique qu’aux structures du premier cercle', 'applies to first-circle structures only'),
  'field.publicTypesOnly': m('ne s’appliquent qu’aux partenaires publics', 'apply to public partners only'),
  'field.latitudeLongitude': m('la latitude et la longitude vont ensemble', 'latitude and longitude go together'),
  'field.oneTutor': m('indiquez au moins un tuteur', 'name at least one tutor'),
  'field.notOnEarth': m('n’est pas un point sur la Terre', 'is not a place on Earth'),
  'field.distanceNeedsNear': m('le tri par distance demande near=lat,lon', 'distance needs near=lat,lon'),
  'field.relevanceNeedsQ': m('le tri par pertinence demande q', 'relevance needs q'),
  'field.notBeforeStartsAfter': m('ne doit pas être avant la première date de début cherchée', 'must not be before startsAfter'),
  'field.invitationToken': m('n’est pas un jeton d’invitation', 'is not an invitation token'),
  'field.printableAscii': m('doit être en caractères ASCII imprimables, sans espace', 'must be printable ASCII without spaces'),
  'field.noteOrRating': m('écrivez une note ou donnez une évaluation', 'write a note or give a rating'),
  'field.cursor': m('n’est pas un curseur produit par cette liste', 'is not a cursor this list produced'),
  'field.knownCommune': m('n’est pas une commune connue', 'is not a known commune'),
  'field.wrong': m('est incorrect', 'is wrong'),
  'field.notAtForum': m('n’est pas présent au forum', 'is not at the forum'),
  'field.afterStartsAt': m('doit être après l’heure de début', 'must be after startsAt'),
  'field.afterArrivesAt': m('doit être après l’heure d’arrivée', 'must be after arrivesAt'),
  'field.between': m<{ min: string | number; max: string | number }>(
    (p) => `doit être entre ${p.min} et ${p.max}`,
    (p) => `must be between ${p.min} and ${p.max}`,
  ),
  'field.cursorOfSort': m<{ sort: string }>((p) => `a été produit pour sort=${p.sort}`, (p) => `was made for sort=${p.sort}`),
  'field.structureOfOperator': m('n’est pas une structure de cet organisme', 'is not a structure of this operator'),

  // Authentication and accounts -------------------------------------------------------------------
  'auth.required': m(
    'Authentification requise : envoyez un jeton dans l’en-tête Authorization: Bearer.',
    'Authentication required: send an Authorization: Bearer token',
  ),
  'auth.requiredShort': m('Authentification requise.', 'Authentication required'),
  'auth.tokenExpired': m('Le jeton d’accès a expiré ; renouvelez-le (POST /auth/refresh).', 'The access token has expired; refresh it'),
  'auth.tokenInvalid': m('Le jeton d’accès n’est pas valide.', 'The access token is not valid'),
  'auth.sessionEnded': m('La session est terminée ; reconnectez-vous.', 'The session has ended; sign in again'),
  'auth.refreshInvalid': m('Le jeton de renouvellement n’est pas valide.', 'The refresh token is not valid'),
  'auth.refreshExpired': m('Le jeton de renouvellement a expiré ; reconnectez-vous.', 'The refresh token has expired; sign in again'),
  'auth.refreshReused': m(
    'Ce jeton de renouvellement a déjà servi : la session a été révoquée par sécurité. Reconnectez-vous.',
    'This refresh token was already used; the session has been revoked. Sign in again',
  ),
  'auth.invalidCredentials': m('L’adresse e-mail ou le mot de passe est incorrect.', 'The e-mail or the password is wrong'),
  'auth.emailTaken': m(
    'Un compte existe déjà avec cette adresse e-mail ; connectez-vous plutôt.',
    'An account with this e-mail already exists; sign in instead',
  ),
  'auth.emailTakenShort': m('Un compte existe déjà avec cette adresse e-mail.', 'An account with this e-mail already exists'),
  'auth.currentPasswordWrong': m('Le mot de passe actuel est incorrect.', 'The current password is wrong'),
  'auth.passwordWrong': m('Le mot de passe est incorrect.', 'The password is wrong'),
  'auth.tooManyFailures': m<{ label: string; seconds: number }>(
    (p) => `Trop d’échecs de connexion pour ${p.label === 'this account' ? 'ce compte' : p.label === 'this address' ? 'cette adresse' : p.label} ; réessayez dans ${plural(p.seconds, 'seconde', 'secondes')}.`,
    (p) => `Too many failed attempts for ${p.label}; try again in ${p.seconds} seconds`,
  ),
  'auth.abandoned': m('La requête a été abandonnée pendant qu’elle attendait son tour.', 'The request was abandoned while waiting for its turn'),
  'access.roleMayNot': m<{ role: string }>(
    (p) => `Le rôle « ${role(p.role, 'fr')} » ne permet pas de faire cela.`,
    (p) => `A ${role(p.role, 'en')} may not do this`,
  ),
  'access.roleMayNotCall': m<{ role: string; method: string; url: string }>(
    (p) => `Le rôle « ${role(p.role, 'fr')} » ne permet pas d’appeler ${p.method} ${p.url}.`,
    (p) => `A ${role(p.role, 'en')} may not call ${p.method} ${p.url}`,
  ),
  'privacy.staffClosedByAdmin': m(
    'Les comptes du personnel sont fermés par un administrateur, pour que les structures et les programmes qu’ils gèrent gardent un responsable.',
    'Staff accounts are closed by an administrator, so that the structures and programmes they manage keep a manager',
  ),

  // Generic -----------------------------------------------------------------------------------------
  'notFound': m<{ thing: Thing }>((p) => `${THINGS[p.thing]?.fr ?? p.thing} introuvable.`, (p) => `${THINGS[p.thing]?.en ?? p.thing} was not found`),
  'notFound.commune': m<{ code: string }>((p) => `Aucune commune n’a le code INSEE ${p.code}.`, (p) => `Commune ${p.code} was not found`),
  'notFound.epci': m<{ code: string }>((p) => `Aucun EPCI n’a le SIREN ${p.code}.`, (p) => `EPCI ${p.code} was not found`),
  'commune.unknown': m<{ code: string }>((p) => `Aucune commune n’a le code INSEE ${p.code}.`, (p) => `No commune has the INSEE code ${p.code}`),
  'version.stale': m<{ what: string; read: number; current: number }>(
    (p) => `${capital(entity(p.what).the)} a changé depuis la version ${p.read} (${entity(p.what).pronoun} en est à la version ${p.current}) ; relisez-${reread(p.what)}.`,
    (p) => `The ${entity(p.what).en} changed since version ${p.read} (it is at ${p.current}); read it again`,
  ),
  'version.changedMeanwhile': m<{ what: string }>(
    (p) => `${capital(entity(p.what).the)} a changé entre-temps ; relisez-${reread(p.what)}.`,
    (p) => `The ${entity(p.what).en} changed meanwhile; read it again`,
  ),
  'cursor.otherSort': m('Ce curseur appartient à un autre ordre de tri.', 'The cursor belongs to another sort order'),
  'idempotency.keyReused': m(
    'Cette clé Idempotency-Key a déjà servi pour une autre requête : utilisez une nouvelle clé pour une nouvelle requête.',
    'This Idempotency-Key was used for another request: use a new key for a new request',
  ),
  'field.keyOtherBody': m('a été utilisée avec un autre corps de requête', 'was used with another body'),

  // Workflows (src/lib/workflow.ts) -------------------------------------------------------------
  'workflow.roleMovesNothing': m<{ role: string; what: string }>(
    (p) => `Le rôle « ${role(p.role, 'fr')} » ne permet pas de changer l’état d’${entity(p.what).a}.`,
    (p) => `A ${role(p.role, 'en')} may not change the status of a ${entity(p.what).en}`,
  ),
  'workflow.impossible': m<{ what: string; current: string; to: string; possible: readonly string[] }>(
    (p) =>
      `${capital(entity(p.what).the)} est ${status(p.what, p.current)} : ${entity(p.what).pronoun} ne peut pas passer à ${status(p.what, p.to)}.` +
      (p.possible.length ? ` Changements possibles : ${statusList(p.what, p.possible)}.` : ''),
    (p) => `The ${entity(p.what).en} is ${p.current}; it cannot become ${p.to}` + (p.possible.length ? ` (possible: ${p.possible.join(', ')})` : ''),
  ),
  'workflow.roleMayNot': m<{ role: string; action: string; what: string }>(
    (p) => `Le rôle « ${role(p.role, 'fr')} » ne permet pas de ${ACTIONS[p.action] ?? p.action} ${entity(p.what).a}.`,
    (p) => `A ${role(p.role, 'en')} may not ${p.action} a ${entity(p.what).en}`,
  ),

  // Editions -------------------------------------------------------------------------------------
  'edition.unknownEpcis': m<{ codes: string }>((p) => `EPCI inconnu : ${p.codes}.`, (p) => `Unknown EPCI: ${p.codes}`),
  'field.noEpci': m<{ code: string }>((p) => `aucun EPCI n’a le SIREN ${p.code}`, (p) => `no EPCI has the SIREN ${p.code}`),
  'edition.labelTaken': m<{ label: string }>(
    (p) => `Le programme a déjà une édition nommée « ${p.label} » : choisissez un autre nom.`,
    (p) => `The programme already has an edition labelled “${p.label}”`,
  ),
  'edition.closedNoChange': m('L’édition est clôturée : elle ne peut plus changer.', 'The edition is closed; it can no longer change'),
  'edition.closed': m('L’édition est clôturée.', 'The edition is closed'),
  'edition.closedPartnerships': m(
    'L’édition est clôturée : ses partenariats font partie de son historique.',
    'The edition is closed: its partnerships are its record',
  ),
  'edition.endsBeforeStart': m('L’édition doit se terminer après son début.', 'The edition must end after it starts'),
  'field.keepEndsAfterStarts': m('doit laisser la date de fin après la date de début', 'must keep endsOn after startsOn'),
  'edition.missionsOutside': m<{ count: number }>(
    (p) => `${p.count === 1 ? '1 mission ouverte de l’édition commencerait' : `${p.count} missions ouvertes de l’édition commenceraient`} en dehors de ses nouvelles dates.`,
    (p) => `${p.count} open mission(s) of the edition would start outside its new dates`,
  ),
  'field.keepMissionsInside': m<{ dates: string }>(
    (p) => `doit garder les dates de début des missions (${String(p.dates).split(', ').map(day).join(', ')}) dans l’édition`,
    (p) => `must keep the missions’ start dates (${p.dates}) inside the edition`,
  ),

  // Operators, programmes, structures, partnerships ---------------------------------------------
  'operator.nameTaken': m<{ name: string }>(
    (p) => `Un organisme nommé « ${p.name} » existe déjà.`,
    (p) => `An operator named “${p.name}” already exists`,
  ),
  'programme.operatorRequired': m('Indiquez l’organisme du programme.', 'Name the operator of the programme'),
  'programme.nameTaken': m<{ name: string }>(
    (p) => `Un programme nommé « ${p.name} » existe déjà pour cet organisme.`,
    (p) => `A programme named “${p.name}” already exists for this operator`,
  ),
  'structure.operatorRequired': m('Indiquez l’organisme de la structure.', 'Name the operator of the structure'),
  'structure.kindFieldsDisagree': m(
    'Le type de la structure et ses champs ne concordent pas.',
    'The kind of the structure and its fields disagree',
  ),
  'structure.nameTaken': m<{ name: string }>(
    (p) => `Une structure nommée « ${p.name} » existe déjà pour cet organisme.`,
    (p) => `A structure named “${p.name}” already exists for this operator`,
  ),
  'structure.kindInUse': m<{ name: string; kind: string }>(
    (p) => `${p.name} figure dans des partenariats ou des missions en tant que ${kind(p.kind, 'fr')} : son type ne peut plus changer.`,
    (p) => `${p.name} is in partnerships or missions as ${p.kind}; its kind cannot change`,
  ),
  'structure.accreditedWithMissions': m<{ name: string }>(
    (p) => `${p.name} accueille des missions ouvertes par intermédiation : clôturez-les avant d’enregistrer son propre agrément.`,
    (p) => `${p.name} hosts open missions by intermediation: close them before recording its own accreditation`,
  ),
  'partnership.structureOfOperator': m(
    'La structure n’appartient pas à l’organisme de l’édition.',
    'The structure is not one of the edition’s operator',
  ),
  'partnership.wrongKind': m<{ name: string; is: string; expected: string }>(
    (p) => `${p.name} est ${kind(p.is, 'fr')}, pas ${kind(p.expected, 'fr')}.`,
    (p) => `${p.name} is ${kind(p.is, 'en')}, not ${kind(p.expected, 'en')}`,
  ),
  'field.mustBeKind': m<{ is: string; expected: string }>(
    (p) => `doit être ${kind(p.expected, 'fr')} (c’est ${kind(p.is, 'fr')})`,
    (p) => `must be ${kind(p.expected, 'en')} (it is ${kind(p.is, 'en')})`,
  ),
  'partnership.alreadyPartnered': m<{ name: string }>(
    (p) => `${p.name} a déjà un partenaire dans cette édition.`,
    (p) => `${p.name} already has a partner in this edition`,
  ),
  'partnership.openMissions': m<{ proximity: string; firstCircle: string }>(
    (p) => `${p.proximity} et ${p.firstCircle} partagent des missions ouvertes dans cette édition : clôturez-les d’abord.`,
    (p) => `${p.proximity} and ${p.firstCircle} share open missions in this edition: close them first`,
  ),

  // Missions (rules of docs/rules.md) -------------------------------------------------------------
  'mission.duration': m<{ min: number; max: number; months: number }>(
    (p) => `Une mission dure de ${p.min} à ${p.max} mois, pas ${p.months} : corrigez la durée.`,
    (p) => `A mission lasts ${p.min} to ${p.max} months, not ${p.months}`,
  ),
  'mission.weeklyHoursMax': m<{ max: number; hours: number }>(
    (p) => `Une mission compte au plus ${p.max} heures par semaine, pas ${p.hours}.`,
    (p) => `A mission takes at most ${p.max} hours a week, not ${p.hours}`,
  ),
  'mission.weeklyHoursMin': m<{ min: number }>(
    (p) => `Une mission compte au moins ${p.min} heures par semaine, sauf dérogation enregistrée.`,
    (p) => `A mission takes at least ${p.min} hours a week unless a derogation is recorded (weeklyHoursDerogation)`,
  ),
  'mission.maxDays': m<{ max: number; days: number }>(
    (p) => `Une mission s’étale sur au plus ${p.max} jours par semaine, pas ${p.days}.`,
    (p) => `A mission spreads over at most ${p.max} days a week, not ${p.days}`,
  ),
  'mission.minorWeeklyHours': m<{ max: number; hours: number }>(
    (p) => `Une mission ouverte aux mineurs compte au plus ${p.max} heures par semaine, pas ${p.hours}.`,
    (p) => `A mission open to minors takes at most ${p.max} hours a week, not ${p.hours}`,
  ),
  'mission.minorMaxDays': m<{ max: number; days: number }>(
    (p) => `Une mission ouverte aux mineurs s’étale sur au plus ${p.max} jours par semaine, pas ${p.days}.`,
    (p) => `A mission open to minors spreads over at most ${p.max} days a week, not ${p.days}`,
  ),
  'mission.minorHoursPerDay': m<{ max: number; hours: number; days: number }>(
    (p) => `Une mission ouverte aux mineurs compte au plus ${p.max} heures par jour : ${p.hours} heures demandent ${p.days} jours.`,
    (p) => `A mission open to minors takes at most ${p.max} hours a day: ${p.hours} hours need ${p.days} days`,
  ),
  'mission.outsideEdition': m<{ from: string; to: string }>(
    (p) => `La mission doit commencer pendant l’édition (du ${day(p.from)} au ${day(p.to)}).`,
    (p) => `The mission must start within the edition (${p.from} to ${p.to})`,
  ),
  'mission.structureMemberOwnOnly': m(
    'Un membre de structure ne rédige que les missions de sa propre structure.',
    'A structure member drafts missions of their own structure only',
  ),
  'mission.hostRequired': m('Indiquez la structure d’accueil.', 'Name the host structure'),
  'mission.hostOfOperator': m(
    'La structure d’accueil n’appartient pas à l’organisme de l’édition.',
    'The host is not a structure of the edition’s operator',
  ),
  'mission.hostNotProximity': m<{ name: string }>(
    (p) => `${p.name} n’est pas une structure de proximité.`,
    (p) => `${p.name} is not a proximity structure`,
  ),
  'field.mustBeProximity': m('doit être une structure de proximité', 'must be a proximity structure'),
  'rule.intermediation': m<{ name: string }>(
    (p) => `${p.name} a son propre agrément : l’organisme ne peut pas y placer de volontaires par intermédiation.`,
    (p) => `${p.name} holds its own accreditation: the operator cannot place volunteers with it by intermediation`,
  ),
  'mission.hostHasNoPartner': m<{ name: string }>(
    (p) => `${p.name} n’a pas de partenaire dans cette édition : indiquez la structure du premier cercle.`,
    (p) => `${p.name} has no partner in this edition: name the first-circle structure`,
  ),
  'field.requiredWithoutPartnership': m(
    'obligatoire quand la structure d’accueil n’a pas de partenariat',
    'is required when the host has no partnership',
  ),
  'mission.firstCircleOfOperator': m(
    'Le partenaire du premier cercle n’est pas une structure du premier cercle de l’organisme de l’édition.',
    'The first-circle partner is not a first-circle structure of the edition’s operator',
  ),
  'field.mustBeFirstCircleOfOperator': m(
    'doit être une structure du premier cercle de cet organisme',
    'must be a first-circle structure of this operator',
  ),
  'mission.otherPartner': m<{ name: string }>(
    (p) => `Le partenaire de ${p.name} dans cette édition est une autre structure.`,
    (p) => `${p.name}’s partner in this edition is another structure`,
  ),
  'field.mustBeHostPartner': m('doit être le partenaire de la structure d’accueil dans cette édition', 'must be the host’s partner in this edition'),
  'mission.hostHasNoCommune': m<{ name: string }>(
    (p) => `${p.name} n’a pas de commune : indiquez celle de la mission.`,
    (p) => `${p.name} has no commune: name the mission’s`,
  ),
  'mission.closedNoChange': m('La mission est clôturée : elle ne peut plus changer.', 'The mission is closed; it can no longer change'),
  'mission.hostMembersOnly': m(
    'Seuls les membres de la structure d’accueil peuvent modifier cette mission.',
    'Only the host structure’s members may change this mission',
  ),
  'mission.notADraft': m<{ status: string }>(
    (p) => `Seul un brouillon se soumet à la publication : cette mission est ${status('mission', p.status)}.`,
    (p) => `Only a draft is submitted for publication: this mission is ${p.status}`,
  ),
  'mission.hostSubmits': m(
    'Seuls les membres de la structure d’accueil soumettent une mission à la publication ; la coordination la publie directement.',
    'Only the host structure’s members submit a mission for publication; the coordination publishes it directly',
  ),
  'mission.coordinatorOnlyNow': m<{ status: string }>(
    (p) => `La mission est ${status('mission', p.status)} : seul un coordinateur peut encore la modifier.`,
    (p) => `The mission is ${p.status}: only a coordinator may change it now`,
  ),
  'mission.full': m<{ title: string }>(
    (p) => `Toutes les places de « ${p.title} » sont prises.`,
    (p) => `Every place of “${p.title}” is taken`,
  ),

  // Candidates and applications ----------------------------------------------------------------
  'profile.none': m('Pas encore de profil : rédigez-le dans « Mon profil ».', 'No profile yet: write it with PUT /me/profile'),
  'profile.birthInFuture': m('La date de naissance est dans le futur.', 'The birth date is in the future'),
  'field.notInFuture': m('ne doit pas être dans le futur', 'must not be in the future'),
  'disability.none': m('Rien n’est enregistré.', 'Nothing recorded'),
  'application.profileFirst': m(
    'Rédigez d’abord votre profil (« Mon profil ») : une candidature demande un profil complet.',
    'Write your profile first (PUT /me/profile): applying needs a complete profile',
  ),
  'application.noProfile': m('Le candidat n’a pas de profil.', 'The candidate has no profile'),
  'application.alreadyActive': m(
    'Vous avez déjà une candidature en cours pour cette mission.',
    'You already have an active application to this mission',
  ),
  'application.quota': m<{ max: number }>(
    (p) => `Au plus ${p.max} candidatures peuvent attendre une réponse en même temps : retirez-en une, ou attendez les réponses.`,
    (p) => `At most ${p.max} applications can wait for an answer at once: withdraw one, or wait for answers`,
  ),
  'application.refusalNeedsReason': m('Un refus doit indiquer son motif.', 'A refusal gives its reason'),
  'field.requiredToRefuse': m('obligatoire pour refuser', 'is required to refuse'),
  'application.refusalOnly': m<{ field: string }>(
    (p) => `${REFUSAL_FIELDS[p.field] ?? 'Ce champ'} ne s’emploie qu’avec un refus.`,
    (p) => `${p.field} goes with a refusal only`,
  ),
  'application.listAcrossStructures': m(
    'Un membre de structure consulte les candidatures de sa propre structure ; la liste de toutes les structures est réservée à la coordination.',
    'A structure member lists their own structure’s applications; the list across structures is the coordinators’',
  ),
  'field.onlyForRefused': m('seulement avec to=refused', 'is only for to=refused'),

  // Console: review and mission-editor (src/web/review, src/web/mission-editor)
  'review.chooseApplications': m('Choisissez au moins une candidature dans la liste.', 'Choose at least one application in the list'),
  'review.chooseMove': m('Choisissez l’action à appliquer.', 'Choose the move to make'),
  'review.reasonToRefuse': m('Choisissez le motif : une candidature non retenue en donne toujours un.', 'Choose the reason: a refusal always gives one'),
  'review.tooMany': m<{ max: number }>(
    (p) => `Choisissez au plus ${p.max} candidatures à la fois.`,
    (p) => `Choose at most ${p.max} applications at once`,
  ),
  'missionEditor.unknownCommune': m('Aucune commune ne correspond : tapez son nom ou son code postal, puis choisissez-la dans la liste.', 'No commune matches: type its name or postal code, then pick it'),
  'missionEditor.chooseEdition': m('Choisissez l’édition de la mission.', 'Choose the mission’s edition'),

  // Eligibility lines (src/modules/applications/eligibility.ts), one per rule of docs/rules.md.
  // Written to the candidate (« vous »): they are the « Est-ce que je peux postuler ? » panel.
  'eligibility.ageMin.ok': m<{ age: number; startsOn: string }>(
    (p) => `Vous aurez ${p.age} ans le ${day(p.startsOn)}, début de la mission.`,
    (p) => `${p.age} years old on ${p.startsOn}, the mission’s start`,
  ),
  'eligibility.ageMin.fail': m<{ age: number; startsOn: string; min: number }>(
    (p) => `La mission commence le ${day(p.startsOn)} : vous aurez alors ${p.age} ans ; il faut avoir au moins ${p.min} ans.`,
    (p) => `A volunteer is at least ${p.min} at the start: ${p.age} years old on ${p.startsOn}, the mission’s start`,
  ),
  'eligibility.ageMax.under': m<{ max: number; startsOn: string }>(
    (p) => `Vous aurez moins de ${p.max} ans le ${day(p.startsOn)}, début de la mission.`,
    (p) => `Under ${p.max} on ${p.startsOn}, the mission’s start`,
  ),
  'eligibility.ageMax.withDisability': m<{ max: number; startsOn: string }>(
    (p) => `Vous aurez moins de ${p.max} ans le ${day(p.startsOn)}, début de la mission, et vous avez déclaré un handicap reconnu.`,
    (p) => `Under ${p.max} on ${p.startsOn}, the mission’s start, with a recognised disability`,
  ),
  'eligibility.ageMax.needsDisability': m<{ max: number; maxWithDisability: number; startsOn: string }>(
    (p) =>
      `La mission commence le ${day(p.startsOn)}, le jour de vos ${p.max} ans ou après : c’est possible jusqu’à la veille de vos ${p.maxWithDisability} ans avec un handicap reconnu, que vous pouvez déclarer dans votre profil (rubrique « Handicap »).`,
    (p) => `The mission starts on or after the ${p.max}th birthday; up to the day before the ${p.maxWithDisability}st with a recognised disability (PUT /me/disability)`,
  ),
  'eligibility.ageMax.over': m<{ max: number; maxWithDisability: number; startsOn: string }>(
    (p) =>
      `La mission commence le ${day(p.startsOn)}, le jour de vos ${p.maxWithDisability} ans ou après : il faut commencer au plus tard la veille de vos ${p.max} ans (${p.maxWithDisability} ans avec un handicap reconnu).`,
    (p) => `The mission starts on or after the ${p.maxWithDisability}st birthday`,
  ),
  'eligibility.minor.open': m('Vous aurez moins de 18 ans au début de la mission, qui est ouverte aux mineurs.', 'Minor at the start; the mission is open to minors'),
  'eligibility.minor.closed': m(
    'Vous aurez moins de 18 ans au début de la mission, et elle n’est pas ouverte aux mineurs.',
    'Minor at the start, and the mission is not open to minors',
  ),
  'eligibility.ofAge': m('Vous aurez 18 ans ou plus au début de la mission.', 'Of age at the start'),
  'eligibility.minorHours.ofAge': m(
    'Vous aurez 18 ans ou plus : la limite d’heures par semaine des mineurs ne vous concerne pas.',
    'Of age at the start: the weekly hours limit for minors does not apply',
  ),
  'eligibility.minorHours': m<{ max: number; hours: number }>(
    (p) => `Vous aurez moins de 18 ans au début de la mission : ${p.max} heures par semaine au plus ; la mission en compte ${p.hours}.`,
    (p) => `Minor at the start: at most ${p.max} hours a week; the mission takes ${p.hours}`,
  ),
  'eligibility.nationality.french': m('Nationalité française.', 'French'),
  'eligibility.nationality.euEeaSwiss': m('Nationalité d’un pays de l’Union européenne, de l’EEE ou de la Suisse.', 'Citizen of the EU, the EEA or Switzerland'),
  'eligibility.nationality.residencePermit': m('Titulaire d’un titre de séjour valide.', 'Holder of a valid residence permit'),
  'eligibility.nationality.other': m(
    'Il faut avoir la nationalité française ou celle d’un pays de l’Union européenne, de l’EEE ou de la Suisse, ou un titre de séjour valide.',
    'A volunteer is French, a citizen of the EU, the EEA or Switzerland, or holds a valid residence permit',
  ),
  'eligibility.earlier.none': m('Aucun service civique auparavant (déclaration sur l’honneur).', 'No earlier service civique (sworn statement)'),
  'eligibility.earlier.interrupted': m(
    'Un service civique précédent a été interrompu : le coordinateur vérifie les mois qui restent.',
    'An earlier service civique was interrupted: the coordinator checks the months left',
  ),
  'eligibility.earlier.completed': m(
    'On ne fait qu’un seul service civique : un précédent a été mené à son terme (déclaration sur l’honneur).',
    'A person does one service civique: an earlier one was completed (sworn statement)',
  ),
  'eligibility.earlier.ongoing': m(
    'On ne fait qu’un seul service civique : un autre est en cours (déclaration sur l’honneur).',
    'A person does one service civique: one is under way (sworn statement)',
  ),
  'eligibility.alreadyPlaced': m<{ title: string }>(
    (p) => `On ne fait qu’un seul service civique : une affectation est déjà acceptée sur « ${p.title} ».`,
    (p) => `A person does one service civique: already placed on “${p.title}”`,
  ),
  'eligibility.overlap': m<{ title: string; from: string; to: string }>(
    (p) => `La mission chevauche l’affectation acceptée « ${p.title} » (du ${day(p.from)} au ${day(p.to)}).`,
    (p) => `Overlaps the accepted placement “${p.title}” (${p.from} to ${p.to})`,
  ),
  'eligibility.noOverlap': m('Aucune affectation acceptée sur la même période.', 'No accepted placement over the same period'),

  'application.offerExpired': m<{ deadline: string }>(
    (p) => `Le délai pour accepter cette offre est passé (le ${day(p.deadline)}) : elle n’est plus valable. Vos autres candidatures restent ouvertes.`,
    (p) => `The deadline to accept this offer has passed (on ${p.deadline}): it is no longer valid`,
  ),
  'application.offersBeyondPlaces': m<{ title: string; free: number; total: number; pendingOffers: number }>(
    (p) =>
      `« ${p.title} » a ${plural(p.free, 'place libre', 'places libres')} sur ${p.total} et ${plural(p.pendingOffers, 'offre en attente', 'offres en attente')}, celle-ci comprise : ` +
      'les premiers candidats à accepter prennent les places ; les autres offres prennent fin (statut obsolete) dès qu’aucune place n’est libre.',
    (p) =>
      `“${p.title}” has ${pluralEn(p.free, 'free place', 'free places')} out of ${p.total} and ${pluralEn(p.pendingOffers, 'pending offer', 'pending offers')}, this one included: ` +
      'the first candidates to accept take the places; the other offers end (status obsolete) once no place is free',
  ),

  // Forums -------------------------------------------------------------------------------------
  'forum.organisersOnly': m('Seuls les coordinateurs organisent le forum.', 'Only the coordinators organise the forum'),
  'forum.breaksOverlap': m<{ round: number }>(
    (p) => `Deux pauses se chevauchent après la manche ${p.round} : faites une seule pause de la durée totale.`,
    (p) => `Two breaks overlap after round ${p.round}: make one break of the total length`,
  ),
  'field.overlapsBreak': m('chevauche une autre pause', 'overlaps another break'),
  'forum.endsBeforeStart': m('Le forum se termine avant de commencer.', 'The forum ends before it starts'),
  'forum.noRoundFits': m<{ minutes: number; from: string; to: string }>(
    (p) => `Aucune manche de ${p.minutes} minutes ne tient entre ${clock(p.from)} et ${clock(p.to)}.`,
    (p) => `No round of ${p.minutes} minutes fits between ${p.from} and ${p.to}`,
  ),
  'field.noRoomForRound': m('ne laisse la place à aucune manche', 'leaves no room for one round'),
  'forum.afterEdition': m<{ edition: string; endsOn: string }>(
    (p) => `Le forum doit avoir lieu au plus tard à la fin de ${p.edition} (le ${day(p.endsOn)}).`,
    (p) => `The forum must be held by the end of ${p.edition} (${p.endsOn})`,
  ),
  'field.onOrBefore': m<{ date: string }>((p) => `doit être le ${day(p.date)} ou avant`, (p) => `must be on or before ${p.date}`),
  'forum.closed': m('Le forum est clos.', 'The forum is closed'),
  'forum.gridFixed': m<{ status: string }>(
    (p) => `Le forum est ${status('forum', p.status)} : sa grille dépend du jour et des horaires, qui ne changent que tant qu’il est en préparation.`,
    (p) => `The forum is ${p.status}: its grid depends on the day and times, which can change while it is planned only`,
  ),
  'forum.publicPartner': m<{ name: string }>(
    (p) => `${p.name} est un partenaire public : ce sont les structures qui recrutent (proximité, premier cercle) qui tiennent une table au forum.`,
    (p) => `${p.name} is a public partner: structures that recruit (proximity, first circle) sit at the forum`,
  ),
  'field.mustRecruit': m('doit recruter des volontaires', 'must recruit volunteers'),
  'forum.rounds': m<{ rounds: number }>(
    (p) => `Le forum compte ${plural(p.rounds, 'manche', 'manches')}.`,
    (p) => `The forum has ${p.rounds} rounds`,
  ),
  'forum.notInvitable': m(
    'Aucun candidat ayant postulé à cette édition, ou ayant accepté de rester dans le vivier de l’organisme, n’a cet identifiant.',
    'No candidate who applied to this edition, or who agreed to stay in the operator’s pool, has this id',
  ),
  'forum.leavesBeforeArriving': m('L’heure de départ doit venir après l’heure d’arrivée.', 'The candidate leaves before arriving'),
  'forum.alreadyInvited': m('Le candidat est déjà invité à ce forum.', 'The candidate is already invited to this forum'),
  'forum.nameWhoToMeet': m<{ who: 'candidate' | 'structure' }>(
    (p) => (p.who === 'candidate' ? 'Indiquez le candidat à rencontrer.' : 'Indiquez la structure à rencontrer.'),
    (p) => `Name the ${p.who} to meet`,
  ),
  'forum.candidateOwnMeetings': m('Un candidat demande ses propres rencontres.', 'A candidate asks for their own meetings'),
  'forum.memberOwnStructure': m('Un membre de structure demande les rencontres de sa propre structure.', 'A structure member asks for their own structure'),
  'forum.structureNotThere': m('Cette structure n’est pas présente au forum.', 'This structure is not at the forum'),
  'forum.candidateNotInvited': m('Ce candidat n’est pas invité au forum.', 'This candidate is not invited to the forum'),
  'forum.appliedStructuresOnly': m(
    'Vous pouvez demander à rencontrer les structures des missions auxquelles vous avez postulé.',
    'You can ask to meet the structures of the missions you applied to',
  ),
  'field.noMissionApplied': m('n’a aucune mission à laquelle vous avez postulé', 'has no mission you applied to'),
  'forum.alreadyRequested': m('Cette rencontre est déjà demandée de votre côté.', 'This meeting is already requested from your side'),
  'forum.scheduleFixed': m<{ status: string }>(
    (p) =>
      p.status === 'running'
        ? 'Le forum est en cours : réparez plutôt sa grille (« Réparer la grille » sur la page du forum).'
        : `Le forum est ${status('forum', p.status)} : il ne peut plus changer.`,
    (p) => `The forum is ${p.status}: ${p.status === 'running' ? 'repair its schedule instead (POST /forums/{id}/schedule/repair)' : 'it can no longer change'}`,
  ),
  'forum.nothingToSchedule': m('Rien à planifier : aucune rencontre n’est encore demandée.', 'Nothing to schedule: no meeting is requested yet'),
  'forum.repairWhen': m<{ status: string }>(
    (p) => `Le forum est ${status('forum', p.status)} : seul un forum planifié ou en cours se répare.`,
    (p) => `The forum is ${p.status}: only a scheduled or running forum is repaired`,
  ),
  'forum.attendanceOnTheDay': m<{ status: string }>(
    (p) => `Le forum est ${status('forum', p.status)} : les présences se relèvent le jour même.`,
    (p) => `The forum is ${p.status}: attendance is taken on the day`,
  ),
  'forum.noSchedule': m('Le forum n’a pas encore de grille.', 'The forum has no schedule yet'),
  'forum.evaluationsClosed': m('Le forum est clos : les avis ne peuvent plus changer.', 'The forum is closed: evaluations can no longer change'),
  'forum.meetingNotYet': m('La rencontre n’a pas encore eu lieu.', 'The meeting has not taken place yet'),
  'forum.structureEvaluation': m(
    'Une structure donne une note et dit si elle accueillerait le candidat.',
    'A structure gives a score and says whether it would host',
  ),
  'forum.candidateEvaluation': m('Un candidat donne son intérêt, de 1 à 5.', 'A candidate gives their interest, 1 to 5'),
  'field.candidatesOwn': m('revient au candidat', 'is the candidate’s'),
  'field.structuresOwn': m('revient à la structure', 'is the structure’s'),
  'forum.evaluateParties': m<{ role: string }>(
    (p) => `Le rôle « ${role(p.role, 'fr')} » ne permet pas d’évaluer une rencontre : seules ses deux parties le font.`,
    (p) => `A ${role(p.role, 'en')} may not evaluate a meeting: only its two parties do`,
  ),

  // Why a requested meeting found no round (src/algorithms/forum-schedule.ts); rounds as the grid numbers them.
  'schedule.structureUnavailable': m<{ structure: string; from?: number | undefined; rounds: number }>(
    (p) => `${p.structure} n’a aucune table libre à aucune manche${p.from !== undefined ? ` à partir de la manche ${p.from}` : ''} du forum (${plural(p.rounds, 'manche', 'manches')})`,
    (p) => `${p.structure} has no free table in any round${p.from !== undefined ? ` from round ${p.from}` : ''} of the forum (${p.rounds} rounds)`,
  ),
  'schedule.candidateUnavailable': m<{ candidate: string; present?: string | undefined; from?: number | undefined; rounds: number }>(
    (p) =>
      `${p.candidate} ${p.present !== undefined ? `n’est présent qu’aux manches ${p.present}` : 'n’est pas présent'} et n’a aucune manche libre${p.from !== undefined ? ` à partir de la manche ${p.from}` : ''} du forum (${plural(p.rounds, 'manche', 'manches')})`,
    (p) =>
      `${p.candidate} ${p.present !== undefined ? `is present only in rounds ${p.present}` : 'is not present'}, and has no free round${p.from !== undefined ? ` from round ${p.from}` : ''} of the forum (${p.rounds} rounds)`,
  ),
  'schedule.noCommonRound': m<{ candidate: string; structure: string; candidateRounds: string; structureRounds: string }>(
    (p) => `${p.candidate} est libre aux manches ${p.candidateRounds} et ${p.structure} seulement aux manches ${p.structureRounds} : aucune manche en commun`,
    (p) => `${p.candidate} is free in rounds ${p.candidateRounds} and ${p.structure} only in rounds ${p.structureRounds}: no round in common`,
  ),
  'schedule.forumTooShort': m<{ candidate: string; structure: string; count: number; common: string }>(
    (p) =>
      `${p.count === 1 ? 'la manche' : `les ${p.count} manches`} que ${p.candidate} et ${p.structure} ont en commun (${p.common}) ${p.count === 1 ? 'est prise' : 'sont prises'} par d’autres rencontres, de priorité égale ou supérieure ou déjà fixées, et n’ont pas pu être libérées`,
    (p) =>
      `the ${p.count === 1 ? 'round' : `${p.count} rounds`} ${p.candidate} and ${p.structure} share (${p.common}) ${p.count === 1 ? 'is' : 'are'} taken by other meetings, of equal or higher priority or fixed, and could not be freed`,
  ),
  'schedule.candidateAbsent': m('Le candidat est noté absent ou parti.', 'The candidate is marked absent or gone'),

  // Binômes and placements ----------------------------------------------------------------------
  'binome.applicationInPlay': m(
    'Un binôme réunit des volontaires dont la candidature à la mission est en entretien, présélectionnée ou acceptée.',
    'A binôme takes volunteers whose application to the mission is in interview or shortlisted, or accepted',
  ),
  'field.applicationIs': m<{ status: string }>(
    (p) => `sa candidature est ${status('application', p.status)}`,
    (p) => `their application is ${p.status}`,
  ),
  'field.noApplication': m('n’a pas de candidature à cette mission', 'has no application to this mission'),
  'binome.alreadyInOne': m('Le volontaire fait déjà partie d’un binôme de cette édition.', 'The volunteer is already in a binôme of this edition'),
  'binome.twoVolunteers': m('Un binôme réunit deux volontaires différents.', 'A binôme is two different volunteers'),
  'field.sameVolunteer': m('est le même volontaire que le premier', 'is the same volunteer as the first'),
  'binome.missionNotPublished': m(
    'La mission n’est pas une mission publiée de cette édition.',
    'The mission is not a published mission of this edition',
  ),
  'field.notPublishedMission': m('n’est pas une mission publiée de l’édition', 'is not a published mission of the edition'),
  'binome.noPlaces': m<{ title: string; two: boolean }>(
    (p) => `« ${p.title} » n’a plus ${p.two ? 'deux places libres' : 'de place libre'} pour ce binôme.`,
    (p) => `“${p.title}” has not ${p.two ? 'two free places' : 'a free place'} left for this binôme`,
  ),
  'binome.noFreePlace': m<{ title: string }>(
    (p) => `« ${p.title} » n’a plus de place libre.`,
    (p) => `“${p.title}” has no free place left`,
  ),
  'binome.membersFixed': m<{ status: string }>(
    (p) => `Le binôme est ${status('binôme', p.status)} : seul un binôme proposé change de membres${p.status === 'confirmed' ? ' (dissolvez-le pour le reformer)' : ''}.`,
    (p) => `The binôme is ${p.status}: only a proposed binôme changes members${p.status === 'confirmed' ? ' (dissolve it to re-form it)' : ''}`,
  ),
  'binome.notMember': m('Le volontaire à remplacer ne fait pas partie de ce binôme.', 'The volunteer to replace is not in this binôme'),
  'field.notBinomeMember': m('ne fait pas partie du binôme', 'is not a member of the binôme'),
  'binome.memberAccepted': m(
    'Ce volontaire a accepté l’offre : dissolvez le binôme pour le reformer.',
    'This volunteer accepted the offer: dissolve the binôme to re-form it',
  ),
  'binome.is': m<{ status: string }>((p) => `Le binôme est ${status('binôme', p.status)}.`, (p) => `The binôme is ${p.status}`),
  'binome.ofAge': m(
    'Le volontaire est majeur au début de la mission : aucune autorisation parentale n’est nécessaire.',
    'The volunteer is of age at the mission’s start: no parental authorisation is needed',
  ),
  'binome.pending.acceptance': m('n’a pas encore accepté l’offre', 'has not accepted the offer yet'),
  'binome.pending.minorConsent': m(
    'est mineur : une autorisation parentale doit être enregistrée (R121-11)',
    'is a minor: a parental authorisation must be recorded (R121-11)',
  ),
  'placement.noTutor': m<{ name: string }>(
    (p) => `${p.name} n’a aucun compte de membre pour être le tuteur des volontaires : invitez-en un d’abord.`,
    (p) => `${p.name} has no member account to be the volunteers' tutor: invite one first`,
  ),
  'placement.noOperatorTutor': m(
    'L’organisme n’a aucun coordinateur pour être le tuteur de l’organisme.',
    'The operator has no coordinator to be the operator’s tutor',
  ),
  'placement.noRate': m<{ date: string }>(
    (p) => `Aucun barème d’indemnité n’est en vigueur le ${day(p.date)}, début de la mission : un administrateur doit d’abord ajouter le barème (Administration, « Barèmes d’indemnité »).`,
    (p) => `No indemnity rate is in force on ${p.date}, the mission’s start: add the rate first (POST /indemnity-rates)`,
  ),
  'placement.hostTutor': m('Le tuteur de la structure d’accueil est un membre de cette structure.', 'The host tutor is a member of the host structure'),
  'field.notHostMember': m('n’est pas membre de la structure d’accueil', 'is not a member of the host structure'),
  'placement.operatorTutor': m('Le tuteur de l’organisme est un coordinateur de l’organisme.', 'The operator’s tutor is a coordinator of the operator'),
  'field.notOperatorCoordinator': m('n’est pas coordinateur de l’organisme', 'is not a coordinator of the operator'),
  'placement.rateExists': m<{ date: string }>(
    (p) => `Un barème prend déjà effet le ${day(p.date)}.`,
    (p) => `A rate already takes effect on ${p.date}`,
  ),

  // Placement runs -------------------------------------------------------------------------------
  'run.constraintsClash': m(
    'Les verrous et les exclusions ne peuvent pas tous être respectés.',
    'The locks and exclusions cannot all hold',
  ),
  'run.alreadyApplied': m<{ number: number; at: string }>(
    (p) => `Le calcul n° ${p.number} a été appliqué le ${formatDateTime(p.at)}.`,
    (p) => `Run ${p.number} was applied on ${p.at}`,
  ),
  'run.appliedMeanwhile': m<{ number: number }>(
    (p) => `Le calcul n° ${p.number} a été appliqué entre-temps.`,
    (p) => `Run ${p.number} was applied meanwhile`,
  ),
  'run.stale': m(
    'Les données ont changé depuis ce calcul (candidatures, avis, places ou binômes) : relancez l’affectation.',
    'The inputs changed since this run (applications, evaluations, places or binômes): run the placement again',
  ),

  // The locks and exclusions of a placement run that cannot hold (src/algorithms/placement/constraints.ts).
  // `locks[i]`, `together[i]`, `apart[i]` name the request's entries; `which` is first or second.
  'constraint.volunteerOutOfRange': m('l’indice du volontaire sort des limites', 'the volunteer index is out of range'),
  'constraint.aVolunteerOutOfRange': m('un indice de volontaire sort des limites', 'a volunteer index is out of range'),
  'constraint.missionOutOfRange': m('l’indice de la mission sort des limites', 'the mission index is out of range'),
  'constraint.lockNotAllowed': m('le volontaire ne peut pas aller sur cette mission', 'volunteer is not allowed on that mission'),
  'constraint.fewerThanTwoPlaces': m(
    'la mission a moins de 2 places : aucun binôme ne peut y être placé',
    'the mission has fewer than 2 places: no binôme can be placed there',
  ),
  'constraint.alreadyLocked': m<{ other: number }>(
    (p) => `le volontaire est déjà verrouillé sur une autre mission par locks[${p.other}]`,
    (p) => `the volunteer is already locked on another mission by locks[${p.other}]`,
  ),
  'constraint.apartFromItself': m('un volontaire ne peut pas être tenu à l’écart de lui-même', 'a volunteer cannot be kept apart from itself'),
  'constraint.pairedWithItself': m('un volontaire ne peut pas faire binôme avec lui-même', 'a volunteer cannot be paired with itself'),
  'constraint.alreadyPaired': m<{ which: string; other: number }>(
    (p) => `le ${p.which === 'first' ? 'premier' : 'second'} volontaire est déjà associé à un autre volontaire par together[${p.other}]`,
    (p) => `the ${p.which} volunteer is already paired with another volunteer by together[${p.other}]`,
  ),
  'constraint.alsoApart': m<{ other: number }>(
    (p) => `les deux volontaires sont aussi listés à l’écart l’un de l’autre (apart[${p.other}])`,
    (p) => `the two volunteers are also listed apart (apart[${p.other}])`,
  ),
  'constraint.notAllowed': m<{ which: string }>(
    (p) => `le ${p.which === 'first' ? 'premier' : 'second'} volontaire ne peut pas aller sur cette mission`,
    (p) => `the ${p.which} volunteer is not allowed on that mission`,
  ),
  'constraint.lockedElsewhere': m<{ which: string; other: number }>(
    (p) => `le ${p.which === 'first' ? 'premier' : 'second'} volontaire est verrouillé sur une autre mission par locks[${p.other}]`,
    (p) => `the ${p.which} volunteer is locked on another mission by locks[${p.other}]`,
  ),
  'constraint.otherMission': m<{ other: number }>(
    (p) => `together[${p.other}] place les deux mêmes volontaires sur une autre mission`,
    (p) => `together[${p.other}] puts the same two volunteers on another mission`,
  ),
  'constraint.lockedApart': m<{ a: number; b: number }>(
    (p) => `les deux volontaires sont verrouillés sur des missions différentes (locks[${p.a}], locks[${p.b}])`,
    (p) => `the two volunteers are locked on different missions (locks[${p.a}], locks[${p.b}])`,
  ),
  'constraint.notAllowedWhereLocked': m<{ which: string; other: number }>(
    (p) => `le ${p.which === 'first' ? 'premier' : 'second'} volontaire ne peut pas aller sur la mission où l’autre est verrouillé (locks[${p.other}])`,
    (p) => `the ${p.which} volunteer is not allowed on the mission where the other is locked (locks[${p.other}])`,
  ),
  'constraint.noMissionForBoth': m('aucune mission de 2 places n’accepte les deux volontaires', 'no mission with 2 places allows both volunteers'),
  'constraint.tooManyLocked': m<{ places: number; room: number; locked: number }>(
    (p) => `la mission a ${plural(p.places, 'place', 'places')}, de quoi accueillir ${p.room} volontaires en binômes, mais ${p.locked} volontaires y sont verrouillés`,
    (p) => `the mission has ${p.places} places, room for ${p.room} volunteers in binômes, but ${p.locked} volunteers are locked there`,
  ),
  'constraint.bothLockedNoRoom': m<{ other: number }>(
    (p) => `les deux volontaires sont verrouillés sur la même mission (locks[${p.other}] et d’autres) et elle n’a pas la place de donner un autre partenaire à chacun`,
    (p) => `the two volunteers are both locked on the same mission (locks[${p.other}] and others) and it has no room to give each of them another partner`,
  ),
  'constraint.noPartner': m(
    'aucun autre volontaire ne peut faire binôme avec le volontaire verrouillé sur cette mission (aucun n’y est admis, libre de verrous et de couples, et non listé à l’écart)',
    'no other volunteer can be the partner of the volunteer locked on that mission (none is allowed there, free of locks and couples, and not listed apart)',
  ),
  'constraint.partnersNeededElsewhere': m(
    'les volontaires qui pourraient faire binôme avec le volontaire verrouillé sur cette mission sont tous nécessaires comme partenaires de volontaires verrouillés sur d’autres missions',
    'the volunteers who could be the partner of the volunteer locked on that mission are all needed as partners of volunteers locked on other missions',
  ),

  // Placement runs: why a pair is not allowed, why a volunteer is unplaced, why places stay open.
  'run.why.acceptedElsewhere': m<{ title: string }>(
    (p) => `a déjà accepté « ${p.title} »`,
    (p) => `accepted “${p.title}” already`,
  ),
  'run.why.ineligible': m<{ rule: string; line: string }>(
    (p) => `pas éligible (règle ${p.rule}) : ${p.line}`,
    (p) => `not eligible (rule ${p.rule}): ${p.line}`,
  ),
  'run.why.hostWouldNot': m<{ name: string }>(
    (p) => `${p.name} a dit ne pas vouloir l’accueillir`,
    (p) => `${p.name} said it would not host them`,
  ),
  'run.why.partnerWouldNot': m<{ name: string }>(
    (p) => `${p.name} (partenaire du premier cercle) a dit ne pas vouloir l’accueillir`,
    (p) => `${p.name} (first-circle partner) said it would not host them`,
  ),
  'run.why.excluded': m('exclu par le coordinateur', 'excluded by the coordinator'),
  'run.why.lockedAlone': m<{ issue: string }>(
    (p) => `a déjà accepté cette mission ; personne en jeu ne peut y être son partenaire (${p.issue})`,
    (p) => `accepted this mission already; nobody in play can be their partner there (${p.issue})`,
  ),
  'run.field.notInPlay': m(
    'n’est pas un volontaire en jeu (une candidature éligible en entretien ou présélectionnée, et pas encore de binôme)',
    'is not a volunteer in play (an eligible application in interview or shortlisted, and no binôme yet)',
  ),
  'run.field.notPublished': m('n’est pas une mission publiée de cette édition', 'is not a published mission of this edition'),
  'run.field.noApplication': m<{ title: string }>(
    (p) => `n’a pas de candidature en jeu pour « ${p.title} »`,
    (p) => `has no application to “${p.title}” in play`,
  ),
  'run.field.cannotGo': m<{ title: string; why: string }>(
    (p) => `ne peut pas aller sur « ${p.title} » : ${p.why}`,
    (p) => `cannot go to “${p.title}”: ${p.why}`,
  ),
  'run.field.acceptedHeld': m<{ issue: string }>(
    (p) => `${p.issue} (un volontaire qui a accepté une mission y reste)`,
    (p) => `${p.issue} (a volunteer who accepted a mission is held there)`,
  ),
  'run.unplaced.no-allowed-mission': m('aucune mission à laquelle il a postulé ne lui est ouverte', 'no mission they applied to is open to them'),
  'run.unplaced.not-chosen': m(
    'les places qu’il pouvait prendre sont allées à des volontaires mieux classés',
    'the places they could take went to volunteers with higher scores',
  ),
  'run.unplaced.odd-volunteer': m(
    'pas de partenaire pour lui sur une mission qu’il peut faire (un volontaire de trop)',
    'no partner for them on a mission they can do (one volunteer too many)',
  ),
  // Where each part of a placement score comes from (src/modules/placement-runs/scores.ts).
  'score.host.forum': m<{ score: number }>((p) => `note de la structure au forum : ${p.score}/5`, (p) => `host's forum score ${p.score}/5`),
  'score.host.rating': m<{ rating: number }>(
    (p) => `note de la candidature par la structure : ${p.rating}/5 (pas de rencontre au forum)`,
    (p) => `host's rating of the application ${p.rating}/5 (not met at the forum)`,
  ),
  'score.host.none': m('ni note au forum ni note de candidature (neutre)', 'no score or rating yet (neutral)'),
  'score.wouldHost.yes': m('la structure l’accueillerait : oui', 'host would host: yes'),
  'score.wouldHost.maybe': m('la structure l’accueillerait : peut-être', 'host would host: maybe'),
  'score.wouldHost.none': m('structure pas interrogée (neutre)', 'host not asked (neutral)'),
  'score.partner.forum': m<{ score: number }>((p) => `note du partenaire du premier cercle au forum : ${p.score}/5`, (p) => `first-circle partner's forum score ${p.score}/5`),
  'score.partner.none': m('le partenaire du premier cercle ne l’a pas rencontré·e (neutre)', 'first-circle partner did not meet them (neutral)'),
  'score.interest.given': m<{ marks: readonly number[] }>(
    (p) => `intérêt du ou de la volontaire après le forum : ${p.marks.join(' et ')}/5`,
    (p) => `volunteer's interest ${p.marks.join(' and ')}/5 after the forum`,
  ),
  'score.interest.none': m('pas d’intérêt donné (neutre)', 'volunteer gave no interest (neutral)'),
  'score.distance.unknown': m('distance inconnue (neutre)', 'distance unknown (neutral)'),
  'score.distance.km': m<{ km: number; reach: number }>(
    (p) => `${kilometres(p.km)} km, pour ${p.reach} km possibles avec sa mobilité`,
    (p) => `${Number(p.km).toFixed(1)} km, reach ${p.reach} km with their mobility`,
  ),
  'score.complementary.none': m('aucun centre d’intérêt donné (neutre)', 'no interests given (neutral)'),
  'score.complementary.count': m<{ own: number; total: number }>(
    (p) => `${p.own} de leurs ${p.total} centres d’intérêt ne sont qu’à l’un des deux`,
    (p) => `${p.own} of their ${p.total} interests are one's only`,
  ),
  'score.near.km': m<{ km: number }>((p) => `${kilometres(p.km)} km l’un de l’autre`, (p) => `${Number(p.km).toFixed(1)} km apart`),
  'score.driving.notNeeded': m('la mission n’a pas besoin de conducteur', 'the mission needs no driver'),
  'score.driving.car': m('l’un des deux a le permis et une voiture', 'one of them has a licence and a car'),
  'score.driving.licence': m('l’un des deux a le permis, sans voiture', 'one of them has a licence, no car'),
  'score.driving.none': m('la mission demande un conducteur et aucun des deux ne conduit', 'the mission needs a driver and neither drives'),
  'run.open.one-place-left': m('une place reste libre : un binôme demande deux volontaires', 'one place stays open: a binôme needs two volunteers'),
  'run.open.no-volunteer': m('aucun volontaire n’a pu être placé ici', 'no volunteer could be placed here'),

  // Console: setup and admin
  'outbox.notFound': m('Ce message est introuvable.', 'No such message'),
  'outbox.notRetryable': m<{ status: string }>(
    (p) => `Seul un message en échec peut être renvoyé ; celui-ci est « ${p.status} ».`,
    (p) => `Only a failed message can be sent again; this one is ${p.status}`,
  ),

  // Invitations ---------------------------------------------------------------------------------
  'invitation.used': m('Cette invitation a déjà servi ; connectez-vous.', 'This invitation has already been used; sign in instead'),
  'invitation.revoked': m('Cette invitation a été retirée ; demandez-en une nouvelle.', 'This invitation was withdrawn; ask for a new one'),
  'passwordReset.linkGone': m('Ce lien de réinitialisation a expiré ou a déjà servi ; demandez-en un nouveau.', 'This password reset link has expired or was already used; ask for a new one'),
  'invitation.expired': m('Cette invitation a expiré ; demandez-en une nouvelle.', 'This invitation has expired; ask for a new one'),
  'invitation.adminInvitesCoordinators': m('Seul un administrateur peut inviter des coordinateurs.', 'Only an admin may invite coordinators'),
  'invitation.adminWithdrawsCoordinators': m(
    'Seul un administrateur peut retirer l’invitation d’un coordinateur.',
    'Only an admin may withdraw the invitation of a coordinator',
  ),
  'invitation.notWithdrawable': m<{ status: string }>(
    (p) => `L’invitation est ${status('invitation', p.status)} : seule une invitation en attente ou expirée peut être retirée.`,
    (p) => `The invitation is ${p.status}; only a pending or expired one can be withdrawn`,
  ),
  // The areas of issue 16, each in its own part (src/i18n/parts/).
  ...PROJECTS_MESSAGES,
  ...INFO_SESSIONS_MESSAGES,
  ...FOLLOW_UP_MESSAGES,
  ...REPORT_MESSAGES,
} as const;

// Types and formats in the validation messages (zod's names → words).
const TYPES: Record<string, { fr: string; en: string }> = {
  string: { fr: 'un texte', en: 'a string' },
  number: { fr: 'un nombre', en: 'a number' },
  int: { fr: 'un nombre entier', en: 'an integer' },
  boolean: { fr: 'vrai ou faux (true, false)', en: 'a boolean' },
  array: { fr: 'une liste', en: 'an array' },
  object: { fr: 'un objet', en: 'an object' },
  date: { fr: 'une date', en: 'a date' },
  null: { fr: 'null', en: 'null' },
};
const FORMATS: Record<string, { fr: string; en: string }> = {
  email: { fr: 'une adresse e-mail valide', en: 'a valid e-mail address' },
  uuid: { fr: 'un identifiant UUID', en: 'a UUID' },
  url: { fr: 'une URL valide', en: 'a valid URL' },
  date: { fr: 'une date au format AAAA-MM-JJ', en: 'a date as YYYY-MM-DD' },
  datetime: { fr: 'une date et heure ISO 8601 (2026-09-01T09:00:00Z)', en: 'an ISO 8601 date and time' },
  time: { fr: 'une heure au format HH:MM', en: 'a time as HH:MM' },
  regex: { fr: 'au format attendu', en: 'in the expected format' },
};
