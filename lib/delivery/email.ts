// A retried job re-sends the caller's idempotency key and Resend answers with the first email.
import { env } from "@/lib/env";
import { DeliveryError } from "./errors";
import { androidInstallUrl, appleInstallUrl, buildLpa } from "./links";
import { resendClient, ResendRequestError, type ResendAttachment, type ResendClient } from "./resend-client";
import { renderAdminAlert } from "./templates/admin-alert";
import { QR_CONTENT_ID, renderEsimDeliveredEmail } from "./templates/esim-delivered";
import type { RenderedEmail } from "./templates/html";
import { renderRefundEmail, type RefundContent } from "./templates/refund";
import { renderRefundNoticeEmail, type RefundNoticeContent } from "./templates/refund-notice";
import { renderReceiptEmail, type ReceiptContent } from "./templates/receipt";
import { shopIdentity } from "@/lib/shop/identity";
import type { Locale } from "@/lib/i18n/locales";
import { shopLink } from "./templates/i18n";

const REQUEST_TIMEOUT_MS = 15_000;

let client: { key: string; resend: ResendClient } | undefined;

function resend(): ResendClient {
  const { apiKey, baseUrl } = env().resend;
  const key = `${baseUrl}|${apiKey}`;
  if (client?.key !== key) client = { key, resend: resendClient({ apiKey, baseUrl, timeoutMs: REQUEST_TIMEOUT_MS }) };
  return client.resend;
}

/** Anything else in a tag would fail the whole send. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 256) || "_";

export async function sendEmail(
  email: RenderedEmail & { to: string[]; attachments?: ResendAttachment[]; tags: Record<string, string> },
  idempotencyKey: string | undefined,
): Promise<{ id: string }> {
  try {
    return await resend().send(
      {
        from: env().resend.from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        attachments: email.attachments,
        tags: Object.entries(email.tags).map(([name, value]) => ({ name, value: tagValue(value) })),
      },
      idempotencyKey,
    );
  } catch (err) {
    if (!(err instanceof ResendRequestError)) throw err;
    // No status: the send may or may not have happened; a retry with the same key settles it.
    throw new DeliveryError("email", `Resend: ${err.message}`, err.status, err.code, err.retryAfterSeconds);
  }
}

export interface EsimDeliveredEmailInput {
  to: string;
  orderId: string;
  /** Part of the body, so it must be the same on every retry. */
  orderUrl: string;
  bundleTitle: string;
  iccid: string;
  lpa: string;
  smdpAddress: string;
  matchingId: string;
  qrPng?: Buffer;
  kind: "new" | "topup";
  locale: Locale;
}

/** The QR is inline and attached: clients that hide inline images still offer the file. */
export async function sendEsimDeliveredEmail(
  input: EsimDeliveredEmailInput,
  idempotencyKey: string,
): Promise<{ id: string }> {
  // The codes printed for manual entry must be the ones inside the QR and the links.
  if (buildLpa(input.smdpAddress, input.matchingId) !== input.lpa.trim()) {
    throw new Error(`sendEsimDeliveredEmail: lpa does not match smdpAddress/matchingId for order ${input.orderId}`);
  }
  const rendered = await renderEsimDeliveredEmail({
    ...input,
    shop: shopIdentity(),
    appleInstallUrl: appleInstallUrl(input.lpa),
    androidInstallUrl: androidInstallUrl(input.lpa),
    helpUrl: shopLink(env().appUrl, input.locale, "/help/install"),
  });
  let attachments: ResendAttachment[] | undefined;
  if (input.kind === "new") {
    if (!input.qrPng?.length)
      throw new Error(`sendEsimDeliveredEmail: qrPng is required for a new eSIM (order ${input.orderId})`);
    attachments = [
      { filename: "esim-qr.png", content: input.qrPng, contentType: "image/png", contentId: QR_CONTENT_ID },
      { filename: "esim-qr.png", content: input.qrPng, contentType: "image/png" },
    ];
  }
  return sendEmail(
    {
      ...rendered,
      to: [input.to],
      attachments,
      tags: { category: input.kind === "new" ? "esim_delivered" : "esim_topup", order_id: input.orderId },
    },
    idempotencyKey,
  );
}

export type RefundEmailInput = Omit<RefundContent, "shop"> & { to: string };

export async function sendRefundEmail(input: RefundEmailInput, idempotencyKey: string): Promise<{ id: string }> {
  const { to, ...content } = input;
  return sendEmail(
    {
      ...(await renderRefundEmail({ ...content, shop: shopIdentity() })),
      to: [to],
      tags: { category: "refund", order_id: input.orderId },
    },
    idempotencyKey,
  );
}

export type RefundNoticeEmailInput = Omit<RefundNoticeContent, "shop"> & { to: string };

export async function sendRefundNoticeEmail(
  input: RefundNoticeEmailInput,
  idempotencyKey: string,
): Promise<{ id: string }> {
  const { to, ...content } = input;
  return sendEmail(
    {
      ...(await renderRefundNoticeEmail({ ...content, shop: shopIdentity() })),
      to: [to],
      tags: { category: "refund_notice", order_id: input.orderId },
    },
    idempotencyKey,
  );
}

export type ReceiptEmailInput = Omit<ReceiptContent, "shop" | "customerEmail"> & { to: string };

export async function sendReceiptEmail(input: ReceiptEmailInput, idempotencyKey: string): Promise<{ id: string }> {
  const { to, ...content } = input;
  return sendEmail(
    {
      ...(await renderReceiptEmail({ ...content, customerEmail: to, shop: shopIdentity() })),
      to: [to],
      tags: { category: "receipt", order_id: input.orderId },
    },
    idempotencyKey,
  );
}

export async function sendAdminAlert(
  input: { subject: string; text: string },
  idempotencyKey: string,
): Promise<{ id: string } | null> {
  const to = env().adminEmails;
  if (to.length === 0) return null;
  return sendEmail({ ...(await renderAdminAlert(input)), to, tags: { category: "admin_alert" } }, idempotencyKey);
}
