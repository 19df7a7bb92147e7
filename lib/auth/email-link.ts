import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { loginTokens, sessions } from "@/lib/db/schema";
import { attachGuestOrders, findOrCreateCustomerByEmail, getCustomer } from "@/lib/accounts/customers";
import { sendSignInEmail, type SignInPurpose } from "./email";
import { decodeSession, encodeSession, SESSION_TTL_SECONDS } from "./session-cookie";
import { normaliseEmail } from "@/lib/orders/customers";
import { randomToken, sha256Hex } from "@/lib/tokens";
import { bucket, LIMITS, takeRateLimit, waitPhrase } from "@/lib/http/rate-limit";
import { safeNextPath } from "./next-path";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";

export const LOGIN_TOKEN_TTL_MS = 15 * 60 * 1000;

export const SIGN_IN_LIMITS = LIMITS.signIn;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like you@example.com." }));

export type RequestLinkResult = { ok: true } | { error: string; retryAfterSeconds?: number };

/** The same answer whether or not the address has orders or an account, so it reveals nothing about customers. */
export async function requestSignInLink(
  db: Db,
  input: {
    email: string;
    next?: string | null;
    ip?: string | null;
    appUrl: string;
    purpose?: SignInPurpose;
    locale?: Locale;
  },
  now = new Date(),
): Promise<RequestLinkResult> {
  const parsed = emailSchema.safeParse(input.email);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a valid email address." };
  const email = normaliseEmail(parsed.data);
  const locale = input.locale ?? defaultLocale;
  const [action, limits] = input.purpose === "lost-links" ? ["lostlink", LIMITS.lostLink] : ["signin", LIMITS.signIn];
  const taken = await takeRateLimit(
    db,
    [
      { bucket: bucket(action, "email", email), limit: limits.perEmail },
      { bucket: bucket(action, "ip", input.ip), limit: limits.perIp },
    ],
    now,
  );
  if (!taken.ok)
    return {
      error: `Too many requests for this address. Please wait ${waitPhrase(taken.retryAfterSeconds)} and try again, or use the last link we sent.`,
      retryAfterSeconds: taken.retryAfterSeconds,
    };

  const token = randomToken();
  await db.insert(loginTokens).values({
    tokenHash: sha256Hex(token),
    email,
    next:
      input.purpose === "lost-links"
        ? localizedPath(locale, "/account")
        : safeNextPath(input.next, localizedPath(locale, "/account")),
    requestIp: input.ip ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + LOGIN_TOKEN_TTL_MS),
  });
  // The link opens a page whose button signs in (POST): a mail scanner following it spends nothing.
  const url = `${input.appUrl}${localizedPath(locale, "/sign-in/confirm")}?token=${encodeURIComponent(token)}`;
  await sendSignInEmail(email, url, LOGIN_TOKEN_TTL_MS / 60_000, input.purpose, locale);
  return { ok: true };
}

export interface SignedIn {
  customerId: string;
  email: string;
  sessionId: string;
  cookie: string;
  next: string;
}

export async function peekSignInLink(db: Db, token: string, now = new Date()): Promise<{ email: string } | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ email: loginTokens.email })
    .from(loginTokens)
    .where(and(eq(loginTokens.tokenHash, sha256Hex(token)), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)))
    .limit(1);
  return row ?? null;
}

/** The conditional UPDATE lets exactly one of two racing requests spend the token. */
export async function consumeSignInLink(
  db: Db,
  input: { token: string; secret: string; ip?: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<SignedIn | null> {
  if (!input.token || input.token.length > 200) return null;
  // A failure after the spend rolls it back too, so the customer's link still works on a second click.
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(loginTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(loginTokens.tokenHash, sha256Hex(input.token)),
          isNull(loginTokens.usedAt),
          gt(loginTokens.expiresAt, now),
        ),
      )
      .returning({ email: loginTokens.email, next: loginTokens.next });
    if (!spent) return null;
    const customer = await findOrCreateCustomerByEmail(tx, spent.email);
    await attachGuestOrders(tx, customer.id, spent.email);
    const sessionId = `ses_${randomToken(18)}`;
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + SESSION_TTL_SECONDS;
    await tx.insert(sessions).values({
      id: sessionId,
      customerId: customer.id,
      createdAt: now,
      expiresAt: new Date(exp * 1000),
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 400) ?? null,
    });
    return {
      customerId: customer.id,
      email: customer.email,
      sessionId,
      cookie: encodeSession({ sid: sessionId, cid: customer.id, iat, exp }, input.secret),
      next: safeNextPath(spent.next),
    };
  });
}

export async function resolveSession(
  db: Db,
  cookie: string | null | undefined,
  secret: string,
  now = new Date(),
): Promise<{ customerId: string; email: string; sessionId: string } | null> {
  const payload = decodeSession(cookie, secret, now);
  if (!payload) return null;
  const [row] = await db
    .select({ customerId: sessions.customerId })
    .from(sessions)
    .where(and(eq(sessions.id, payload.sid), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.customerId !== payload.cid) return null;
  const customer = await getCustomer(db, row.customerId);
  return customer ? { customerId: customer.id, email: customer.email, sessionId: payload.sid } : null;
}

export async function revokeSession(db: Db, cookie: string | null | undefined, secret: string): Promise<void> {
  const payload = decodeSession(cookie, secret);
  if (!payload) return;
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, payload.sid), isNull(sessions.revokedAt)));
}
