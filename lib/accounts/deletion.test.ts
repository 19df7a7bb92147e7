// Deleting an account: the person goes, the accounting records stay, and nothing they held still opens.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { customers, orders, sessions } from "@/lib/db/schema";
import { consumeSignInLink, resolveSession } from "@/lib/auth/email-link";
import { env } from "@/lib/env";
import { getOrderView } from "@/lib/orders/queries";
import { getReceiptView, receiptSignature } from "@/lib/payments/receipts";
import { deliverEvent, drain, orderRow, paidOrder, useHarness } from "@/test/harness";
import { loginTokens } from "@/lib/db/schema";
import { sha256Hex, randomToken } from "@/lib/tokens";
import { deleteAccount, exportCustomerData } from "./deletion";

describe.each(testDbKinds())("account deletion on %s", (kind) => {
  const h = useHarness(kind);

  /** A delivered order and a signed-in customer who owns it (signed in by email link, as customers are). */
  async function customerWithOrder() {
    const o = await paidOrder(h);
    await deliverEvent(o.event);
    await drain(h.db);
    const token = randomToken(24);
    await h.db
      .insert(loginTokens)
      .values({ tokenHash: sha256Hex(token), email: o.email, expiresAt: new Date(Date.now() + 60_000) });
    const signedIn = (await consumeSignInLink(h.db, { token, secret: env().sessionSecret }))!;
    return { ...o, customerId: signedIn.customerId, cookie: signedIn.cookie };
  }

  it("exports the customer's own data, and nobody else's", async () => {
    const a = await customerWithOrder();
    const b = await customerWithOrder();
    const data = (await exportCustomerData(a.customerId)) as {
      account: { email: string };
      orders: { id: string; card: { last4: string } | null }[];
    };
    expect(data.account.email).toBe(a.email);
    expect(data.orders.map((o) => o.id)).toEqual([a.orderId]);
    expect(data.orders[0]!.card).toMatchObject({ last4: "4242" });
    expect(JSON.stringify(data)).not.toContain(b.email);
    expect(JSON.stringify(data)).not.toContain(b.orderId);
  });

  it("erases the person, keeps the order, ends sessions and kills old links; a second submit is harmless", async () => {
    const a = await customerWithOrder();
    const b = await customerWithOrder();
    const before = await orderRow(h.db, a.orderId);
    const signature = receiptSignature(a.orderId);
    expect(await getReceiptView(a.orderId, { signature })).not.toBeNull();

    // Two submits at once (a double click): one deletes, the other finds it done.
    const results = await Promise.all([deleteAccount(a.customerId, h.db), deleteAccount(a.customerId, h.db)]);
    expect(results).toEqual(expect.arrayContaining([{ ok: true }, { error: "already_deleted" }]));

    const [customer] = await h.db.select().from(customers).where(eq(customers.id, a.customerId));
    expect(customer!.email).not.toContain(a.email.split("@")[0]!);
    const after = await orderRow(h.db, a.orderId);
    // Accounting keeps the order and its money; the person is gone from it.
    expect(after).toMatchObject({
      status: before.status,
      amountMinor: before.amountMinor,
      currency: before.currency,
      stripePaymentIntentId: before.stripePaymentIntentId,
      email: null,
    });
    expect(after.accessTokenHash).not.toBe(before.accessTokenHash);
    // Sessions ended, the old cookie no longer signs in, and the old receipt link no longer opens.
    const live = await h.db.select().from(sessions).where(eq(sessions.customerId, a.customerId));
    expect(live.every((s) => s.revokedAt !== null && s.ip === null)).toBe(true);
    expect(await resolveSession(h.db, a.cookie, env().sessionSecret)).toBeNull();
    expect(await getReceiptView(a.orderId, { signature })).toBeNull();
    expect(await exportCustomerData(a.customerId)).toBeNull();

    // The other customer is untouched.
    expect((await orderRow(h.db, b.orderId)).email).toBe(b.email);
    expect(await resolveSession(h.db, b.cookie, env().sessionSecret)).not.toBeNull();
    expect(await getOrderView(b.orderId, { customerId: b.customerId })).not.toBeNull();
  });

  it("refuses while an order is still being prepared", async () => {
    const a = await customerWithOrder();
    await h.db.update(orders).set({ status: "provisioning" }).where(eq(orders.id, a.orderId));
    expect(await deleteAccount(a.customerId, h.db)).toEqual({ error: "in_flight" });
    expect((await orderRow(h.db, a.orderId)).email).toBe(a.email);
  });
});
