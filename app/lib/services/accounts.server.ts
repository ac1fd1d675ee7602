import { eq } from "drizzle-orm";
import type { z } from "zod";
import { users } from "../../../db/schema";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../auth/password.server";
import { createSession, type PublicUser } from "../auth/session.server";
import { conflict, HttpError } from "../http/errors.server";
import { consume } from "../rate-limit.server";
import type { AppServices } from "../services.server";
import type { loginSchema, signupSchema } from "../validation/schemas";

export interface SignedIn {
  user: PublicUser;
  session: { token: string; expiresAt: Date };
}

export async function signup(
  services: AppServices,
  input: z.infer<typeof signupSchema>,
  clientIp: string,
): Promise<SignedIn> {
  const { db, limiters, config } = services;
  await consume([limiters.signupPerIp, clientIp], [limiters.signupPerEmail, input.email]);
  const passwordHash = await hashPassword(input.password);
  const [user] = await db
    .insert(users)
    .values({ email: input.email, name: input.name, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!user) throw conflict("email_taken", "An account with this email already exists.");
  const session = await createSession(db, user.id, { ttlDays: config.sessionTtlDays });
  return { user, session };
}

export async function login(
  services: AppServices,
  input: z.infer<typeof loginSchema>,
  clientIp: string,
): Promise<SignedIn> {
  const { db, limiters, config } = services;
  await consume([limiters.loginPerIp, clientIp], [limiters.loginPerEmail, input.email]);
  const [row] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
  const ok = row
    ? await verifyPassword(row.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!row || !ok) {
    // One message for both cases: no hint whether the email or the password was wrong.
    throw new HttpError(401, "invalid_credentials", "Email or password is incorrect.");
  }
  await limiters.loginPerEmail.delete(input.email);
  const session = await createSession(db, row.id, { ttlDays: config.sessionTtlDays });
  return { user: { id: row.id, email: row.email, name: row.name }, session };
}
