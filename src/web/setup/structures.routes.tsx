import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { NotFound } from '../../errors.js';
import { actorOf } from '../../lib/access.js';
import { csvOf } from '../../lib/csv.js';
import { everyItem, sendCsv } from '../../lib/csv-download.js';
import { MAX_PAGE_SIZE } from '../../lib/pagination.js';
import { createInvitationBody } from '../../modules/invitations/invitations.schemas.js';
import { createInvitation, listStructureInvitations, revokeInvitation } from '../../modules/invitations/invitations.service.js';
import { contactSchema, createStructureBody, listStructuresQuery, updateStructureBody } from '../../modules/structures/structures.schemas.js';
import { createStructure, editStructure, getMembers, getStructure, listStructuresFor, type Structure } from '../../modules/structures/structures.service.js';
import { getCommune } from '../../modules/territory/territory.service.js';
import { CommuneOptions } from '../missions/missions.pages.js';
import { communeLabel, resolvePlace, suggestCommunes } from '../missions/search.js';
import { checkInput, DomainError, domainErrors, EMPTY_FORM, type FormErrors, type FormState, type FormValues, formValues, NO_ERRORS, statusOf } from '../forms.js';
import { coordinationOnly, sendErrorPage, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { CONTACT_FIELDS, contactKey, contactRowsOf, emptyContactRow, idOf, listOf, numberOf, operatorChoices, savedNotice, stringOf } from './setup.forms.js';
import { zodIssueMessage } from '../../i18n/validation.js';
import { STRUCTURE_COLUMNS } from './structures.csv.js';
import { STRUCTURE_COMMUNES_PATH, StructureFormPage, StructurePage, StructuresPage } from './structures.pages.js';

const SAVED: Readonly<Record<string, string>> = {
  creee: 'La structure est créée.',
  modifiee: 'La structure est enregistrée.',
  invitation: 'L’invitation est envoyée par e-mail.',
  'invitation-retiree': 'L’invitation est retirée : son lien ne fonctionne plus.',
};

const UNKNOWN_COMMUNE = 'Aucune commune ne correspond : vérifiez le code postal ou l’orthographe du nom.';
const NO_COMMUNE = 'Indiquez la commune de la structure.';

/** Structures (coordinators of their operator, admins): the list, a structure, its members and their invitations. */
export function structurePages(web: Web): FastifyPluginAsync {
  const { deps } = web;

  async function structureValues(structure: Structure): Promise<FormValues> {
    const commune = structure.commune ? await getCommune(deps, structure.commune.code).catch(() => undefined) : undefined;
    return {
      version: String(structure.version),
      name: structure.name,
      kind: structure.kind,
      reach: structure.reach ?? '',
      publicTypes: structure.publicTypes,
      commune: commune ? communeLabel(commune) : (structure.commune?.name ?? ''),
      address: structure.address ?? '',
      latitude: structure.latitude === null ? '' : String(structure.latitude).replace('.', ','),
      longitude: structure.longitude === null ? '' : String(structure.longitude).replace('.', ','),
      ...(structure.accredited ? { accredited: 'true' } : {}),
      accreditationNumber: structure.accreditationNumber ?? '',
      ...Object.fromEntries(structure.contacts.flatMap((contact, row) => CONTACT_FIELDS.map((field) => [contactKey(row, field), contact[field] ?? '']))),
    };
  }

  /**
   * The contact rows read into the API's contacts: an empty row, or one marked « Retirer », left
   * out; each row checked apart, so that an error lands beside its row's field (`contacts.<row>.<field>`).
   */
  function contactsInput(values: FormValues): { contacts: unknown[]; errors: Record<string, string> } {
    const contacts: unknown[] = [];
    const errors: Record<string, string> = {};
    for (const row of contactRowsOf(values)) {
      if (emptyContactRow(values, row) || stringOf(values, contactKey(row, 'retirer')) === 'true') continue;
      const typed = Object.fromEntries(CONTACT_FIELDS.map((field) => [field, stringOf(values, contactKey(row, field)) || undefined]));
      const parsed = contactSchema.safeParse(typed);
      if (parsed.success) contacts.push(parsed.data);
      else for (const issue of parsed.error.issues) errors[contactKey(row, String(issue.path[0]) as (typeof CONTACT_FIELDS)[number])] ??= zodIssueMessage(issue, 'fr');
    }
    return { contacts, errors };
  }

  /**
   * The form read into the API's body: the commune resolved from what was typed (« Lens (62300) »,
   * a postal code, a name), the coordinates as typed or else the commune's.
   */
  async function structureInput(values: FormValues): Promise<{ input: Record<string, unknown>; errors: Record<string, string> }> {
    const errors: Record<string, string> = {};
    const typed = stringOf(values, 'commune');
    let communeCode: string | undefined;
    let at: { latitude: number | null; longitude: number | null } = { latitude: null, longitude: null };
    if (!typed) errors.commune = NO_COMMUNE;
    else {
      const place = typed.length <= 120 ? await resolvePlace(deps, typed) : undefined;
      if (!place) errors.commune = UNKNOWN_COMMUNE;
      else {
        communeCode = place.commune.code;
        at = place.commune;
      }
    }
    const latitude = numberOf(stringOf(values, 'latitude'));
    const longitude = numberOf(stringOf(values, 'longitude'));
    const typedCoordinates = latitude !== undefined || longitude !== undefined;
    const reach = stringOf(values, 'reach');
    const contacts = contactsInput(values);
    Object.assign(errors, contacts.errors);
    return {
      input: {
        name: stringOf(values, 'name') || undefined,
        kind: stringOf(values, 'kind') || undefined,
        reach: reach || undefined,
        publicTypes: listOf(values, 'publicTypes'),
        communeCode: communeCode ?? '00000',
        address: stringOf(values, 'address') || undefined,
        ...(typedCoordinates ? { latitude, longitude } : at.latitude !== null && at.longitude !== null ? { latitude: at.latitude, longitude: at.longitude } : {}),
        accredited: stringOf(values, 'accredited') === 'true',
        accreditationNumber: stringOf(values, 'accreditationNumber') || undefined,
        contacts: contacts.contacts,
      },
      errors,
    };
  }

  /** Errors of the API's fields shown beside the page's (the commune typed for its code). */
  function shown(errors: FormErrors, extra: Record<string, string> = {}): FormErrors {
    const fields: Record<string, string> = {};
    for (const [key, message] of Object.entries(errors.fields)) fields[key === 'communeCode' ? 'commune' : key] ??= message;
    return { fields: { ...fields, ...extra }, general: errors.general };
  }

  async function structurePage(request: FastifyRequest, reply: FastifyReply, id: string, inviteForm: FormState = EMPTY_FORM, status = 200) {
    const actor = actorOf(request);
    const structure = await getStructure(deps, actor, id);
    const members = (await getMembers(deps, actor, id)).items;
    const invitations = await listStructureInvitations(deps, actor, id);
    return sendPage(
      reply,
      <StructurePage ctx={pageContext(request, reply)} structure={structure} members={members} invitations={invitations} inviteForm={inviteForm} saved={savedNotice(request, SAVED)} />,
      status,
    );
  }

  return async (app) => {
    app.get('/gestion/structures', { onRequest: coordinationOnly() }, async (request, reply) => {
      const raw = request.query as Record<string, unknown>;
      const query: Record<string, string> = {};
      for (const key of ['q', 'kind'] as const) if (typeof raw[key] === 'string' && raw[key] !== '') query[key] = raw[key];
      const cursor = typeof raw.cursor === 'string' ? raw.cursor : undefined;
      const parsed = listStructuresQuery.safeParse({ ...query, limit: '20', ...(cursor ? { cursor } : {}) });
      if (!parsed.success) {
        const errors = checkInput(listStructuresQuery, { ...query, limit: '20', ...(cursor ? { cursor } : {}) });
        const fields = errors.ok ? {} : errors.errors.fields;
        return sendPage(
          reply,
          <StructuresPage ctx={pageContext(request, reply)} filter={{ values: query, errors: { fields: { ...(fields.q ? { q: fields.q } : {}), ...(fields.kind ? { kind: fields.kind } : {}) }, general: fields.cursor ? [fields.cursor] : [] } }} structures={[]} nextCursor={null} firstPage query={query} />,
          400,
        );
      }
      const page = await listStructuresFor(deps, actorOf(request), parsed.data);
      return sendPage(
        reply,
        <StructuresPage ctx={pageContext(request, reply)} filter={{ values: query, errors: NO_ERRORS }} structures={page.items} nextCursor={page.nextCursor} firstPage={!cursor} query={query} />,
      );
    });

    // The list as a spreadsheet: the same filters and the same service (what the coordinator may see), every page.
    app.get('/gestion/structures.csv', { onRequest: coordinationOnly() }, async (request, reply) => {
      const raw = request.query as Record<string, unknown>;
      const query: Record<string, string> = {};
      for (const key of ['q', 'kind'] as const) if (typeof raw[key] === 'string' && raw[key] !== '') query[key] = raw[key];
      const checked = checkInput(listStructuresQuery, { ...query, limit: String(MAX_PAGE_SIZE) });
      if (!checked.ok) return sendErrorPage(request, reply, 400, 'other', Object.values(checked.errors.fields).join(' '));
      const { items, truncated } = await everyItem((cursor) => listStructuresFor(deps, actorOf(request), listStructuresQuery.parse({ ...query, limit: String(MAX_PAGE_SIZE), ...(cursor ? { cursor } : {}) })));
      return sendCsv(reply, { csv: csvOf(STRUCTURE_COLUMNS, items), truncated }, 'structures.csv');
    });

    // The commune field's suggestions, for htmx: the <option>s of its <datalist> (the mission search's).
    app.get(STRUCTURE_COMMUNES_PATH, { onRequest: coordinationOnly() }, async (request, reply) => {
      const { commune } = request.query as { commune?: unknown };
      const communes = typeof commune === 'string' ? await suggestCommunes(deps, commune) : [];
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderToString(<CommuneOptions communes={communes} />));
    });

    app.get('/gestion/structures/nouvelle', { onRequest: coordinationOnly() }, async (request, reply) => {
      const operators = await operatorChoices(web, actorOf(request));
      return sendPage(reply, <StructureFormPage ctx={pageContext(request, reply)} form={{ values: { kind: 'proximity' }, errors: NO_ERRORS }} operators={operators} />);
    });

    app.post('/gestion/structures', { onRequest: coordinationOnly() }, async (request, reply) => {
      const actor = actorOf(request);
      const values = formValues(request.body);
      const again = async (errors: FormErrors, status: number) =>
        sendPage(reply, <StructureFormPage ctx={pageContext(request, reply)} form={{ values, errors }} operators={await operatorChoices(web, actor)} />, status);
      const { input, errors } = await structureInput(values);
      const operatorId = actor.role === 'admin' ? stringOf(values, 'operatorId') : '';
      const parsed = checkInput(createStructureBody, { ...input, ...(operatorId ? { operatorId } : {}) });
      if (!parsed.ok || Object.keys(errors).length > 0) return again(shown(parsed.ok ? NO_ERRORS : parsed.errors, errors), 400);
      try {
        const structure = await createStructure(deps, actor, parsed.data);
        return redirectAfterPost(request, reply, `/gestion/structures/${structure.id}?enregistre=creee`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return again(shown(domainErrors(error)), statusOf(error));
      }
    });

    app.get('/gestion/structures/:id', { onRequest: coordinationOnly() }, async (request, reply) => structurePage(request, reply, idOf(request, 'structure')));

    app.get('/gestion/structures/:id/modifier', { onRequest: coordinationOnly() }, async (request, reply) => {
      const structure = await getStructure(deps, actorOf(request), idOf(request, 'structure'));
      return sendPage(reply, <StructureFormPage ctx={pageContext(request, reply)} form={{ values: await structureValues(structure), errors: NO_ERRORS }} structure={structure} />);
    });

    app.post('/gestion/structures/:id/modifier', { onRequest: coordinationOnly() }, async (request, reply) => {
      const actor = actorOf(request);
      const id = idOf(request, 'structure');
      const structure = await getStructure(deps, actor, id);
      const values = formValues(request.body);
      const again = (errors: FormErrors, status: number, formValuesShown: FormValues = values) =>
        sendPage(reply, <StructureFormPage ctx={pageContext(request, reply)} form={{ values: formValuesShown, errors }} structure={structure} />, status);
      const { input, errors } = await structureInput(values);
      const parsed = checkInput(updateStructureBody, input);
      if (!parsed.ok || Object.keys(errors).length > 0) return again(shown(parsed.ok ? NO_ERRORS : parsed.errors, errors), 400);
      const version = Number(stringOf(values, 'version'));
      try {
        await editStructure(deps, actor, id, Number.isInteger(version) ? version : -1, parsed.data);
        return redirectAfterPost(request, reply, `/gestion/structures/${id}?enregistre=modifiee`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // Changed meanwhile: what was typed stays, with the version now current, to send again knowingly.
        const fresh = error.kind === 'precondition-failed' ? { ...values, version: String(structure.version) } : values;
        return again(shown(domainErrors(error)), statusOf(error), fresh);
      }
    });

    app.post('/gestion/structures/:id/invitations', { onRequest: coordinationOnly() }, async (request, reply) => {
      const id = idOf(request, 'structure');
      const actor = actorOf(request);
      const values = formValues(request.body);
      const parsed = checkInput(createInvitationBody, { role: 'structure_member', structureId: id, email: stringOf(values, 'email'), ...(stringOf(values, 'fullName') ? { fullName: stringOf(values, 'fullName') } : {}) });
      if (!parsed.ok) return structurePage(request, reply, id, { values, errors: parsed.errors }, 400);
      try {
        await createInvitation(deps, actor, parsed.data);
        return redirectAfterPost(request, reply, `/gestion/structures/${id}?enregistre=invitation#membres`);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
        return structurePage(request, reply, id, { values, errors: domainErrors(error, 'email') }, statusOf(error));
      }
    });

    app.post('/gestion/structures/:id/invitations/:invitationId/retirer', { onRequest: coordinationOnly() }, async (request, reply) => {
      const id = idOf(request, 'structure');
      const invitationId = idOf(request, 'invitation', 'invitationId');
      const actor = actorOf(request);
      // The invitation must be one of this structure's.
      if (!(await listStructureInvitations(deps, actor, id)).some((i) => i.id === invitationId)) throw new NotFound('invitation');
      try {
        await revokeInvitation(deps, actor, invitationId);
        return redirectAfterPost(request, reply, `/gestion/structures/${id}?enregistre=invitation-retiree#membres`);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
        return structurePage(request, reply, id, { values: {}, errors: domainErrors(error) }, statusOf(error));
      }
    });
  };
}
