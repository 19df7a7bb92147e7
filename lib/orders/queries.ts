// Every read takes the viewer's credential and answers null unless it opens the order; the Checkout Session id
// alone (it travels in URLs and logs) shows progress only, never the install details.
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { esims, orders, type Esim, type Order } from "@/lib/db/schema";
import { androidInstallUrl, appleInstallUrl } from "@/lib/delivery/links";
import { recordActivationView } from "./activation-views";
import { accessTokenMatches, isOrderId, safeEqual } from "./ids";
import { tokenState } from "./links";

export { orderAccessUrl } from "./ids";
import { isSlow, progressOf as progressOfStatus, type OrderProgress } from "./progress";

export type { OrderProgress };

export interface OrderEsimView {
  iccid: string;
  lpa: string;
  smdpAddress: string;
  matchingId: string;
  qrPath: string | null;
  appleInstallUrl: string;
  androidInstallUrl: string;
}

export interface OrderView {
  id: string;
  kind: "new" | "topup";
  status: string;
  createdAt: string;
  paidAt: string | null;
  deliveredAt: string | null;
  email: string | null;
  bundle: {
    name: string;
    title: string;
    dataMb: number | null;
    unlimited: boolean;
    durationDays: number;
    countries: string[];
  };
  amountMinor: number;
  currency: string;
  progress: OrderProgress;
  esim: OrderEsimView | null;
  emailSentAt: string | null;
  failureReason: string | null;
  refund: { amountMinor: number; at: string } | null;
  esimWithheld: boolean;
  via: ViewerVia;
}

export type ViewerVia = "owner" | "token" | "checkout" | "session";

export interface OrderAccess {
  token?: string;
  checkoutSessionId?: string;
  customerId?: string;
  browserKey?: string;
}

/** Tokens, cookies and session ids are compared in constant time. */
export function viewerOf(
  order: Pick<Order, "customerId" | "accessTokenHash" | "stripeCheckoutSessionId" | "checkoutBrowserHash">,
  access: OrderAccess,
  tokenValid = Boolean(access.token && accessTokenMatches(access.token, order.accessTokenHash)),
): ViewerVia | null {
  if (access.customerId && order.customerId && access.customerId === order.customerId) return "owner";
  if (access.token && tokenValid) return "token";
  const session = Boolean(
    access.checkoutSessionId &&
    order.stripeCheckoutSessionId &&
    safeEqual(access.checkoutSessionId, order.stripeCheckoutSessionId),
  );
  if (!session) return null;
  if (access.browserKey && accessTokenMatches(access.browserKey, order.checkoutBrowserHash ?? "")) return "checkout";
  return "session";
}

export function canView(order: Parameters<typeof viewerOf>[0], access: OrderAccess): boolean {
  return viewerOf(order, access) !== null;
}

export function progressOf(order: Pick<Order, "status">, esim: Pick<Esim, "qrPath"> | null): OrderProgress {
  return progressOfStatus(order.status, Boolean(esim?.qrPath));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function esimOf(order: Order): Promise<Esim | null> {
  const db = await getDb();
  const [row] = order.topupIccid
    ? await db.select().from(esims).where(eq(esims.iccid, order.topupIccid))
    : await db.select().from(esims).where(eq(esims.orderId, order.id)).limit(1);
  return row ?? null;
}

export function toOrderView(order: Order, esim: Esim | null, via: ViewerVia = "owner"): OrderView {
  const esimExists = Boolean(
    esim && ["provisioning", "delivered", "installed", "needs_attention"].includes(order.status),
  );
  const showEsim = esim && esimExists && via !== "session";
  const s = order.bundleSnapshot;
  return {
    id: order.id,
    kind: order.kind === "topup" ? "topup" : "new",
    status: order.status,
    createdAt: order.createdAt.toISOString(),
    paidAt: iso(order.paidAt),
    deliveredAt: iso(order.deliveredAt),
    email: order.email,
    bundle: {
      name: s.name,
      title: s.title,
      dataMb: s.dataMb,
      unlimited: s.unlimited,
      durationDays: s.durationDays,
      countries: [...s.countries],
    },
    amountMinor: order.amountMinor,
    currency: order.currency,
    progress: progressOf(order, esim),
    esim: showEsim
      ? {
          iccid: esim.iccid,
          lpa: esim.lpa,
          smdpAddress: esim.smdpAddress,
          matchingId: esim.matchingId,
          qrPath: esim.qrPath,
          appleInstallUrl: appleInstallUrl(esim.lpa),
          androidInstallUrl: androidInstallUrl(esim.lpa),
        }
      : null,
    emailSentAt: iso(order.emailSentAt),
    failureReason: order.failureReason,
    refund: order.refundedAt
      ? { amountMinor: order.refundedMinor ?? order.amountMinor, at: order.refundedAt.toISOString() }
      : null,
    esimWithheld: esimExists && !showEsim,
    via,
  };
}

export async function getOrderView(orderId: string, access: OrderAccess): Promise<OrderView | null> {
  if (!isOrderId(orderId)) return null;
  const db = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const tokenValid = Boolean(order && access.token && (await tokenState(db, order, access.token)) === "valid");
  const via = order ? viewerOf(order, access, tokenValid) : null;
  if (!order || !via) return null;
  return toOrderView(order, await esimOf(order), via);
}

/** Progress only: polls never carry install details. */
export interface OrderStatus {
  status: string;
  progress: OrderProgress;
  deliveredAt: string | null;
  emailSentAt: string | null;
  slow: boolean;
}

export async function getOrderStatus(
  orderId: string,
  access: OrderAccess,
  now = new Date(),
): Promise<OrderStatus | null> {
  const view = await getOrderView(orderId, access);
  if (!view) return null;
  return {
    status: view.status,
    progress: view.progress,
    deliveredAt: view.deliveredAt,
    emailSentAt: view.emailSentAt,
    slow: isSlow(view, now.getTime()),
  };
}

/** Holds one request instead of polling on a fixed clock; reads the database, so it works across instances. */
export async function waitForOrderStatus(
  orderId: string,
  access: OrderAccess,
  since: OrderProgress,
  { timeoutMs, intervalMs = 150, signal }: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<OrderStatus | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await getOrderStatus(orderId, access);
    if (!status || status.progress !== since || signal?.aborted || Date.now() + intervalMs > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function recordEsimShown(
  view: OrderView,
  viewer: { id: string; isAdmin: boolean } | null,
  meta: { ip: string | null; userAgent: string | null },
): Promise<void> {
  if (!view.esim) return;
  const role =
    view.via === "owner" ? (viewer?.isAdmin ? "admin" : "owner") : view.via === "checkout" ? "checkout" : "order-link";
  await recordActivationView(await getDb(), {
    iccid: view.esim.iccid,
    viewerCustomerId: view.via === "owner" ? (viewer?.id ?? null) : null,
    role,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
}
