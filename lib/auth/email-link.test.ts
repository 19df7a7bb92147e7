import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { createTestDatabase, testDbKinds } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db";
import { esims, loginTokens, orders } from "@/lib/db/schema";
import { seedOrderWithEsim } from "@/test/accounts";
import { consumeSignInLink, requestSignInLink, resolveSession, revokeSession, SIGN_IN_LIMITS } from "./email-link";
import { sha256Hex as hashToken } from "@/lib/tokens";
import { insideOneWindow } from "@/test/rate-windows";

const SECRET = "email-link-test-secret";
const APP = "http://shop.test";
let n = 0;
const freshEmail = () => `Traveller.${Date.now().toString(36)}.${n++}@Example.com`;

interface InboxEmail {
  to: string[];
  subject: string;
  text: string;
}

describe.each(testDbKinds())("email-link sign-in on %s", (kind) => {
  let handle: DbHandle;
  let sandbox: TestSandbox;
  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([createTestDatabase(kind), startTestSandbox()]);
  });
  afterAll(async () => {
    await Promise.all([handle?.close(), sandbox?.close()]);
  });

  async function linkFromInbox(email: string): Promise<string> {
    const mails = await sandbox.control<InboxEmail[]>("GET", `/emails?to=${encodeURIComponent(email.toLowerCase())}`);
    const url = /http:\/\/shop\.test\/(?:(?:de|es)\/)?sign-in\/confirm\?token=([A-Za-z0-9_-]+)/.exec(
      mails[0]?.text ?? "",
    );
    if (!url) throw new Error(`no sign-in link for ${email}: ${JSON.stringify(mails)}`);
    return decodeURIComponent(url[1]!);
  }

  it("emails a link that signs in once, creating the customer and attaching their guest orders", async () => {
    const email = freshEmail();
    const guest = await seedOrderWithEsim(handle.db, { email });
    const someoneElses = await seedOrderWithEsim(handle.db, { email: freshEmail() });

    expect(
      await requestSignInLink(handle.db, { email, appUrl: APP, ip: "203.0.113.1", next: "/account/esims/x" }),
    ).toEqual({ ok: true });
    const token = await linkFromInbox(email);
    const [stored] = await handle.db
      .select()
      .from(loginTokens)
      .where(eq(loginTokens.tokenHash, hashToken(token)));
    expect(stored?.email).toBe(email.toLowerCase()); // stored lower-cased, hashed, never the raw token

    const signedIn = await consumeSignInLink(handle.db, { token, secret: SECRET });
    expect(signedIn).toMatchObject({ email: email.toLowerCase(), next: "/account/esims/x" });
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, guest.orderId));
    const [esim] = await handle.db.select().from(esims).where(eq(esims.iccid, guest.iccid));
    expect(order?.customerId).toBe(signedIn!.customerId);
    expect(esim?.customerId).toBe(signedIn!.customerId);
    const [other] = await handle.db.select().from(orders).where(eq(orders.id, someoneElses.orderId));
    expect(other?.customerId).toBeNull();

    expect(await resolveSession(handle.db, signedIn!.cookie, SECRET)).toMatchObject({
      customerId: signedIn!.customerId,
    });
    // Single use:
    expect(await consumeSignInLink(handle.db, { token, secret: SECRET })).toBeNull();
  });

  it("writes the link email in the language of the page it was asked for from, English by default", async () => {
    const german = freshEmail();
    expect(await requestSignInLink(handle.db, { email: german, appUrl: APP, locale: "de" })).toEqual({ ok: true });
    const [de] = await sandbox.control<InboxEmail[]>("GET", `/emails?to=${encodeURIComponent(german.toLowerCase())}`);
    expect(de?.subject).toBe("Dein Anmeldelink für Tern");
    expect(de?.text).toContain("Der Link funktioniert nur einmal und läuft in 15 Minuten ab.");
    // The link opens the German confirmation page, and the German account after it.
    expect(de?.text).toContain("http://shop.test/de/sign-in/confirm?token=");
    expect(await consumeSignInLink(handle.db, { token: await linkFromInbox(german), secret: SECRET })).not.toBeNull();

    const lost = freshEmail();
    await requestSignInLink(handle.db, { email: lost, appUrl: APP, purpose: "lost-links", locale: "es" });
    const [es] = await sandbox.control<InboxEmail[]>("GET", `/emails?to=${encodeURIComponent(lost.toLowerCase())}`);
    expect(es?.subject).toBe("Tus pedidos en Tern");
    expect(es?.text).toContain("http://shop.test/es/sign-in/confirm?token=");
    const lostIn = await consumeSignInLink(handle.db, { token: await linkFromInbox(lost), secret: SECRET });
    expect(lostIn?.next).toBe("/es/account");

    const english = freshEmail();
    await requestSignInLink(handle.db, { email: english, appUrl: APP });
    const [en] = await sandbox.control<InboxEmail[]>("GET", `/emails?to=${encodeURIComponent(english.toLowerCase())}`);
    expect(en?.subject).toBe("Your Tern sign-in link");
    expect(en?.text).toContain("http://shop.test/sign-in/confirm?token=");
  });

  it("finds the same customer on the next sign-in and revokes a session on sign-out", async () => {
    const email = freshEmail();
    await requestSignInLink(handle.db, { email, appUrl: APP });
    const first = await consumeSignInLink(handle.db, { token: await linkFromInbox(email), secret: SECRET });
    await requestSignInLink(handle.db, { email: email.toUpperCase(), appUrl: APP });
    const mails = await sandbox.control<InboxEmail[]>("GET", `/emails?to=${encodeURIComponent(email.toLowerCase())}`);
    expect(mails).toHaveLength(2);
    const second = await consumeSignInLink(handle.db, { token: await linkFromInbox(email), secret: SECRET });
    expect(second!.customerId).toBe(first!.customerId);
    expect(second!.sessionId).not.toBe(first!.sessionId);

    await revokeSession(handle.db, first!.cookie, SECRET);
    expect(await resolveSession(handle.db, first!.cookie, SECRET)).toBeNull();
    expect(await resolveSession(handle.db, second!.cookie, SECRET)).not.toBeNull();
    expect(await resolveSession(handle.db, second!.cookie, "another-secret")).toBeNull();
  });

  it("refuses an expired link", async () => {
    const email = freshEmail();
    const past = new Date(Date.now() - 16 * 60 * 1000);
    await requestSignInLink(handle.db, { email, appUrl: APP }, past);
    expect(await consumeSignInLink(handle.db, { token: await linkFromInbox(email), secret: SECRET })).toBeNull();
  });

  it.skipIf(kind === "pglite")("lets exactly one of many racing requests spend a link", async () => {
    const email = freshEmail();
    await requestSignInLink(handle.db, { email, appUrl: APP });
    const token = await linkFromInbox(email);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => consumeSignInLink(handle.db, { token, secret: SECRET })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("rate-limits per email and per IP with a clear message, and sends nothing more", async () => {
    const email = freshEmail();
    await insideOneWindow(SIGN_IN_LIMITS.perIp.windowMs, 30_000);
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail.max; i++)
      expect(await requestSignInLink(handle.db, { email, appUrl: APP })).toEqual({ ok: true });
    const refused = await requestSignInLink(handle.db, { email, appUrl: APP });
    expect(refused).toEqual({ error: expect.stringMatching(/too many/i), retryAfterSeconds: expect.any(Number) });
    expect(
      await sandbox.control<unknown[]>("GET", `/emails?to=${encodeURIComponent(email.toLowerCase())}`),
    ).toHaveLength(SIGN_IN_LIMITS.perEmail.max);

    const ip = `198.51.100.${n++ % 250}`;
    const results = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perIp.max; i++)
      results.push(await requestSignInLink(handle.db, { email: freshEmail(), appUrl: APP, ip }));
    expect(results.slice(0, SIGN_IN_LIMITS.perIp.max).every((r) => "ok" in r)).toBe(true);
    expect(results.at(-1)).toHaveProperty("error");
  });

  it("rejects a malformed email without sending", async () => {
    expect(await requestSignInLink(handle.db, { email: "not-an-email", appUrl: APP })).toHaveProperty("error");
  });
});
