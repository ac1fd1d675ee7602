import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { users } from "../../../db/schema";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../auth/password.server";
import { createSession, type PublicUser, type SignInClient } from "../auth/session.server";
import { conflict, HttpError } from "../http/errors.server";
import { consume, loginDelayMs } from "../rate-limit.server";
import type { AppServices } from "../services.server";
import type { loginSchema, signupSchema } from "../validation/schemas";

export interface SignedIn {
  user: PublicUser;
  session: { token: string; expiresAt: Date };
}

export async function signup(
  services: AppServices,
  input: z.infer<typeof signupSchema>,
  client: SignInClient,
): Promise<SignedIn> {
  const { db, limiters, config } = services;
  await consume([limiters.signupPerIp, client.ip], [limiters.signupPerEmail, input.email]);
  const passwordHash = await hashPassword(input.password);
  const [user] = await db
    .insert(users)
    .values({ email: input.email, name: input.name, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!user) throw conflict("email_taken", "An account with this email already exists.");
  const session = await createSession(db, user.id, { ttlDays: config.sessionTtlDays }, client);
  return { user, session };
}

/**
 * Failed logins are counted per address and per (account, address), never per account alone:
 * a stranger guessing from elsewhere cannot lock the owner out. Failures on an account from
 * anywhere only slow every attempt on it down, by a bounded delay (OWASP ASVS 2.2.1).
 */
export async function login(
  services: AppServices,
  input: z.infer<typeof loginSchema>,
  client: SignInClient,
): Promise<SignedIn> {
  const { db, limiters, config } = services;
  const clientIp = client.ip;
  const account = input.email; // the schema lower-cases and trims it
  const accountIp = JSON.stringify([account, clientIp]);
  // Spent before checking, so a burst of parallel guesses cannot slip past; a success refunds.
  await consume([limiters.loginPerIp, clientIp], [limiters.loginPerAccountIp, accountIp]);
  const failures = (await limiters.loginSlowdown.get(account))?.consumedPoints ?? 0;
  const wait = loginDelayMs(failures, config.rateLimits.loginSlowdown.points);
  if (wait > 0) await sleep(wait);
  const [row] = await db.select().from(users).where(eq(users.email, account)).limit(1);
  const ok = row
    ? await verifyPassword(row.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!row || !ok) {
    await limiters.loginSlowdown.penalty(account, 1);
    // One message for both cases: no hint whether the email or the password was wrong.
    throw new HttpError(401, "invalid_credentials", "Email or password is incorrect.");
  }
  await Promise.all([limiters.loginPerIp.reward(clientIp, 1), limiters.loginPerAccountIp.delete(accountIp)]);
  const session = await createSession(db, row.id, { ttlDays: config.sessionTtlDays }, client);
  return { user: { id: row.id, email: row.email, name: row.name }, session };
}
