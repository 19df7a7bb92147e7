// Order links that last: the customer's first link survives an admin's resend, every link expires, a
// revoked link stops at once, and a page that cannot open says why only to someone who held a real link.
import { describe, expect, it } from "vitest";
import { testDbKinds } from "@/lib/db/testing";
import { deliverEvent, drain, ledgers, paidOrder, useHarness } from "@/test/harness";
import { testActor } from "@/test/actors";
import { resendDeliveryEmail } from "@/lib/admin/actions";
import { getOrderView } from "./queries";
import { linkState, ORDER_LINK_TTL_DAYS, orderLinkProblem, revokeOrderLinks } from "./links";

const DAY = 86_400_000;
const admin = testActor({ ip: "198.51.100.9" });

describe("linkState", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  it("is valid until the instant it expires, then expired", () => {
    expect(linkState({ expiresAt: new Date(now.getTime() + 1), revokedAt: null }, now)).toBe("valid");
    expect(linkState({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
  });
  it("says revoked once revoked, even when also expired", () => {
    expect(linkState({ expiresAt: new Date(now.getTime() + DAY), revokedAt: now }, now)).toBe("revoked");
    expect(linkState({ expiresAt: new Date(now.getTime() - DAY), revokedAt: now }, now)).toBe("revoked");
  });
});

describe.each(testDbKinds())("order links on %s", (kind) => {
  const h = useHarness(kind, { startTimeoutMs: 180_000 });

  async function linksTo(email: string): Promise<string[]> {
    const mails = (await ledgers(h)).emails.filter((e) => e.to.includes(email));
    return mails.flatMap((m) => {
      const found = /\/orders\/ord_[0-9a-z]+\?t=([A-Za-z0-9_%-]+)/.exec(m.text ?? "");
      return found ? [decodeURIComponent(found[1]!)] : [];
    });
  }

  async function delivered() {
    const bought = await paidOrder(h);
    await deliverEvent(bought.event);
    await drain(h.db);
    const [first] = await linksTo(bought.email);
    expect(first).toBeTruthy();
    return { ...bought, first: first! };
  }

  it("an admin's resend adds a link: the first email's link still opens the order, and so does the new one", async () => {
    const { orderId, email, first } = await delivered();
    expect(await resendDeliveryEmail(h.db, orderId, admin)).toMatchObject({ outcome: "applied" });
    const links = await linksTo(email);
    expect(links).toHaveLength(2);
    expect(new Set(links).size).toBe(2);
    const second = links.find((t) => t !== first)!;
    for (const token of [first, second]) expect(await getOrderView(orderId, { token })).toMatchObject({ id: orderId });
  });

  it("a link expires: past its lifetime it opens nothing, and the page can say it expired", async () => {
    const { orderId, first } = await delivered();
    const later = new Date(Date.now() + (ORDER_LINK_TTL_DAYS + 1) * DAY);
    expect(await orderLinkProblem(h.db, orderId, first, new Date())).toBeNull();
    expect(await orderLinkProblem(h.db, orderId, first, later)).toBe("expired");
  });

  it("revoking stops every link to the order at once, old and resent, and says so", async () => {
    const { orderId, email, first } = await delivered();
    await resendDeliveryEmail(h.db, orderId, admin);
    const second = (await linksTo(email)).find((t) => t !== first)!;
    expect(await revokeOrderLinks(h.db, { orderIds: [orderId] })).toBe(1);
    for (const token of [first, second]) {
      expect(await getOrderView(orderId, { token })).toBeNull();
      expect(await orderLinkProblem(h.db, orderId, token)).toBe("revoked");
    }
  });

  it("a stranger learns nothing: a made-up token, or a real link replayed against another order, is just unknown", async () => {
    const a = await delivered();
    const b = await delivered();
    expect(await getOrderView(b.orderId, { token: a.first })).toBeNull();
    expect(await orderLinkProblem(h.db, b.orderId, a.first)).toBeNull();
    expect(await orderLinkProblem(h.db, a.orderId, "x".repeat(43))).toBeNull();
    expect(await orderLinkProblem(h.db, "ord_doesnotexist", a.first)).toBeNull();
    expect(await orderLinkProblem(h.db, "not an id\u0000", a.first)).toBeNull();
  });
});
