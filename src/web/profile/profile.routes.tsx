import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { NotFound } from '../../errors.js';
import { actorOf } from '../../lib/access.js';
import { searchKey } from '../../lib/search-key.js';
import { disabilityBody } from '../../modules/candidates/candidates.schemas.js';
import { getDisability, getProfile, recordDisability, saveProfile, withdrawDisability } from '../../modules/candidates/candidates.service.js';
import { getCommune, searchCommunes } from '../../modules/territory/territory.service.js';
import { checkInput, DomainError, domainErrors, EMPTY_FORM, type FormErrors, type FormValues, formValues, NO_ERRORS, statusOf } from '../forms.js';
import { sendErrorPage, signedIn, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { COMMUNE_SUGGESTIONS_URL, type CommuneChoice, CommuneSuggestions, DisabilityPage, EraseDisabilityPage, ProfileStepPage, ProfileSummaryPage } from './profile.pages.js';
import { DRAFT_STEPS, DraftStore, FIELD_STEP, firstMissingStep, parseStep, type Profile, profileInput, type ProfileState, STATEMENT_STEPS, STEPS, type StepSlug, stateOfProfile, stepIndex, stepUrl, valuesOfState } from './profile.steps.js';

const NO_COMMUNE = 'Indiquez votre code postal ou le nom de votre commune.';
const UNKNOWN_COMMUNE = 'Aucune commune ne correspond : vérifiez le code postal ou l’orthographe du nom.';
const CHOOSE_COMMUNE = 'Choisissez votre commune dans la liste.';

/** How many communes a search offers to choose from. */
const COMMUNE_CHOICES = 12;

type CommuneLookup = { ok: true; code: string; name: string } | { ok: false; errors: FormErrors; choices?: readonly CommuneChoice[] };

/**
 * « Mon profil » (candidates): the profile in steps (profile.steps.ts says why the first four
 * come first), the summary, and the disability question with its consent.
 */
export function profilePages(web: Web, draftSecret: string): FastifyPluginAsync {
  const { deps } = web;
  const drafts = new DraftStore(web, draftSecret);

  async function load(request: FastifyRequest): Promise<{ profile: Profile | undefined; state: ProfileState }> {
    try {
      const profile = await getProfile(deps, actorOf(request));
      return { profile, state: stateOfProfile(profile) };
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      return { profile: undefined, state: drafts.read(request) };
    }
  }

  /** The postal code or the name typed, resolved with the territory's communes. */
  async function lookUpCommune(values: FormValues, state: ProfileState): Promise<CommuneLookup> {
    const typed = typeof values.commune === 'string' ? values.commune.trim() : '';
    if (!typed) return { ok: false, errors: { fields: { commune: NO_COMMUNE }, general: [] } };
    const key = searchKey(typed);
    // Sent again unchanged: the commune already chosen.
    if (state.communeCode && state.communeName && key === searchKey(state.communeName)) return { ok: true, code: state.communeCode, name: state.communeName };
    let found: CommuneChoice[] = [];
    const suggested = /^(.+) \(([0-9]{5})\)$/.exec(typed);
    if (suggested) {
      // A suggestion taken: « Lens (62300) ».
      const named = searchKey(suggested[1]!);
      found = (await searchCommunes(deps, { postalCode: suggested[2]!, limit: COMMUNE_CHOICES })).items.filter((c) => searchKey(c.name) === named);
    } else if (/^[0-9]{5}$/.test(typed)) {
      found = (await searchCommunes(deps, { postalCode: typed, limit: COMMUNE_CHOICES })).items;
      // An INSEE code typed in place of the postal code.
      if (found.length === 0) found = await getCommune(deps, typed).then((c) => [c], () => []);
    } else if (key !== '' && typed.length <= 100) {
      found = (await searchCommunes(deps, { q: typed, limit: COMMUNE_CHOICES })).items;
    }
    if (found.length === 0) return { ok: false, errors: { fields: { commune: UNKNOWN_COMMUNE }, general: [] } };
    const chosen = typeof values.communeCode === 'string' ? found.find((c) => c.code === values.communeCode) : undefined;
    const exact = suggested ? [] : found.filter((c) => searchKey(c.name) === key);
    const pick = chosen ?? (found.length === 1 ? found[0] : exact.length === 1 ? exact[0] : undefined);
    if (pick) return { ok: true, code: pick.code, name: pick.name };
    const errors = values.communeCode !== undefined ? { fields: { communeCode: CHOOSE_COMMUNE }, general: [] } : NO_ERRORS;
    return { ok: false, errors, choices: found };
  }

  /** A service's refusal: shown on the step of the field it names (the draft's earlier steps are checked at the creation). */
  function refused(request: FastifyRequest, reply: FastifyReply, slug: StepSlug, values: FormValues, state: ProfileState, error: DomainError, profileExists: boolean) {
    const errors = domainErrors(error);
    const named = Object.keys(errors.fields).map((field) => FIELD_STEP[field]).find((s) => s !== undefined);
    const target = named ?? slug;
    const shown: FormErrors = errors.fields.communeCode ? { fields: { ...errors.fields, commune: errors.fields.communeCode }, general: errors.general } : errors;
    const formValuesShown = target === slug ? values : valuesOfState(state);
    return sendPage(reply, <ProfileStepPage ctx={pageContext(request, reply)} slug={target} form={{ values: formValuesShown, errors: shown }} profileExists={profileExists} />, statusOf(error));
  }

  /** Saves one step's answers: into the profile when it exists, else into the draft, the fourth step creating the profile. */
  async function save(request: FastifyRequest, reply: FastifyReply, slug: StepSlug, values: FormValues, changes: ProfileState) {
    const { profile, state } = await load(request);
    const merged = { ...state, ...changes };
    const index = stepIndex(slug);
    if (profile) {
      try {
        await saveProfile(deps, actorOf(request), profileInput(merged)!, { keepStatementDate: !STATEMENT_STEPS.includes(slug) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return refused(request, reply, slug, values, merged, error, true);
      }
    } else if (index < DRAFT_STEPS) {
      drafts.write(request, reply, merged);
    } else {
      const missing = firstMissingStep(merged);
      if (missing) return redirectAfterPost(request, reply, stepUrl(missing));
      if (index > DRAFT_STEPS) return redirectAfterPost(request, reply, stepUrl(STEPS[DRAFT_STEPS]!.slug));
      try {
        await saveProfile(deps, actorOf(request), profileInput(merged)!);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return refused(request, reply, slug, values, merged, error, false);
      }
      drafts.clear(request, reply);
    }
    const next = STEPS[index + 1];
    return redirectAfterPost(request, reply, next ? stepUrl(next.slug) : '/mon-profil?enregistre=1');
  }

  function stepOf(params: unknown): StepSlug | undefined {
    return STEPS[stepIndex((params as { step?: string }).step ?? '')]?.slug;
  }

  return async (app) => {
    const candidate = { onRequest: signedIn('candidate') };

    app.get('/mon-profil', candidate, async (request, reply) => {
      const { profile, state } = await load(request);
      const saved = (request.query as { enregistre?: unknown }).enregistre !== undefined;
      const next = profile ? undefined : (firstMissingStep(state) ?? STEPS[DRAFT_STEPS]!.slug);
      return sendPage(reply, <ProfileSummaryPage ctx={pageContext(request, reply)} state={state} profileExists={profile !== undefined} next={next} saved={saved} swornAt={profile?.statementSwornAt} />);
    });

    // The commune field's suggestions, as the person types (htmx).
    app.get(COMMUNE_SUGGESTIONS_URL, candidate, async (request, reply) => {
      const { commune } = request.query as { commune?: unknown };
      const typed = typeof commune === 'string' ? commune.trim() : '';
      let communes: CommuneChoice[] = [];
      if (/^[0-9]{5}$/.test(typed)) communes = (await searchCommunes(deps, { postalCode: typed, limit: COMMUNE_CHOICES })).items;
      else if (typed.length >= 2 && typed.length <= 100 && searchKey(typed) !== '' && !/^[0-9]+$/.test(typed)) communes = (await searchCommunes(deps, { q: typed, limit: COMMUNE_CHOICES })).items;
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderToString(<CommuneSuggestions communes={communes} />));
    });

    app.get('/mon-profil/:step', candidate, async (request, reply) => {
      const slug = stepOf(request.params);
      if (!slug) return sendErrorPage(request, reply, 404, 'not-found');
      const { profile, state } = await load(request);
      // The optional steps complete a profile that exists.
      if (!profile && stepIndex(slug) > DRAFT_STEPS) return reply.redirect(stepUrl(firstMissingStep(state) ?? STEPS[DRAFT_STEPS]!.slug), 302);
      return sendPage(reply, <ProfileStepPage ctx={pageContext(request, reply)} slug={slug} form={{ values: valuesOfState(state), errors: NO_ERRORS }} profileExists={profile !== undefined} />);
    });

    app.post('/mon-profil/:step', candidate, async (request, reply) => {
      const slug = stepOf(request.params);
      if (!slug) return sendErrorPage(request, reply, 404, 'not-found');
      const values = formValues(request.body);
      const again = (errors: FormErrors, status: number, profileExists: boolean, communeChoices?: readonly CommuneChoice[]) =>
        sendPage(
          reply,
          <ProfileStepPage ctx={pageContext(request, reply)} slug={slug} form={{ values, errors }} profileExists={profileExists} {...(communeChoices ? { communeChoices } : {})} />,
          status,
        );
      if (slug === 'commune') {
        const { profile, state } = await load(request);
        const found = await lookUpCommune(values, state);
        if (!found.ok) return again(found.errors, found.choices && !('communeCode' in found.errors.fields) ? 200 : 422, profile !== undefined, found.choices);
        return save(request, reply, slug, values, { communeCode: found.code, communeName: found.name });
      }
      const parsed = parseStep(slug, values);
      if (!parsed.ok) {
        const { profile } = await load(request);
        return again(parsed.errors, 400, profile !== undefined);
      }
      return save(request, reply, slug, values, parsed.changes);
    });

    app.get('/mon-profil/handicap', candidate, async (request, reply) => {
      const query = request.query as { efface?: unknown; enregistre?: unknown };
      const recorded = await getDisability(deps, actorOf(request)).catch((error: unknown) => {
        if (error instanceof NotFound) return undefined;
        throw error;
      });
      const form = recorded ? { values: { recognised: String(recorded.recognised) }, errors: NO_ERRORS } : EMPTY_FORM;
      return sendPage(reply, <DisabilityPage ctx={pageContext(request, reply)} form={form} recorded={recorded} erased={query.efface !== undefined} saved={query.enregistre !== undefined} />);
    });

    // Recorded only with the explicit consent (the API's PUT /me/disability and its schema).
    app.post('/mon-profil/handicap', candidate, async (request, reply) => {
      const values = formValues(request.body);
      const recognised = values.recognised === 'true' ? true : values.recognised === 'false' ? false : values.recognised;
      const parsed = checkInput(disabilityBody, { recognised, consent: values.consent === 'true' ? true : undefined });
      if (!parsed.ok) {
        const recorded = await getDisability(deps, actorOf(request)).catch((error: unknown) => {
          if (error instanceof NotFound) return undefined;
          throw error;
        });
        return sendPage(reply, <DisabilityPage ctx={pageContext(request, reply)} form={{ values, errors: parsed.errors }} recorded={recorded} />, 400);
      }
      await recordDisability(deps, actorOf(request), parsed.data.recognised);
      return redirectAfterPost(request, reply, '/mon-profil/handicap?enregistre=1');
    });

    app.get('/mon-profil/handicap/effacer', candidate, async (request, reply) => sendPage(reply, <EraseDisabilityPage ctx={pageContext(request, reply)} />));

    // Withdrawing the consent erases the record (DELETE /me/disability); nothing recorded: nothing to do.
    app.post('/mon-profil/handicap/effacer', candidate, async (request, reply) => {
      await withdrawDisability(deps, actorOf(request)).catch((error: unknown) => {
        if (!(error instanceof NotFound)) throw error;
      });
      return redirectAfterPost(request, reply, '/mon-profil/handicap?efface=1');
    });
  };
}

