// Order reads for pages and the status API. Every read takes the viewer's credential and answers null unless
// it opens this order — the owner (customerId), the private link's token, or the order's own Stripe Checkout
// Session id (the success page) — so a forgotten access check cannot be written.
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { esims, orders, type Esim, type Order } from "@/lib/db/schema";
import { androidInstallUrl, appleInstallUrl } from "@/lib/delivery/links";
import { accessTokenMatches, safeEqual } from "./ids";

export { orderAccessUrl } from "./ids";

export type OrderProgress =
  "awaiting_payment" | "payment_confirmed" | "buying" | "ready" | "failed" | "refunded" | "needs_attention" | "expired";

export interface OrderEsimView {
  iccid: string;
  lpa: string;
  smdpAddress: string;
  matchingId: string;
  /** Object path in the private QR bucket (sign it with qrSignedUrl to show it). */
  qrPath: string | null;
  appleInstallUrl: string;
  androidInstallUrl: string;
}

export interface OrderView {
  id: string;
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
}

export interface OrderAccess {
  token?: string;
  checkoutSessionId?: string;
  customerId?: string;
}

/** After this long paid and not delivered, pages say the email will follow. */
export const SLOW_AFTER_MS = 60_000;

/** Whether `access` opens `order`. Token and session id are compared in constant time. */
export function canView(
  order: Pick<Order, "customerId" | "accessTokenHash" | "stripeCheckoutSessionId">,
  access: OrderAccess,
): boolean {
  if (access.customerId && order.customerId && access.customerId === order.customerId) return true;
  if (access.token && accessTokenMatches(access.token, order.accessTokenHash)) return true;
  if (
    access.checkoutSessionId &&
    order.stripeCheckoutSessionId &&
    safeEqual(access.checkoutSessionId, order.stripeCheckoutSessionId)
  )
    return true;
  return false;
}

/** Where the order is, in the customer's terms. */
export function progressOf(order: Pick<Order, "status">, esim: Pick<Esim, "qrPath"> | null): OrderProgress {
  switch (order.status) {
    case "pending_payment":
      return "awaiting_payment";
    case "paid":
      return "payment_confirmed";
    case "provisioning":
      // The eSIM and its QR exist: the customer can install it while the email is still on its way.
      return esim?.qrPath ? "ready" : "buying";
    case "delivered":
    case "installed":
      return "ready";
    case "failed":
      return "failed";
    case "refunded":
      return "refunded";
    case "needs_attention":
      return "needs_attention";
    default:
      // expired, payment_failed: nothing was charged, nothing will happen.
      return "expired";
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function esimOf(order: Order): Promise<Esim | null> {
  const db = await getDb();
  const [row] = order.topupIccid
    ? await db.select().from(esims).where(eq(esims.iccid, order.topupIccid))
    : await db.select().from(esims).where(eq(esims.orderId, order.id)).limit(1);
  return row ?? null;
}

export function toOrderView(order: Order, esim: Esim | null): OrderView {
  const showEsim = esim && ["provisioning", "delivered", "installed", "needs_attention"].includes(order.status);
  const s = order.bundleSnapshot;
  return {
    id: order.id,
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
  };
}

/** The order as its viewer may see it, or null (→ 404) when the credential does not open it. */
export async function getOrderView(orderId: string, access: OrderAccess): Promise<OrderView | null> {
  if (!orderId || orderId.length > 64) return null;
  const db = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order || !canView(order, access)) return null;
  return toOrderView(order, await esimOf(order));
}

export interface OrderStatus {
  status: string;
  progress: OrderProgress;
  esim?: Omit<OrderEsimView, "qrPath">;
  deliveredAt: string | null;
  emailSentAt: string | null;
  /** Paid more than a minute ago and not delivered yet. */
  slow: boolean;
}

/** What the success and order pages poll. */
export async function getOrderStatus(
  orderId: string,
  access: OrderAccess,
  now = new Date(),
): Promise<OrderStatus | null> {
  const view = await getOrderView(orderId, access);
  if (!view) return null;
  const slow = Boolean(view.paidAt && !view.deliveredAt && now.getTime() - Date.parse(view.paidAt) > SLOW_AFTER_MS);
  const { qrPath: _qrPath, ...esim } = view.esim ?? { qrPath: null };
  return {
    status: view.status,
    progress: view.progress,
    ...(view.esim ? { esim: esim as Omit<OrderEsimView, "qrPath"> } : {}),
    deliveredAt: view.deliveredAt,
    emailSentAt: view.emailSentAt,
    slow,
  };
}
