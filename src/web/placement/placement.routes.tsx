import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../errors.js';
import { type Actor, actorOf, scopeOf } from '../../lib/access.js';
import { createdCursor } from '../../lib/pagination.js';
import { createRunBody } from '../../modules/placement-runs/runs.schemas.js';
import { applyRun, createRun, getRun, listEditionRuns, type RunDeps } from '../../modules/placement-runs/runs.service.js';
import { DEFAULT_WEIGHTS } from '../../modules/placement-runs/scores.js';
import { missionsWithoutRate } from '../../modules/placements/placements.service.js';
import { DomainError, EMPTY_FORM, type FormErrors, type FormState, type FormValues, formValues, NO_ERRORS, statusOf } from '../forms.js';
import { coordinationOnly, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { binomePages } from './binomes.routes.js';
import { ratePages } from './rates.routes.js';
import { apartValue, type Decoded, decode, describe, exclusionValue, lockValue, pairValue, valuesOf } from './placement.constraints.js';
import { castOf, ComparePage, type Constraint, PlacementHomePage, type Run, RunPage } from './placement.pages.js';
import { type EditionChoice, visibleEditions } from './placement.repository.js';

const uuid = z.uuid();
const RUNS_PER_PAGE = 20;
const WEIGHT_KEYS = Object.keys(DEFAULT_WEIGHTS) as (keyof typeof DEFAULT_WEIGHTS)[];

const many = (value: string | readonly string[] | undefined): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : [...value]);
const one = (values: FormValues, key: string): string => {
  const v = values[key];
  return typeof v === 'string' ? v.trim() : '';
};

/** The constraints a re-run form carries: those ticked, then those added with the selects (each given once). */
function constraintValues(values: FormValues): { values: string[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const out = many(values.contrainte);
  const pick = (a: string, b: string, both: () => string, fieldA: string, fieldB: string, what: string) => {
    const x = one(values, a);
    const y = one(values, b);
    if (!x && !y) return;
    if (!x) errors[fieldA] = `Choisissez ${what}`;
    else if (!y) errors[fieldB] = `Choisissez ${what}`;
    else out.push(both());
  };
  pick('fixerVolontaire', 'fixerMission', () => lockValue(one(values, 'fixerVolontaire'), one(values, 'fixerMission')), 'fixerVolontaire', 'fixerMission', 'le ou la volontaire et la mission');
  if (one(values, 'ensembleA') && one(values, 'ensembleA') === one(values, 'ensembleB')) errors.ensembleB = 'Choisissez deux volontaires différents';
  else pick('ensembleA', 'ensembleB', () => pairValue(one(values, 'ensembleA'), one(values, 'ensembleB'), one(values, 'ensembleMission') || undefined), 'ensembleA', 'ensembleB', 'les deux volontaires');
  if (!one(values, 'ensembleA') && !one(values, 'ensembleB') && one(values, 'ensembleMission')) errors.ensembleA = 'Choisissez les deux volontaires';
  pick('exclureVolontaire', 'exclureMission', () => exclusionValue(one(values, 'exclureVolontaire'), one(values, 'exclureMission')), 'exclureVolontaire', 'exclureMission', 'le ou la volontaire et la mission');
  if (one(values, 'separerA') && one(values, 'separerA') === one(values, 'separerB')) errors.separerB = 'Choisissez deux volontaires différents';
  else pick('separerA', 'separerB', () => apartValue(one(values, 'separerA'), one(values, 'separerB')), 'separerA', 'separerB', 'les deux volontaires');
  return { values: [...new Set(out)], errors };
}

/** The placement board (/gestion/placement), binômes (/gestion/binomes) and indemnity rates (/admin/baremes). */
export function placementPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  return async (app) => {
    // The app's solver: one worker pool for the API's runs and the pages'.
    const runDeps: RunDeps = { ...deps, solver: web.solver };
    const guard = { onRequest: coordinationOnly() };

    async function editionOf(actor: Actor, id: string | undefined): Promise<{ editions: EditionChoice[]; edition: EditionChoice | undefined }> {
      const editions = await visibleEditions(deps.db, scopeOf(actor));
      if (id === undefined) return { editions, edition: undefined };
      const edition = uuid.safeParse(id).success ? editions.find((e) => e.id === id) : undefined;
      if (!edition) throw new NotFound('edition');
      return { editions, edition };
    }

    async function runOf(actor: Actor, id: string): Promise<Run> {
      if (!uuid.safeParse(id).success) throw new NotFound('placementRun');
      return getRun(deps, actor, id);
    }

    async function homePage(request: FastifyRequest, reply: FastifyReply, editionId: string | undefined, form: FormState = EMPTY_FORM, status = 200) {
      const actor = actorOf(request);
      const { editions, edition } = await editionOf(actor, editionId);
      let runs: Awaited<ReturnType<typeof listEditionRuns>> = { items: [], nextCursor: null };
      if (edition) {
        const { suite } = request.query as { suite?: unknown };
        const cursor = typeof suite === 'string' ? createdCursor.safeParse(suite) : undefined;
        runs = await listEditionRuns(deps, actor, edition.id, { limit: RUNS_PER_PAGE, cursor: cursor?.success ? cursor.data : undefined });
      }
      return sendPage(reply, <PlacementHomePage ctx={pageContext(request, reply)} editions={editions} edition={edition} runs={runs.items} nextCursor={runs.nextCursor} form={form} />, status);
    }

    function constraintsOf(run: Run, values: readonly string[]): Constraint[] {
      const cast = castOf(run);
      return values.map((value) => ({ value, words: describe(value, cast.names, cast.titles) }));
    }

    async function runPage(request: FastifyRequest, reply: FastifyReply, run: Run, options: { form?: FormState; applyErrors?: FormErrors; status?: number; constraints?: readonly string[] } = {}) {
      const actor = actorOf(request);
      const { edition } = await editionOf(actor, run.editionId);
      const missingRates = run.appliedAt ? [] : await missionsWithoutRate(deps, run.proposals.map((p) => p.mission.id));
      const previous = (await listEditionRuns(deps, actor, run.editionId, { limit: 100 })).items.find((r) => r.number < run.number);
      const { applique } = request.query as { applique?: unknown };
      return sendPage(
        reply,
        <RunPage
          ctx={pageContext(request, reply)}
          run={run}
          editionLabel={edition!.label}
          missingRates={missingRates}
          constraints={constraintsOf(run, options.constraints ?? valuesOf(run.locks, run.exclusions))}
          form={options.form ?? EMPTY_FORM}
          applyErrors={options.applyErrors ?? NO_ERRORS}
          previous={previous?.id}
          applied={applique === '1'}
        />,
        options.status ?? 200,
      );
    }

    app.get('/gestion/placement', guard, async (request, reply) => {
      const { edition } = request.query as { edition?: unknown };
      return homePage(request, reply, typeof edition === 'string' && edition !== '' ? edition : undefined);
    });

    // A run, computed before the answer (the API's route waits the same way: the worker thread
    // keeps the event loop free meanwhile); then its page.
    app.post('/gestion/placement/editions/:id/propositions', guard, async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      await editionOf(actor, id);
      const values = formValues(request.body);
      const { from } = request.query as { from?: unknown };
      const base = typeof from === 'string' && uuid.safeParse(from).success ? from : undefined;
      const sendBack = async (errors: FormErrors, status: number, constraints?: readonly string[]) => {
        const form = { values, errors };
        if (base) {
          const run = await getRun(deps, actor, base).catch(() => undefined);
          if (run && run.editionId === id) return runPage(request, reply, run, { form, status, constraints });
        }
        return homePage(request, reply, id, form, status);
      };
      const picked = constraintValues(values);
      const decoded = picked.values.map((value) => ({ value, d: decode(value) }));
      const fieldErrors: Record<string, string> = { ...picked.errors };
      const weights: Record<string, unknown> = {};
      for (const key of WEIGHT_KEYS) {
        const raw = one(values, key);
        if (raw === '') continue;
        const n = Number(raw.replace(',', '.'));
        weights[key] = Number.isFinite(n) ? n : raw;
      }
      const body = {
        mode: one(values, 'mode'),
        weights,
        locks: decoded.flatMap(({ d }) => (d?.kind === 'lock' ? [d.lock] : [])),
        exclusions: decoded.flatMap(({ d }) => (d?.kind === 'exclusion' ? [d.exclusion] : [])),
      };
      const general: string[] = decoded.some(({ d }) => d === undefined) ? ['Une contrainte de la page n’est pas lisible : rechargez la page.'] : [];
      const parsed = createRunBody.safeParse(body);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const [top, key] = issue.path;
          if (top === 'mode') fieldErrors.mode ??= 'Choisissez le mode : optimale ou stable';
          else if (top === 'weights' && typeof key === 'string') fieldErrors[key] ??= issue.message;
          else general.push(issue.message);
        }
      }
      if (!parsed.success || general.length > 0 || Object.keys(fieldErrors).length > 0) return sendBack({ fields: fieldErrors, general }, 400, picked.values);
      // The constraints in the order the body holds them, to name the one a refusal points at.
      const ordered: { value: string; d: Decoded }[] = [
        ...decoded.filter((x): x is { value: string; d: Decoded } => x.d?.kind === 'lock'),
        ...decoded.filter((x): x is { value: string; d: Decoded } => x.d?.kind === 'exclusion'),
      ];
      let run;
      try {
        run = await createRun(runDeps, actor, id, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        const messages = 'errors' in error && Array.isArray(error.errors) && error.errors.length > 0 ? (error.errors as { path: string; message: string }[]) : [];
        const prefix = prefixOf(ordered);
        const lines = messages.length > 0 ? messages.map((e) => `${prefix(e.path)}${e.message}`) : [error.message];
        return sendBack({ fields: {}, general: lines }, statusOf(error), picked.values);
      }
      return redirectAfterPost(request, reply, `/gestion/placement/propositions/${run.id}`);
    });

    /** « Contrainte n° 2 (…) : » before a refusal that names `locks.1.candidateId` (the describe words come with the run's page). */
    function prefixOf(ordered: readonly { value: string; d: Decoded }[]) {
      const locks = ordered.filter((x) => x.d.kind === 'lock');
      const exclusions = ordered.filter((x) => x.d.kind === 'exclusion');
      return (path: string) => {
        const [list, index] = path.split('.');
        const n = Number(index);
        const item = list === 'locks' ? locks[n] : list === 'exclusions' ? exclusions[n] : undefined;
        if (!item) return '';
        return `${list === 'locks' ? 'Contrainte' : 'Exclusion'} n° ${n + 1} : `;
      };
    }

    app.get('/gestion/placement/propositions/:id', guard, async (request, reply) => {
      const run = await runOf(actorOf(request), (request.params as { id: string }).id);
      return runPage(request, reply, run);
    });

    app.post('/gestion/placement/propositions/:id/appliquer', guard, async (request, reply) => {
      const actor = actorOf(request);
      const run = await runOf(actor, (request.params as { id: string }).id);
      try {
        await applyRun(deps, actor, run.id);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return runPage(request, reply, await getRun(deps, actor, run.id), { applyErrors: { fields: {}, general: [error.message] }, status: statusOf(error) });
      }
      return redirectAfterPost(request, reply, `/gestion/placement/propositions/${run.id}?applique=1`);
    });

    app.get('/gestion/placement/editions/:id/comparer', guard, async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      const { edition } = await editionOf(actor, id);
      const { a, b } = request.query as { a?: unknown; b?: unknown };
      if (typeof a !== 'string' || typeof b !== 'string') throw new NotFound('placementRun');
      const [left, right] = [await runOf(actor, a), await runOf(actor, b)];
      if (left.editionId !== id || right.editionId !== id) throw new NotFound('placementRun');
      return sendPage(reply, <ComparePage ctx={pageContext(request, reply)} a={left} b={right} editionLabel={edition!.label} />);
    });

    await app.register(binomePages(web));
    await app.register(ratePages(web));
  };
}
