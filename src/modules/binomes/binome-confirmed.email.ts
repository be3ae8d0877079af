import { formatDate } from '../../i18n/format.js';
import { action, consoleLink, type EmailDraft, facts, paragraph } from '../outbox/compose.js';

/** The candidate's page of their binôme and its placement sheet (src/web/applications). */
export const MY_BINOME_PATH = '/mon-binome';

/** The essentials of the placement sheet a volunteer needs to start (placements.repository). */
export interface BinomeConfirmedContext {
  firstName: string | null;
  /** The other volunteer's first name; null when their profile is gone (anonymised). */
  partnerFirstName: string | null;
  programme: string;
  missionTitle: string;
  missionCommune: string;
  startsOn: string;
  endsOn: string;
  hostName: string;
  partnerStructureName: string;
  hostTutor: { name: string | null; email: string };
  operatorName: string;
  operatorTutor: { name: string | null; email: string };
}

const contact = (tutor: { name: string | null; email: string }) => (tutor.name ? `${tutor.name} (${tutor.email})` : tutor.email);

/**
 * The message each volunteer of a binôme receives when it is confirmed (both accepted, every
 * minor's authorisation recorded), with the placement sheet's essentials, in French. Pure.
 */
export function binomeConfirmedEmail(ctx: BinomeConfirmedContext): EmailDraft {
  return {
    subject: `Votre binôme est confirmé : ${ctx.missionTitle}`,
    firstName: ctx.firstName,
    blocks: [
      paragraph(
        `Votre binôme est confirmé : vous ferez la mission « ${ctx.missionTitle} » ` +
          (ctx.partnerFirstName ? `avec ${ctx.partnerFirstName}.` : 'avec un ou une autre volontaire.') +
          ' Voici l’essentiel de votre fiche de placement.',
      ),
      facts([
        ['Mission', `${ctx.missionTitle} (${ctx.missionCommune})`],
        ['Dates', `du ${formatDate(ctx.startsOn)} au ${formatDate(ctx.endsOn)}`],
        ['Structure d’accueil', ctx.hostName],
        ['Structure partenaire', ctx.partnerStructureName],
        ['Tuteur ou tutrice dans la structure', contact(ctx.hostTutor)],
        [`Contact à ${ctx.operatorName}`, contact(ctx.operatorTutor)],
        ...(ctx.partnerFirstName ? ([['Votre binôme', ctx.partnerFirstName]] as const) : []),
      ]),
      paragraph('Votre tuteur ou tutrice vous contactera avant le début de la mission pour préparer votre arrivée.'),
      action('Voir mon binôme et ma fiche', consoleLink(MY_BINOME_PATH)),
    ],
    why: `Vous recevez ce message car vous avez accepté la place proposée sur la mission « ${ctx.missionTitle} » en binôme.`,
    programme: ctx.programme,
  };
}
