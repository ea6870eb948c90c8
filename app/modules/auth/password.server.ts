import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline: 19 MiB, two passes, one lane. Algorithm 2 is Argon2id (a const enum upstream).
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string) {
  return hash(password, ARGON2ID);
}

export function verifyPassword(passwordHash: string, password: string) {
  return verify(passwordHash, password, ARGON2ID);
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real verification, so an unknown e-mail answers like a wrong password. */
export async function verifyAgainstNothing(password: string) {
  dummyHash ??= hashPassword("clientela-timing-equalizer");
  await verify(await dummyHash, password, ARGON2ID);
  return false;
}
