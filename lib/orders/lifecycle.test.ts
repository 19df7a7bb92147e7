import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, testDbKinds } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db";
import { bundles, orderEvents, orders } from "@/lib/db/schema";
import {
  allowedFrom,
  assertTransition,
  canTransition,
  InvalidTransitionError,
  ORDER_STATUSES,
  TRANSITIONS,
  transition,
} from "./lifecycle";

describe("order lifecycle table", () => {
  it("allows the paths of the architecture's diagram", () => {
    const path = ["pending_payment", "paid", "provisioning", "delivered", "installed"] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition("pending_payment", "expired")).toBe(true);
    expect(canTransition("pending_payment", "payment_failed")).toBe(true);
    expect(canTransition("paid", "failed")).toBe(true);
    expect(canTransition("provisioning", "failed")).toBe(true);
    expect(canTransition("failed", "refunded")).toBe(true);
    expect(canTransition("provisioning", "needs_attention")).toBe(true);
    expect(canTransition("needs_attention", "provisioning")).toBe(true);
    expect(canTransition("needs_attention", "failed")).toBe(true);
  });

  it("lets a payment for an expired session through (the customer paid), but nothing skips payment", () => {
    expect(canTransition("expired", "paid")).toBe(true);
    expect(canTransition("pending_payment", "provisioning")).toBe(false);
    expect(canTransition("pending_payment", "delivered")).toBe(false);
    expect(canTransition("expired", "provisioning")).toBe(false);
  });

  it("never leaves a terminal state, and never goes back to buying after a refund", () => {
    expect(TRANSITIONS.refunded).toEqual([]);
    expect(TRANSITIONS.installed).toEqual(["refunded"]);
    for (const to of ORDER_STATUSES) {
      expect(canTransition("refunded", to)).toBe(false);
    }
    expect(canTransition("failed", "provisioning")).toBe(false);
    expect(canTransition("delivered", "provisioning")).toBe(false);
    expect(canTransition("installed", "delivered")).toBe(false);
  });

  it("lets a refund after delivery be its own state, not delivered", () => {
    expect(canTransition("delivered", "refunded")).toBe(true);
    expect(canTransition("installed", "refunded")).toBe(true);
  });

  it("rejects unknown statuses and reports the attempted move", () => {
    expect(canTransition("shipped", "paid")).toBe(false);
    expect(() => assertTransition("delivered", "paid", "ord_x")).toThrow(InvalidTransitionError);
    expect(() => assertTransition("delivered", "paid", "ord_x")).toThrow(
      "ord_x: transition delivered → paid is not allowed",
    );
    expect(() => assertTransition("paid", "provisioning")).not.toThrow();
  });

  it("derives the allowed starting points of a status from the table", () => {
    expect(allowedFrom("paid").sort()).toEqual(["expired", "pending_payment"]);
    expect(allowedFrom("refunded").sort()).toEqual(["delivered", "failed", "installed", "needs_attention"]);
    expect(allowedFrom("pending_payment")).toEqual([]);
  });
});

describe.each(testDbKinds())("transition() on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    await handle.db.insert(bundles).values({
      name: "esim_1GB_7D_GB_V2",
      provider: "esim-go",
      description: "eSIM, 1GB, 7 Days, United Kingdom, V2",
      scope: "country",
      countries: ["GB"],
      country: "GB",
      dataMb: 1000,
      durationDays: 7,
      wholesaleMinor: 118,
      wholesaleCurrency: "USD",
      priceMinor: 499,
      currency: "USD",
    });
  });
  afterAll(async () => handle?.close());

  async function newOrder(id: string, status = "pending_payment") {
    await handle.db.insert(orders).values({
      id,
      status,
      provider: "esim-go",
      bundleName: "esim_1GB_7D_GB_V2",
      amountMinor: 499,
      currency: "USD",
      accessTokenHash: "0".repeat(64),
      bundleSnapshot: {
        name: "esim_1GB_7D_GB_V2",
        title: "United Kingdom 1 GB · 7 days",
        description: "",
        provider: "esim-go",
        scope: "country",
        countries: ["GB"],
        dataMb: 1000,
        unlimited: false,
        durationDays: 7,
        speeds: [],
        priceMinor: 499,
        currency: "USD",
        wholesaleMinor: 118,
        wholesaleCurrency: "USD",
      },
    });
  }

  it("moves the order, stamps the time and records the transition with the status it left", async () => {
    await newOrder("ord_lifecycle_a");
    const order = await transition(handle.db, "ord_lifecycle_a", "paid", {
      set: { stripePaymentIntentId: "pi_1" },
      detail: { via: "test" },
    });
    expect(order.status).toBe("paid");
    expect(order.paidAt).toBeInstanceOf(Date);
    expect(order.stripePaymentIntentId).toBe("pi_1");
    expect(order.createdAt).toBeInstanceOf(Date);
    expect(order.bundleSnapshot.title).toBe("United Kingdom 1 GB · 7 days");
    expect(order.deliveredAt).toBeNull();
    const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, "ord_lifecycle_a"));
    expect(events).toMatchObject([
      { type: "transition", fromStatus: "pending_payment", toStatus: "paid", detail: { via: "test" } },
    ]);
  });

  it("refuses a move the table does not allow, changes nothing and records nothing", async () => {
    await newOrder("ord_lifecycle_b", "delivered");
    await expect(transition(handle.db, "ord_lifecycle_b", "paid")).rejects.toMatchObject({
      name: "InvalidTransitionError",
      from: "delivered",
      to: "paid",
    });
    const [row] = await handle.db.select().from(orders).where(eq(orders.id, "ord_lifecycle_b"));
    expect(row?.status).toBe("delivered");
    expect(await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, "ord_lifecycle_b"))).toEqual([]);
  });

  it("honours a narrower `from` (a claim that only takes paid orders)", async () => {
    await newOrder("ord_lifecycle_c", "needs_attention");
    await expect(transition(handle.db, "ord_lifecycle_c", "provisioning", { from: ["paid"] })).rejects.toThrow(
      InvalidTransitionError,
    );
    await expect(
      transition(handle.db, "ord_lifecycle_c", "provisioning", { from: ["needs_attention"] }),
    ).resolves.toMatchObject({ status: "provisioning" });
  });

  it("lets exactly one of two racing movers win", async () => {
    await newOrder("ord_lifecycle_d");
    const results = await Promise.allSettled([
      transition(handle.db, "ord_lifecycle_d", "paid"),
      transition(handle.db, "ord_lifecycle_d", "paid"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
  });
});
