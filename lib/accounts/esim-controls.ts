// A stranger's iccid reads as "not found", never "not yours"; conditional writes make a double click change
// it once.
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { esims, orders, type Esim, type Order } from "@/lib/db/schema";
import { InvalidTransitionError, recordStep, transition } from "@/lib/orders/lifecycle";
import { providerFor } from "@/lib/providers";
import type { EsimProvider } from "@/lib/providers/types";
import type { Viewer } from "./queries";

interface ControlViewer extends Viewer {
  email: string;
}

export type ControlResult = { outcome: "applied" | "no_change" | "refused"; message: string };

const applied = (message: string): ControlResult => ({ outcome: "applied", message });
const noChange = (message: string): ControlResult => ({ outcome: "no_change", message });
const refused = (message: string): ControlResult => ({ outcome: "refused", message });

export const NOT_FOUND = "We couldn't find that eSIM on your account.";

type EsimControlStatus = "issued" | "suspended" | "revoked";

export interface EsimControls {
  iccid: string;
  status: EsimControlStatus;
  orderStatus: string;
  canConfirmInstalled: boolean;
  canSuspend: boolean;
  canRestore: boolean;
  suspendsOnNetwork: boolean;
  provider: string;
}

async function ownedEsim(db: Db, iccid: string, viewer: Viewer): Promise<{ esim: Esim; order: Order } | null> {
  if (!/^\d{10,22}$/.test(iccid)) return null;
  const owned = or(
    eq(esims.customerId, viewer.customerId),
    and(isNull(esims.customerId), eq(orders.customerId, viewer.customerId)),
  );
  const [row] = await db
    .select({ esim: esims, order: orders })
    .from(esims)
    .innerJoin(orders, eq(orders.id, esims.orderId))
    .where(and(eq(esims.iccid, iccid), viewer.isAdmin ? undefined : owned))
    .limit(1);
  return row ?? null;
}

function statusOf(esim: Esim): EsimControlStatus {
  return esim.status === "suspended" || esim.status === "revoked" ? esim.status : "issued";
}

export async function esimControls(
  db: Db,
  iccid: string,
  viewer: Viewer,
  providers: (name: string) => EsimProvider = providerFor,
): Promise<EsimControls | null> {
  const row = await ownedEsim(db, iccid, viewer);
  if (!row) return null;
  const status = statusOf(row.esim);
  let suspendsOnNetwork = false;
  try {
    const p = providers(row.esim.provider);
    suspendsOnNetwork = Boolean(p.suspendEsim && p.restoreEsim);
  } catch {
    // A provider no longer configured: the shop-side suspension still applies.
  }
  return {
    iccid,
    status,
    orderStatus: row.order.status,
    canConfirmInstalled: row.order.status === "delivered" && status !== "revoked",
    canSuspend: status === "issued",
    canRestore: status === "suspended",
    suspendsOnNetwork,
    provider: row.esim.provider,
  };
}

export async function confirmInstalled(db: Db, iccid: string, viewer: ControlViewer): Promise<ControlResult> {
  const row = await ownedEsim(db, iccid, viewer);
  if (!row) return refused(NOT_FOUND);
  if (row.order.status === "installed") return noChange("Already marked as installed.");
  if (statusOf(row.esim) === "revoked") return refused("This eSIM's plan was taken back; there is nothing to install.");
  try {
    await transition(db, row.order.id, "installed", {
      from: ["delivered"],
      detail: { source: viewer.isAdmin ? "admin" : "customer", by: viewer.email, iccid },
    });
  } catch (err) {
    if (!(err instanceof InvalidTransitionError)) throw err;
    const [now] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, row.order.id));
    return now?.status === "installed"
      ? noChange("Already marked as installed.")
      : refused(`This eSIM's order is ${now?.status ?? "gone"}, so it cannot be marked installed.`);
  }
  return applied("Marked as installed. Enjoy your trip!");
}

// The row changes first, conditionally, so only one of two clicks calls the provider; a provider failure puts
// it back.
export async function setSuspended(
  db: Db,
  iccid: string,
  viewer: ControlViewer,
  suspend: boolean,
  providers: (name: string) => EsimProvider = providerFor,
): Promise<ControlResult> {
  const row = await ownedEsim(db, iccid, viewer);
  if (!row) return refused(NOT_FOUND);
  const [from, to] = suspend ? (["issued", "suspended"] as const) : (["suspended", "issued"] as const);
  const [moved] = await db
    .update(esims)
    .set({ status: to, updatedAt: sql`now()` })
    .where(and(eq(esims.iccid, iccid), eq(esims.status, from)))
    .returning({ iccid: esims.iccid });
  if (!moved) {
    const [now] = await db.select({ status: esims.status }).from(esims).where(eq(esims.iccid, iccid));
    if (now?.status === to) return noChange(suspend ? "Already suspended." : "Already active.");
    return refused(
      now?.status === "revoked" ? "This eSIM's plan was taken back; it cannot be changed." : "Nothing to change.",
    );
  }
  let network = false;
  try {
    const provider = providers(row.esim.provider);
    const call = suspend ? provider.suspendEsim : provider.restoreEsim;
    if (call) {
      await call.call(provider, iccid);
      network = true;
    }
  } catch (err) {
    await db
      .update(esims)
      .set({ status: from })
      .where(and(eq(esims.iccid, iccid), eq(esims.status, to)));
    throw err;
  }
  await recordStep(db, row.order.id, suspend ? "esim.suspended" : "esim.restored", {
    iccid,
    by: viewer.email,
    role: viewer.isAdmin ? "admin" : "customer",
    network,
  });
  if (suspend)
    return applied(
      network
        ? "Suspended: the eSIM carries no data until you restore it."
        : "Suspended in this shop: no top-ups can be added until you restore it. The eSIM itself keeps working on a phone it is installed on.",
    );
  return applied("Restored: the eSIM is active again.");
}
