import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKinds } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db";
import { findOrCreateCustomerByEmail, findOrCreateCustomerForClerk } from "./customers";
import {
  getEsimForCustomer,
  getOrderForCustomer,
  listActivationViews,
  listEsimsForCustomer,
  listOrdersForCustomer,
} from "./queries";
import { recordActivationView } from "@/lib/orders/activation-views";
import { seedOrderWithEsim } from "@/test/accounts";

let n = 0;
const email = () => `owner.${Date.now().toString(36)}.${n++}@example.com`;

describe.each(testDbKinds())("account queries on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => handle?.close());

  async function twoCustomers() {
    const alice = await findOrCreateCustomerByEmail(handle.db, email());
    const bob = await findOrCreateCustomerByEmail(handle.db, email());
    const alicesEsim = await seedOrderWithEsim(handle.db, { email: alice.email, customerId: alice.id });
    return { alice, bob, alicesEsim };
  }

  it("gives another customer nothing for an eSIM, by ICCID or by order id", async () => {
    const { alice, bob, alicesEsim } = await twoCustomers();
    const asBob = { customerId: bob.id, isAdmin: false };
    expect(await getEsimForCustomer(handle.db, alicesEsim.iccid, asBob)).toBeNull();
    expect(await getOrderForCustomer(handle.db, alicesEsim.orderId, asBob)).toBeNull();
    expect(await listActivationViews(handle.db, alicesEsim.iccid, asBob)).toBeNull();
    expect(await listEsimsForCustomer(handle.db, bob.id)).toEqual([]);

    const asAlice = { customerId: alice.id, isAdmin: false };
    expect(await getEsimForCustomer(handle.db, alicesEsim.iccid, asAlice)).toMatchObject({
      iccid: alicesEsim.iccid,
      status: "ready",
      ownerEmail: alice.email,
    });
    expect(await getOrderForCustomer(handle.db, alicesEsim.orderId, asAlice)).toMatchObject({
      id: alicesEsim.orderId,
      iccids: [alicesEsim.iccid],
    });
    expect((await listEsimsForCustomer(handle.db, alice.id)).map((e) => e.iccid)).toEqual([alicesEsim.iccid]);
  });

  it("lets an admin see any eSIM and its access log", async () => {
    const { alice, bob, alicesEsim } = await twoCustomers();
    const admin = { customerId: bob.id, isAdmin: true };
    expect(await getEsimForCustomer(handle.db, alicesEsim.iccid, admin)).toMatchObject({ iccid: alicesEsim.iccid });
    await recordActivationView(handle.db, {
      iccid: alicesEsim.iccid,
      viewerCustomerId: alice.id,
      role: "owner",
      ip: "203.0.113.9",
      userAgent: "UA",
    });
    await recordActivationView(handle.db, {
      iccid: alicesEsim.iccid,
      viewerCustomerId: bob.id,
      role: "admin",
      ip: "198.51.100.2",
      userAgent: null,
    });
    const log = await listActivationViews(handle.db, alicesEsim.iccid, { customerId: alice.id, isAdmin: false });
    expect(log?.map((v) => [v.viewerRole, v.viewerEmail, v.ip])).toEqual([
      ["admin", bob.email, "198.51.100.2"],
      ["owner", alice.email, "203.0.113.9"],
    ]);
  });

  it("filters orders by status and date", async () => {
    const { alice } = await twoCustomers();
    await seedOrderWithEsim(handle.db, { email: alice.email, customerId: alice.id, status: "refunded" });
    const all = await listOrdersForCustomer(handle.db, alice.id);
    expect(all).toHaveLength(2);
    expect((await listOrdersForCustomer(handle.db, alice.id, { status: "refunded" })).map((o) => o.status)).toEqual([
      "refunded",
    ]);
    expect(await listOrdersForCustomer(handle.db, alice.id, { status: "failed" })).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await listOrdersForCustomer(handle.db, alice.id, { from: tomorrow })).toEqual([]);
    expect(await listOrdersForCustomer(handle.db, alice.id, { to: new Date() })).toHaveLength(2);
  });

  it("maps a Clerk user to the guest's customer row by verified email, then by Clerk id", async () => {
    const address = email();
    const guest = await seedOrderWithEsim(handle.db, { email: address });
    const first = await findOrCreateCustomerForClerk(handle.db, "user_clerk_1" + n, address.toUpperCase());
    expect(first).toMatchObject({ email: address, clerkUserId: "user_clerk_1" + n });
    expect((await listEsimsForCustomer(handle.db, first.id)).map((e) => e.iccid)).toEqual([guest.iccid]);
    // Same Clerk user, later, with a changed primary email: still the same customer, following the email.
    const moved = `moved.${address}`;
    const again = await findOrCreateCustomerForClerk(handle.db, "user_clerk_1" + n, moved);
    expect(again).toMatchObject({ id: first.id, email: moved });
  });
});
