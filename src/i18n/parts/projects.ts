import { m } from '../entry.js';
import { formatDateTime, formatShortDate as day } from '../format.js';

/** The statuses of a project as the messages name them. */
const STATUS: Record<string, string> = { draft: 'en brouillon', submitted: 'soumis', validated: 'validé', running: 'en cours', done: 'terminé', abandoned: 'abandonné' };
const status = (s: string) => `« ${STATUS[s] ?? s} »`;

/** The catalogue's messages of the projects area (issue 16), gathered in src/i18n/catalogue.ts. */
export const PROJECTS_MESSAGES = {
  // Projects ----------------------------------------------------------------------------------------
  'project.binomeNotConfirmed': m(
    'Le binôme n’est pas confirmé : un projet de médiation ne peut commencer qu’une fois les deux volontaires engagés.',
    'The binôme is not confirmed: a mediation project starts once both volunteers have accepted',
  ),
  'project.partnersInvalid': m('Vérifiez les partenaires du projet.', 'Check the project’s partners'),
  'project.venuesInvalid': m('Vérifiez les lieux du projet.', 'Check the project’s venues'),
  'project.endsBeforeStart': m('Le projet doit se terminer après son début.', 'The project must end after it starts'),
  'project.needsPartner': m(
    'Ajoutez au moins un partenaire (la structure qui amène un public) avant de soumettre le projet.',
    'Add at least one public partner before submitting the project',
  ),
  'project.volunteersEditDrafts': m<{ status: string }>(
    (p) => `Le projet est ${status(p.status)} : seul un brouillon se modifie. Demandez à votre coordinatrice ou coordinateur de vous le renvoyer en brouillon.`,
    (p) => `The project is ${p.status}: volunteers change a draft only`,
  ),
  'project.closedNoChange': m<{ status: string }>(
    (p) => `Le projet est ${status(p.status)} : il ne peut plus changer.`,
    (p) => `The project is ${p.status}; it can no longer change`,
  ),
  'field.project.notPublicPartner': m('doit être un partenaire public de votre organisme', 'must be a public partner of your operator'),
  'field.project.partnerTwice': m('ce partenaire est déjà dans la liste', 'this partner is already listed'),
  'field.project.publicTwice': m('chaque public une seule fois', 'each public once'),
  'field.project.notOperatorStructure': m('doit être une structure de votre organisme', 'must be a structure of your operator'),
  'field.project.endsAfterStart': m('doit être après la date de début', 'must be after the start date'),

  // Outings ----------------------------------------------------------------------------------------
  'outing.projectNotValidated': m<{ status: string }>(
    (p) => `Le projet est ${status(p.status)} : les sorties se programment une fois le projet validé par la coordination. Soumettez-le, puis attendez sa validation.`,
    (p) => `The project is ${p.status}: outings are scheduled once it is validated`,
  ),
  'outing.endsBeforeStart': m('La sortie doit se terminer après son début.', 'The outing must end after it starts'),
  'field.outing.endsAfterStart': m('doit être après l’heure de début', 'must be after the start'),
  'outing.driverNeeded': m('Un minibus a besoin d’un conducteur ou d’une conductrice : indiquez son nom.', 'A minibus needs a driver: give their name'),
  'field.outing.driverNeeded': m('indiquez qui conduit le minibus', 'name the driver of the minibus'),
  'outing.outsideMission': m<{ startsOn: string; endsOn: string }>(
    (p) => `La sortie doit avoir lieu pendant la mission, du ${day(p.startsOn)} au ${day(p.endsOn)} : choisissez une date entre les deux.`,
    (p) => `The outing must happen during the mission, from ${p.startsOn} to ${p.endsOn}`,
  ),
  'outing.venueInvalid': m('Choisissez le lieu parmi les structures de votre organisme.', 'Choose the venue among your operator’s structures'),
  'outing.groupsInvalid': m('Vérifiez les groupes attendus.', 'Check the expected groups'),
  'field.outing.notPartner': m('doit être un partenaire du projet', 'must be a partner of the project'),
  'field.outing.publicNotBrought': m('ce partenaire n’amène pas ce public dans le projet', 'this partner does not bring this public to the project'),
  'field.outing.groupTwice': m('ce groupe est déjà dans la liste', 'this group is already listed'),
  'outing.volunteersInvalid': m('Choisissez les volontaires parmi les membres du binôme.', 'Choose the volunteers among the binôme’s members'),
  'field.outing.notMember': m('doit être un ou une volontaire du binôme', 'must be a volunteer of the binôme'),
  'outing.volunteerEnded': m<{ name: string; endsOn: string }>(
    (p) => `${p.name} a terminé sa mission le ${day(p.endsOn)} : retirez cette personne des volontaires qui accompagnent.`,
    (p) => `${p.name}’s mission ended on ${p.endsOn}; they cannot accompany this outing`,
  ),
  'outing.doubleBooked': m<{ name: string; what: string; at: string }>(
    (p) => `${p.name} accompagne déjà « ${p.what} » à ce moment-là (${formatDateTime(p.at)}) : choisissez d’autres horaires ou une autre personne.`,
    (p) => `${p.name} already accompanies “${p.what}” at that time (${p.at})`,
  ),
  'outing.cancelled': m('La sortie est annulée.', 'The outing is cancelled'),
  'outing.attendanceBeforeStart': m<{ at: string }>(
    (p) => `La sortie n’a pas encore commencé (${formatDateTime(p.at)}) : la présence s’enregistre une fois qu’elle a eu lieu.`,
    (p) => `The outing has not started yet (${p.at}): attendance is recorded once it has`,
  ),
  'outing.cancelAfterStart': m<{ at: string }>(
    (p) => `La sortie a commencé (${formatDateTime(p.at)}) : elle ne peut plus être annulée. Enregistrez plutôt la présence, même nulle.`,
    (p) => `The outing started (${p.at}); it can no longer be cancelled`,
  ),
  'outing.attendanceInvalid': m('Vérifiez les présences saisies.', 'Check the attendance'),
  'field.outing.notAGroup': m('n’est pas un groupe attendu à cette sortie', 'is not a group expected at this outing'),
  'field.outing.firstTimeAbovePresent': m<{ present: number }>(
    (p) => `ne peut pas dépasser le nombre de présents (${p.present})`,
    (p) => `cannot exceed the number present (${p.present})`,
  ),
  'field.outing.presentAboveExpected': m<{ expected: number; walkIns: number }>(
    (p) => `ne peut pas dépasser les personnes attendues (${p.expected}) plus celles venues sans être attendues (${p.walkIns}) : déclarez-les dans « Venues sans inscription »`,
    (p) => `cannot exceed those expected (${p.expected}) plus the walk-ins declared (${p.walkIns})`,
  ),
  'field.outing.groupsMissing': m<{ names: string }>(
    (p) => `indiquez la présence de chaque groupe attendu (manque : ${p.names})`,
    (p) => `give the attendance of every expected group (missing: ${p.names})`,
  ),
  'field.outing.httpUrl': m('doit être une adresse qui commence par http:// ou https://', 'must be an http or https address'),
} as const;
