import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { EditionStatus } from '../../../db/database.js';
import { Invalid } from '../../errors.js';
import { idOf } from './setup.forms.js';
import { type Actor, actorOf } from '../../lib/access.js';
import { createEditionBody, editionStatusSchema, updateEditionBody } from '../../modules/editions/editions.schemas.js';
import { editEdition, getEdition, listEditionsFor, moveEditionTo, createEdition } from '../../modules/editions/editions.service.js';
import { createPartnershipBody } from '../../modules/partnerships/partnerships.schemas.js';
import { createPartnership, listEditionPartnerships, removePartnership } from '../../modules/partnerships/partnerships.service.js';
import { createProgrammeBody, listProgrammesQuery } from '../../modules/programmes/programmes.schemas.js';
import { createProgramme, editProgramme, getProgramme, listProgrammesFor } from '../../modules/programmes/programmes.service.js';
import { listStructuresFor } from '../../modules/structures/structures.service.js';
import { searchEpcis } from '../../modules/territory/territory.service.js';
import { checkInput, DomainError, domainErrors, EMPTY_FORM, type FormState, type FormValues, formValues, NO_ERRORS, statusOf } from '../forms.js';
import { coordinationOnly, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { EditionPage, EPCI_SUGGESTIONS_PATH, type PartnerChoices, ProgrammeFormPage, ProgrammePage, ProgrammesPage } from './editions.pages.js';
import { invitationPages } from './invitation.routes.js';
import { commaList, epciLabel, numberOf, operatorChoices, resolveEpcis, savedNotice, stringOf } from './setup.forms.js';
import type { Edition, Programme } from './setup.types.js';
import { structurePages } from './structures.routes.js';

/** Query flags of a page after a saved form (`?enregistre=…`): the notice it shows. */
const SAVED: Readonly<Record<string, string>> = {
  programme: 'Le programme est créé.',
  'programme-modifie': 'Le programme est enregistré.',
  edition: 'L’édition est créée.',
  modifiee: 'L’édition est enregistrée.',
  statut: 'Le statut de l’édition a changé.',
  partenariat: 'Le partenariat est ajouté.',
  'partenariat-retire': 'Le partenariat est retiré.',
};

/** A programme's change from the console: the creation's fields, the operator aside (it does not move). */
const programmeFormBody = createProgrammeBody.omit({ operatorId: true });

/** The coordination's set-up: programmes, editions, structures, partnerships, staff invitations. */
export function setupPages(web: Web): FastifyPluginAsync {
  const { deps } = web;

  async function partnerChoices(actor: Actor, operatorId: string): Promise<PartnerChoices> {
    const of = async (kind: 'proximity' | 'first_circle') =>
      (await listStructuresFor(deps, actor, { kind, operatorId, limit: 100 })).items.map((s) => ({ value: s.id, label: `${s.name}${s.commune ? ` — ${s.commune.name}` : ''}` }));
    return { proximity: await of('proximity'), firstCircle: await of('first_circle') };
  }

  function editionValues(edition: Edition): FormValues {
    return {
      label: edition.label,
      startsOn: edition.startsOn,
      endsOn: edition.endsOn,
      plannedVolunteers: String(edition.plannedVolunteers),
      epciCodes: edition.territory.map(epciLabel).join(', '),
    };
  }

  /** The edition's page, with a form sent back (its values and errors) when given. */
  async function editionPage(request: FastifyRequest, reply: FastifyReply, id: string, options: { form?: FormState; partnershipForm?: FormState; moveError?: string; status?: number } = {}) {
    const actor = actorOf(request);
    const edition = await getEdition(deps, actor, id);
    const programme = await getProgramme(deps, actor, edition.programmeId);
    const partnerships = (await listEditionPartnerships(deps, actor, id)).items;
    const choices = await partnerChoices(actor, programme.operatorId);
    return sendPage(
      reply,
      <EditionPage
        ctx={pageContext(request, reply)}
        edition={edition}
        programme={programme}
        partnerships={partnerships}
        choices={choices}
        form={options.form ?? { values: editionValues(edition), errors: NO_ERRORS }}
        partnershipForm={options.partnershipForm ?? EMPTY_FORM}
        moveError={options.moveError}
        saved={savedNotice(request, SAVED)}
      />,
      options.status ?? 200,
    );
  }

  function programmeValues(programme: Programme): FormValues {
    return { name: programme.name, theme: programme.theme, description: programme.description, funders: programme.funders.join(', ') };
  }

  /** A programme's form read into the API's body: the funders a comma-separated list. */
  function programmeInput(values: FormValues): Record<string, unknown> {
    return {
      name: stringOf(values, 'name') || undefined,
      theme: stringOf(values, 'theme') || undefined,
      description: stringOf(values, 'description'),
      funders: commaList(stringOf(values, 'funders')),
    };
  }

  /** An edition's form read into the API's body: the dates, the number, the territory resolved. */
  async function editionInput(values: FormValues): Promise<{ input: Record<string, unknown>; unknown: string[] }> {
    const territory = stringOf(values, 'epciCodes');
    const { codes, unknown } = await resolveEpcis(deps, territory);
    return {
      input: {
        label: stringOf(values, 'label') || undefined,
        startsOn: stringOf(values, 'startsOn') || undefined,
        endsOn: stringOf(values, 'endsOn') || undefined,
        plannedVolunteers: numberOf(stringOf(values, 'plannedVolunteers')),
        epciCodes: territory ? codes : undefined,
      },
      unknown,
    };
  }

  const unknownEpcis = (unknown: string[]) =>
    unknown.length === 1
      ? `Aucune intercommunalité ne correspond à « ${unknown[0]} » (ou plusieurs) : choisissez-la dans la liste ou saisissez son numéro SIREN.`
      : `Aucune intercommunalité ne correspond à ${unknown.map((u) => `« ${u} »`).join(', ')} (ou plusieurs) : choisissez-les dans la liste ou saisissez leur numéro SIREN.`;

  /** The service's territory errors (« epciCodes.2 ») beside the field. */
  function editionErrors(error: DomainError) {
    const errors = domainErrors(error);
    const fields: Record<string, string> = {};
    for (const [key, message] of Object.entries(errors.fields)) fields[key.startsWith('epciCodes') ? 'epciCodes' : key] ??= message;
    if (error instanceof Invalid && Object.keys(fields).some((k) => k === 'epciCodes')) fields.epciCodes = error.message;
    return { fields, general: errors.general };
  }

  return async (app) => {
    await app.register(structurePages(web));
    await app.register(invitationPages(web));

    app.get('/gestion/editions', { onRequest: coordinationOnly() }, async (request, reply) => {
      const actor = actorOf(request);
      const { cursor } = request.query as { cursor?: unknown };
      const query = listProgrammesQuery.safeParse({ limit: '20', ...(typeof cursor === 'string' ? { cursor } : {}) });
      const page = await listProgrammesFor(deps, actor, query.success ? query.data : { limit: 20 });
      const programmes = [];
      for (const programme of page.items) programmes.push({ programme, editions: (await listEditionsFor(deps, actor, programme.id, { limit: 100 })).items });
      return sendPage(
        reply,
        <ProgrammesPage ctx={pageContext(request, reply)} programmes={programmes} nextCursor={page.nextCursor} firstPage={!query.success || query.data.cursor === undefined} saved={savedNotice(request, SAVED)} />,
      );
    });

    // The territory field's suggestions, for htmx: « Nom (SIREN) » of the EPCIs whose name starts so.
    app.get(EPCI_SUGGESTIONS_PATH, { onRequest: coordinationOnly() }, async (request, reply) => {
      const { epciCodes } = request.query as { epciCodes?: unknown };
      const typed = typeof epciCodes === 'string' ? (commaList(epciCodes).at(-1) ?? '') : '';
      const items = typed.length >= 2 && typed.length <= 100 ? (await searchEpcis(deps, { q: typed, limit: 8 })).items : [];
      return reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(renderToString(<>{items.map((epci) => <option value={epciLabel(epci)} />)}</>));
    });

    app.get('/gestion/programmes/nouveau', { onRequest: coordinationOnly() }, async (request, reply) => {
      const operators = await operatorChoices(web, actorOf(request));
      return sendPage(reply, <ProgrammeFormPage ctx={pageContext(request, reply)} form={EMPTY_FORM} operators={operators} />);
    });

    app.post('/gestion/programmes', { onRequest: coordinationOnly() }, async (request, reply) => {
      const actor = actorOf(request);
      const values = formValues(request.body);
      const again = async (form: FormState, status: number) =>
        sendPage(reply, <ProgrammeFormPage ctx={pageContext(request, reply)} form={form} operators={await operatorChoices(web, actor)} />, status);
      const parsed = checkInput(createProgrammeBody, {
        ...programmeInput(values),
        ...(actor.role === 'admin' && stringOf(values, 'operatorId') ? { operatorId: stringOf(values, 'operatorId') } : {}),
      });
      if (!parsed.ok) return again({ values, errors: parsed.errors }, 400);
      try {
        const programme = await createProgramme(deps, actor, parsed.data);
        return redirectAfterPost(request, reply, `/gestion/programmes/${programme.id}?enregistre=programme`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return again({ values, errors: domainErrors(error) }, statusOf(error));
      }
    });

    app.get('/gestion/programmes/:id', { onRequest: coordinationOnly() }, async (request, reply) => {
      const id = idOf(request, 'programme');
      const actor = actorOf(request);
      const programme = await getProgramme(deps, actor, id);
      const editions = (await listEditionsFor(deps, actor, id, { limit: 100 })).items;
      return sendPage(reply, <ProgrammePage ctx={pageContext(request, reply)} programme={programme} editions={editions} form={EMPTY_FORM} saved={savedNotice(request, SAVED)} />);
    });

    app.get('/gestion/programmes/:id/modifier', { onRequest: coordinationOnly() }, async (request, reply) => {
      const programme = await getProgramme(deps, actorOf(request), idOf(request, 'programme'));
      return sendPage(reply, <ProgrammeFormPage ctx={pageContext(request, reply)} form={{ values: programmeValues(programme), errors: NO_ERRORS }} programme={programme} />);
    });

    app.post('/gestion/programmes/:id/modifier', { onRequest: coordinationOnly() }, async (request, reply) => {
      const id = idOf(request, 'programme');
      const actor = actorOf(request);
      const programme = await getProgramme(deps, actor, id);
      const values = formValues(request.body);
      const again = (form: FormState, status: number) => sendPage(reply, <ProgrammeFormPage ctx={pageContext(request, reply)} form={form} programme={programme} />, status);
      // The whole programme is on the form: its name and theme stay required (the creation's rules).
      const parsed = checkInput(programmeFormBody, programmeInput(values));
      if (!parsed.ok) return again({ values, errors: parsed.errors }, 400);
      try {
        await editProgramme(deps, actor, id, parsed.data);
        return redirectAfterPost(request, reply, `/gestion/programmes/${id}?enregistre=programme-modifie`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return again({ values, errors: domainErrors(error) }, statusOf(error));
      }
    });

    app.post('/gestion/programmes/:id/editions', { onRequest: coordinationOnly() }, async (request, reply) => {
      const id = idOf(request, 'programme');
      const actor = actorOf(request);
      const programme = await getProgramme(deps, actor, id);
      const values = formValues(request.body);
      const again = async (form: FormState, status: number) => {
        const editions = (await listEditionsFor(deps, actor, id, { limit: 100 })).items;
        return sendPage(reply, <ProgrammePage ctx={pageContext(request, reply)} programme={programme} editions={editions} form={form} />, status);
      };
      const { input, unknown } = await editionInput(values);
      const parsed = checkInput(createEditionBody, input);
      if (!parsed.ok || unknown.length > 0) {
        const fields = parsed.ok ? {} : { ...parsed.errors.fields };
        if (unknown.length > 0) fields.epciCodes = unknownEpcis(unknown);
        return again({ values, errors: { fields, general: parsed.ok ? [] : parsed.errors.general } }, 400);
      }
      try {
        const edition = await createEdition(deps, actor, id, parsed.data);
        return redirectAfterPost(request, reply, `/gestion/editions/${edition.id}?enregistre=edition`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return again({ values, errors: editionErrors(error) }, statusOf(error));
      }
    });

    app.get('/gestion/editions/:id', { onRequest: coordinationOnly() }, async (request, reply) => {
      const id = idOf(request, 'edition');
      return editionPage(request, reply, id);
    });

    app.post('/gestion/editions/:id', { onRequest: coordinationOnly() }, async (request, reply) => {
      const id = idOf(request, 'edition');
      const actor = actorOf(request);
      await getEdition(deps, actor, id);
      const values = formValues(request.body);
      const { input, unknown } = await editionInput(values);
      const parsed = checkInput(updateEditionBody, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      if (!parsed.ok || unknown.length > 0) {
        const fields = parsed.ok ? {} : { ...parsed.errors.fields };
        if (unknown.length > 0) fields.epciCodes = unknownEpcis(unknown);
        return editionPage(request, reply, id, { form: { values, errors: { fields, general: parsed.ok ? [] : parsed.errors.general } }, status: 400 });
      }
      try {
        await editEdition(deps, actor, id, parsed.data);
        return redirectAfterPost(request, reply, `/gestion/editions/${id}?enregistre=modifiee`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return editionPage(request, reply, id, { form: { values, errors: editionErrors(error) }, status: statusOf(error) });
      }
    });

    app.post('/gestion/editions/:id/statut', { onRequest: coordinationOnly() }, async (request, reply) => {
      const id = idOf(request, 'edition');
      const values = formValues(request.body);
      const to = editionStatusSchema.safeParse(stringOf(values, 'to'));
      if (!to.success) return editionPage(request, reply, id, { moveError: 'Choisissez un statut parmi ceux proposés.', status: 400 });
      try {
        await moveEditionTo(deps, actorOf(request), id, { to: to.data as EditionStatus });
        return redirectAfterPost(request, reply, `/gestion/editions/${id}?enregistre=statut`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return editionPage(request, reply, id, { moveError: error.message, status: statusOf(error) });
      }
    });

    app.post('/gestion/editions/:id/partenariats', { onRequest: coordinationOnly() }, async (request, reply) => {
      const id = idOf(request, 'edition');
      const values = formValues(request.body);
      const parsed = checkInput(createPartnershipBody, { proximityStructureId: stringOf(values, 'proximityStructureId'), firstCircleStructureId: stringOf(values, 'firstCircleStructureId') });
      if (!parsed.ok) return editionPage(request, reply, id, { partnershipForm: { values, errors: parsed.errors }, status: 400 });
      try {
        await createPartnership(deps, actorOf(request), id, parsed.data);
        return redirectAfterPost(request, reply, `/gestion/editions/${id}?enregistre=partenariat#partenariats`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return editionPage(request, reply, id, { partnershipForm: { values, errors: domainErrors(error) }, status: statusOf(error) });
      }
    });

    app.post('/gestion/editions/:id/partenariats/:partnershipId/supprimer', { onRequest: coordinationOnly() }, async (request, reply) => {
      const id = idOf(request, 'edition');
      const partnershipId = idOf(request, 'partnership', 'partnershipId');
      try {
        await removePartnership(deps, actorOf(request), partnershipId);
        return redirectAfterPost(request, reply, `/gestion/editions/${id}?enregistre=partenariat-retire#partenariats`);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
        return editionPage(request, reply, id, { partnershipForm: { values: {}, errors: domainErrors(error) }, status: statusOf(error) });
      }
    });
  };
}
