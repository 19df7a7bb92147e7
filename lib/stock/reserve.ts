import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { selectRows } from "@/lib/db/sql";
import { activationViews, esimInventory, esims, orders, type Order } from "@/lib/db/schema";
import { recordStep, transition } from "@/lib/orders/lifecycle";
import { env } from "@/lib/env";
import type { InstallDetails } from "@/lib/providers/types";
import { lockBuyable } from "@/lib/purchases/ledger";
import { keepLease, type Bought, type Run } from "@/lib/fulfilment/run";
import { log } from "@/lib/observability/logger";
import { openCode } from "./crypto";
import { logInTx, logStock } from "./log";
import { checkLowStock } from "./alerts";

type Picked = { id: number; iccid: string; smdpAddress: string; activationCodeSealed: string | null };

export async function takeFromStock(run: Run, order: Order, mayReserve: boolean): Promise<Bought | null> {
  const { db } = run.deps;
  if (order.kind === "topup") return null;
  const [held] =
    order.status === "paid"
      ? []
      : await db
          .select()
          .from(esimInventory)
          .where(
            and(
              eq(esimInventory.orderId, order.id),
              ne(esimInventory.source, "provider"),
              // Retired with the order still on it: its code reached this buyer, so a retry delivers that same eSIM again.
              inArray(esimInventory.status, ["reserved", "assigned", "retired"]),
            ),
          );
  if (held) return boughtFrom(db, order.id, held);
  if (!mayReserve || !env().stock.encryptionKey) {
    if (mayReserve) log.error({ orderId: order.id }, "STOCK_ENCRYPTION_KEY is not set: selling from the provider");
    return null;
  }
  // Most orders find no stock: the run's first read saves them the locking transaction below.
  if (run.stockAvailable === false) return null;
  const [any] = await db
    .select({ id: esimInventory.id })
    .from(esimInventory)
    .where(and(eq(esimInventory.bundleName, order.bundleName), eq(esimInventory.status, "available")))
    .limit(1);
  if (!any) return null;

  const picked = await db.transaction(async (tx) => {
    // Never hand stock to an order refunded or failed meanwhile.
    await lockBuyable(tx, order.id);
    await keepLease(run, tx);
    // SKIP LOCKED: concurrent orders each take a different row, or none.
    const [row] = await selectRows<Picked & { smdp_address: string; activation_code_sealed: string | null }>(
      tx,
      sql`select id, iccid, smdp_address, activation_code_sealed from ${esimInventory}
          where bundle_name = ${order.bundleName} and status = 'available'
          order by id limit 1 for update skip locked`,
    );
    if (!row) return null;
    const id = Number(row.id);
    if (order.status === "paid")
      await transition(tx, order.id, "provisioning", { from: ["paid"], detail: { job: run.job.id, source: "stock" } });
    await tx
      .update(esimInventory)
      .set({ status: "reserved", orderId: order.id, reservedAt: sql`now()` })
      .where(eq(esimInventory.id, id));
    await recordStep(tx, order.id, "stock.reserved", { inventoryId: id, iccid: row.iccid });
    await logInTx(tx, {
      orderId: order.id,
      inventoryId: id,
      source: "stock",
      action: "reserve",
      outcome: "reserved",
      payload: { bundle: order.bundleName, iccid: row.iccid },
    });
    return { id, iccid: row.iccid, smdpAddress: row.smdp_address, activationCodeSealed: row.activation_code_sealed };
  });
  if (!picked) {
    await logNone(db, order);
    return null;
  }
  await checkLowStock(db, order.bundleName);
  return boughtFrom(db, order.id, picked);
}

async function logNone(db: Db, order: Order): Promise<void> {
  const [stocked] = await db
    .select({ id: esimInventory.id })
    .from(esimInventory)
    .where(and(eq(esimInventory.bundleName, order.bundleName), ne(esimInventory.source, "provider")))
    .limit(1);
  if (stocked)
    await logStock(db, {
      orderId: order.id,
      source: "stock",
      action: "reserve",
      outcome: "none",
      payload: { bundle: order.bundleName, fallback: order.provider },
    });
}

async function boughtFrom(db: Db, orderId: string, row: Picked): Promise<Bought | null> {
  let matchingId: string;
  try {
    if (!row.activationCodeSealed) throw new Error("no activation code stored");
    matchingId = openCode(row.activationCodeSealed, row.iccid);
  } catch (err) {
    await db.transaction(async (tx) => {
      await tx
        .update(esimInventory)
        .set({ status: "retired", orderId: null, retiredAt: sql`now()`, retiredReason: "activation code unreadable" })
        .where(and(eq(esimInventory.id, row.id), eq(esimInventory.status, "reserved")));
      await recordStep(tx, orderId, "stock.unreadable", { inventoryId: row.id }, "error");
      await logInTx(tx, {
        orderId,
        inventoryId: row.id,
        source: "stock",
        action: "open",
        outcome: "retired",
        error: err,
      });
    });
    log.error({ err, orderId, inventoryId: row.id }, "a stock activation code could not be opened; buying instead");
    return null;
  }
  const details: InstallDetails = { iccid: row.iccid, smdpAddress: row.smdpAddress, matchingId };
  return { reference: `stock:${row.id}`, esims: [details], stockId: row.id };
}

export async function markStockAssigned(db: Db, orderId: string): Promise<void> {
  const rows = await db
    .update(esimInventory)
    .set({ status: "assigned", assignedAt: sql`now()`, retiredAt: null, retiredReason: null })
    .where(and(eq(esimInventory.orderId, orderId), inArray(esimInventory.status, ["reserved", "retired"])))
    .returning({ id: esimInventory.id });
  for (const r of rows)
    await logStock(db, { orderId, inventoryId: r.id, source: "stock", action: "assign", outcome: "assigned" });
}

/** From now on the row can never go back to stock. */
export async function markStockExposed(db: Db, orderId: string): Promise<void> {
  await db
    .update(esimInventory)
    .set({ exposedAt: sql`coalesce(${esimInventory.exposedAt}, now())` })
    .where(and(eq(esimInventory.orderId, orderId), eq(esimInventory.status, "reserved")));
}

/** Back on sale only if nobody can hold its code (never shown, never handed to the mail service). */
export async function releaseStock(db: Db, orderId: string, reason: string): Promise<"none" | "returned" | "retired"> {
  const [row] = await db
    .select()
    .from(esimInventory)
    .where(and(eq(esimInventory.orderId, orderId), eq(esimInventory.status, "reserved")));
  if (!row) return "none";
  const [shown] = await db
    .select({ id: activationViews.id })
    .from(activationViews)
    .where(eq(activationViews.iccid, row.iccid))
    .limit(1);
  const [order] = await db.select({ emailSentAt: orders.emailSentAt }).from(orders).where(eq(orders.id, orderId));
  const exposed = Boolean(shown || row.exposedAt || order?.emailSentAt);
  if (!exposed) {
    try {
      const returned = await db.transaction(async (tx) => {
        const [moved] = await tx
          .update(esimInventory)
          .set({ status: "available", orderId: null, reservedAt: null })
          .where(and(eq(esimInventory.id, row.id), eq(esimInventory.status, "reserved"), sql`exposed_at is null`))
          .returning({ id: esimInventory.id });
        if (!moved) return false;
        await tx.delete(esims).where(and(eq(esims.iccid, row.iccid), eq(esims.orderId, orderId)));
        await recordStep(tx, orderId, "stock.returned", { inventoryId: row.id, reason }, "note");
        await logInTx(tx, {
          orderId,
          inventoryId: row.id,
          source: "stock",
          action: "release",
          outcome: "returned",
          payload: { reason },
        });
        return true;
      });
      if (returned) return "returned";
    } catch (err) {
      log.warn({ err, orderId, inventoryId: row.id }, "stock row could not go back to available; retiring it");
    }
  }
  await db.transaction(async (tx) => {
    const [moved] = await tx
      .update(esimInventory)
      .set({
        status: "retired",
        retiredAt: sql`now()`,
        retiredReason: `delivery failed after the code was shown: ${reason}`,
      })
      .where(and(eq(esimInventory.id, row.id), eq(esimInventory.status, "reserved")))
      .returning({ id: esimInventory.id });
    if (!moved) return;
    await recordStep(tx, orderId, "stock.retired", { inventoryId: row.id, reason }, "note");
    await logInTx(tx, {
      orderId,
      inventoryId: row.id,
      source: "stock",
      action: "release",
      outcome: "retired",
      payload: { reason },
    });
  });
  return "retired";
}

export async function releaseAbandonedReservations(db: Db): Promise<number> {
  const rows = await db
    .select({ orderId: esimInventory.orderId })
    .from(esimInventory)
    .innerJoin(orders, eq(orders.id, esimInventory.orderId))
    .where(and(eq(esimInventory.status, "reserved"), inArray(orders.status, ["failed", "refunded"])));
  for (const r of rows) await releaseStock(db, r.orderId!, "order ended without delivery");
  return rows.length;
}

export async function recordProviderEsim(
  db: Db | Tx,
  order: Order,
  esim: { iccid: string; smdpAddress: string },
  reference: string,
): Promise<void> {
  try {
    // Row and log entry together; inside the caller's transaction a savepoint, so a failure here undoes only these.
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(esimInventory)
        .values({
          bundleName: order.bundleName,
          provider: order.provider,
          iccid: esim.iccid,
          smdpAddress: esim.smdpAddress,
          status: "assigned",
          source: "provider",
          costMinor: order.wholesaleMinor,
          costCurrency: order.wholesaleCurrency,
          orderId: order.id,
          assignedAt: new Date(),
          metadata: { reference },
        })
        .onConflictDoNothing()
        .returning({ id: esimInventory.id });
      if (row)
        await logInTx(tx, {
          orderId: order.id,
          inventoryId: row.id,
          source: "provider",
          action: "assign",
          outcome: "assigned",
          payload: { provider: order.provider, reference, iccid: esim.iccid },
        });
    });
  } catch (err) {
    // The trail must never hold up a delivery.
    log.error({ err, orderId: order.id }, "provider eSIM not recorded in stock");
  }
}
