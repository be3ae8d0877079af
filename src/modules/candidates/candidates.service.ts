import type { Db } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Invalid, NotFound } from '../../errors.js';
import { text } from '../../i18n/index.js';
import type { Actor } from '../../lib/access.js';
import { parisDateOf } from '../../lib/dates.js';
import { recordAudit } from '../audit/audit.repository.js';
import { communeExists } from '../structures/structures.repository.js';
import { deleteDisability, findDisability, findProfile, type ProfileRow, saveDisability, upsertProfile } from './candidates.repository.js';
import type { ProfileInput } from './candidates.schemas.js';

export function toProfile(row: ProfileRow) {
  return {
    userId: row.user_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    birthDate: row.birth_date,
    commune: { code: row.commune_code, name: row.commune_name },
    phone: row.phone,
    mobility: { drivingLicence: row.driving_licence, car: row.has_car, publicTransport: row.public_transport },
    interests: row.interests,
    availableFrom: row.available_from,
    presentation: row.presentation,
    nationality: row.nationality,
    earlierServiceCivique: row.earlier_service_civique,
    statementSwornAt: row.statement_sworn_at.toISOString(),
    stayInPool: row.stay_in_pool,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function getProfile(deps: Deps, actor: Actor) {
  const row = await findProfile(deps.db, actor.userId);
  if (!row) throw new NotFound(text('profile.none'));
  return toProfile(row);
}

/**
 * PUT replaces the whole profile, so that a stored profile is always complete. The sworn
 * statement is dated now, unless `keepStatementDate` (the console, which saves one step at a
 * time and asks for the statement only on the steps of the nationality and of an earlier
 * service civique) and neither statement changes: then the date of the stored one stays.
 */
export async function saveProfile(deps: Deps, actor: Actor, input: ProfileInput, options: { keepStatementDate?: boolean } = {}) {
  const now = deps.clock();
  if (input.birthDate > parisDateOf(now)) {
    throw new Invalid(text('profile.birthInFuture'), [{ path: 'birthDate', message: text('field.notInFuture') }]);
  }
  return deps.db.transaction().execute(async (trx) => {
    if (!(await communeExists(trx, input.communeCode))) {
      throw new Invalid(text('commune.unknown', { code: input.communeCode }), [{ path: 'communeCode', message: text('field.knownCommune') }]);
    }
    const previous = await findProfile(trx, actor.userId);
    const existed = previous !== undefined;
    const sameStatements = previous?.nationality === input.nationality && previous.earlier_service_civique === input.earlierServiceCivique;
    await upsertProfile(
      trx,
      {
        user_id: actor.userId,
        first_name: input.firstName,
        last_name: input.lastName,
        birth_date: input.birthDate,
        commune_code: input.communeCode,
        phone: input.phone ?? null,
        driving_licence: input.mobility.drivingLicence,
        has_car: input.mobility.car,
        public_transport: input.mobility.publicTransport,
        interests: input.interests,
        available_from: input.availableFrom ?? null,
        presentation: input.presentation,
        nationality: input.nationality,
        earlier_service_civique: input.earlierServiceCivique,
        statement_sworn_at: options.keepStatementDate && previous && sameStatements ? previous.statement_sworn_at : now,
        stay_in_pool: input.stayInPool,
      },
      now,
    );
    // The audit trail records that the profile changed, not its personal data (one copy is enough).
    await recordAudit(trx, { actorId: actor.userId, action: existed ? 'candidate.profile-updated' : 'candidate.profile-created', entityType: 'candidate', entityId: actor.userId });
    return { profile: toProfile((await findProfile(trx, actor.userId))!), created: !existed };
  });
}

/**
 * The only way the disability record is read: each read is audited with its purpose (docs/rules.md:
 * health data, used only for the `age-max` rule). Undefined when the candidate recorded nothing.
 */
export async function readDisability(db: Db, candidateId: string, reader: string, purpose: 'age-max' | 'candidate-view' | 'data-export') {
  const row = await findDisability(db, candidateId);
  await recordAudit(db, { actorId: reader, action: 'disability.read', entityType: 'candidate', entityId: candidateId, after: { purpose } });
  return row;
}

export async function getDisability(deps: Deps, actor: Actor) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await readDisability(trx, actor.userId, actor.userId, 'candidate-view');
    if (!row) throw new NotFound(text('disability.none'));
    return { recognised: row.recognised, consentAt: row.consent_at.toISOString() };
  });
}

export async function recordDisability(deps: Deps, actor: Actor, recognised: boolean) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    await saveDisability(trx, actor.userId, recognised, now);
    // Not the value: the audit trail must not become a second copy of health data.
    await recordAudit(trx, { actorId: actor.userId, action: 'disability.recorded', entityType: 'candidate', entityId: actor.userId, after: { consent: true } });
    return { recognised, consentAt: now.toISOString() };
  });
}

/** Withdrawing the consent erases the record. */
export async function withdrawDisability(deps: Deps, actor: Actor) {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deleteDisability(trx, actor.userId))) throw new NotFound(text('disability.none'));
    await recordAudit(trx, { actorId: actor.userId, action: 'disability.erased', entityType: 'candidate', entityId: actor.userId, after: { consent: false } });
  });
}
