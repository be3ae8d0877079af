import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with OWASP's minimum profile (m = 19 MiB, t = 2, p = 1; docs/rules.md). The parameters
 * are stored in each hash, so raising them later only affects new hashes. Argon2id is the
 * library's default algorithm (its Algorithm const enum is left out on purpose: STACK-NOTES).
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Login verifies against this hash when the e-mail is unknown, so that an unknown account and
// a wrong password cost the same time and cannot be told apart (account enumeration).
let dummyHash: Promise<string> | undefined;

export function warmUpDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('binome-dummy-password-for-timing');
  return dummyHash;
}

export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(await warmUpDummyHash(), password);
  return false;
}
