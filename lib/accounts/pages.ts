// What the account pages need, in one call each. Pages pass the signed-in user; every read below is
// scoped to that user (or open to an admin), and stale usage is refreshed after the response is sent.
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

/** Refresh in the background: a slow or failing provider never slows or breaks the page. */
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
  // Orders placed as a guest since the last sign-in (same verified email) join the account.
  await attachGuestOrders(db, user.id, user.email);
  const [esimList, orderList] = await Promise.all([
    listEsimsForCustomer(db, user.id),
    listOrdersForCustomer(db, user.id, filters),
  ]);
  // Usage is read from eSIM Go's API; other providers' eSIMs show what callbacks reported.
  refreshLater(esimList.filter((e) => e.status !== "expired" && e.provider === "esim-go").map((e) => e.iccid));
  return { esims: esimList, orders: orderList };
}

/**
 * The eSIM page: null unless the user owns the eSIM or is an admin. Showing it reveals the activation
 * details, so the view is recorded (who, when, IP) before they are returned.
 */
export async function loadEsimPage(
  user: AuthUser,
  iccid: string,
  meta: { ip: string | null; userAgent: string | null },
) {
  const db = await getDb();
  const esim = await getEsimForCustomer(db, iccid, viewerOf(user));
  if (!esim) return null;
  // Customers are unique by email, so the owner's row is the user's exactly when the emails match.
  const role = esim.ownerEmail === user.email ? "owner" : "admin";
  await recordActivationView(db, { iccid, viewerCustomerId: user.id, role, ip: meta.ip, userAgent: meta.userAgent });
  const views = (await listActivationViews(db, iccid, viewerOf(user))) ?? [];
  // A top-up delivered since the last read adds a plan the stored figures do not know yet.
  const refreshedAt = esim.usage?.refreshedAt?.getTime() ?? 0;
  if (esim.provider === "esim-go")
    refreshLater([iccid], { force: esim.orders.some((o) => (o.deliveredAt?.getTime() ?? 0) > refreshedAt) });
  return { esim, views };
}

/** The top-ups the eSIM page offers (null when the user may not see the eSIM); may call the provider. */
export async function loadTopUpOptions(user: AuthUser, iccid: string): Promise<TopUpOption[] | null> {
  return topUpOptions(await getDb(), iccid, viewerOf(user));
}

/**
 * For the private order page (lib/delivery's): records that the activation details of `iccid` were shown
 * there — to the holder of the emailed link, or to a signed-in viewer — so the eSIM's access log is complete.
 */
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

/** The eSIM's controls (installed, suspend, restore) for the page; null when the user may not see it. */
export async function loadEsimControls(user: AuthUser, iccid: string): Promise<EsimControls | null> {
  return esimControls(await getDb(), iccid, viewerOf(user));
}
