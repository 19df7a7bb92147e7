import { esimControls, type EsimControls } from "./esim-controls";
import { after } from "next/server";
import { getDb } from "@/lib/db";
import type { AuthUser } from "@/lib/auth";
import { refreshStale } from "@/lib/usage/refresh";
import { attachGuestOrders } from "./customers";
import { topUpOptions, type TopUpOption } from "./esim-topup";
import {
  getEsimForCustomer,
  listActivationViews,
  listEsimsForCustomer,
  listOrdersForCustomer,
  type OrderFilters,
} from "./queries";
import { recordActivationView } from "@/lib/orders/activation-views";
import { log } from "@/lib/observability/logger";

const viewerOf = (user: AuthUser) => ({ customerId: user.id, isAdmin: user.isAdmin });

function refreshLater(iccids: string[], options: { force?: boolean } = {}): void {
  if (iccids.length === 0) return;
  after(async () => {
    try {
      await refreshStale(await getDb(), iccids, options.force ? 0 : undefined);
    } catch (err) {
      log.warn({ err }, "background usage refresh failed");
    }
  });
}

export async function loadAccountOverview(user: AuthUser, filters: OrderFilters) {
  const db = await getDb();
  await attachGuestOrders(db, user.id, user.email);
  const [esimList, orderList] = await Promise.all([
    listEsimsForCustomer(db, user.id),
    listOrdersForCustomer(db, user.id, filters),
  ]);
  refreshLater(esimList.filter((e) => e.status !== "expired" && e.provider === "esim-go").map((e) => e.iccid));
  return { esims: esimList, orders: orderList };
}

/** Showing it reveals the activation details, so the view is recorded before they are returned. */
export async function loadEsimPage(
  user: AuthUser,
  iccid: string,
  meta: { ip: string | null; userAgent: string | null },
) {
  const db = await getDb();
  const esim = await getEsimForCustomer(db, iccid, viewerOf(user));
  if (!esim) return null;
  const role = esim.ownerEmail === user.email ? "owner" : "admin";
  await recordActivationView(db, { iccid, viewerCustomerId: user.id, role, ip: meta.ip, userAgent: meta.userAgent });
  const views = (await listActivationViews(db, iccid, viewerOf(user))) ?? [];
  const refreshedAt = esim.usage?.refreshedAt?.getTime() ?? 0;
  if (esim.provider === "esim-go")
    refreshLater([iccid], { force: esim.orders.some((o) => (o.deliveredAt?.getTime() ?? 0) > refreshedAt) });
  return { esim, views };
}

export async function loadTopUpOptions(user: AuthUser, iccid: string): Promise<TopUpOption[] | null> {
  return topUpOptions(await getDb(), iccid, viewerOf(user));
}

export async function recordOrderPageView(
  iccid: string,
  viewer: AuthUser | null,
  meta: { ip: string | null; userAgent: string | null },
): Promise<void> {
  const role = viewer ? (viewer.isAdmin ? "admin" : "owner") : "order-link";
  await recordActivationView(await getDb(), {
    iccid,
    viewerCustomerId: viewer?.id ?? null,
    role,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
}

export async function loadEsimControls(user: AuthUser, iccid: string): Promise<EsimControls | null> {
  return esimControls(await getDb(), iccid, viewerOf(user));
}
