import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { esims, type Esim, type Order } from "@/lib/db/schema";
import { recordStep, transition, writeWithStep, type TransitionOptions } from "@/lib/orders/lifecycle";
import { orderAccessUrl, unsealAccessToken } from "@/lib/orders/ids";
import { issueOrderLink } from "@/lib/orders/links";
import { buildLpa } from "@/lib/delivery/links";
import { renderQrPng } from "@/lib/delivery/qr";
import { storeQrPng } from "@/lib/delivery/storage";
import { sendEsimDeliveredEmail } from "@/lib/delivery/email";
import { nextDelayMs } from "@/lib/jobs/backoff";
import { RetryLater } from "./errors";
import { keepLease, type Bought, type Run } from "./run";
import { markStockExposed, recordProviderEsim } from "@/lib/stock/reserve";
import { localeOr } from "@/lib/i18n/locales";
import { bundleTitleIn } from "@/lib/catalogue/localized-title";

/** What the caller adds to the delivery: sent once the email is out, written with the order's move to delivered. */
export interface AfterDelivery {
  prepare: () => Promise<void>;
  write: (tx: Tx) => Promise<void>;
}

export async function deliver(run: Run, order: Order, bought: Bought, after?: AfterDelivery): Promise<void> {
  await keepLease(run);
  const { esim, qrPng } = await ensureEsim(run, order, bought);
  await deliverEmail(run, order, esim, qrPng, bought.stockId !== undefined, after);
}

type EsimForDelivery = Pick<Esim, "iccid" | "lpa" | "smdpAddress" | "matchingId" | "qrPath">;

// A new eSIM's QR is stored first so its row, QR path, stock trail and timeline commit together.
async function ensureEsim(
  run: Run,
  order: Order,
  bought: Bought,
): Promise<{ esim: EsimForDelivery; qrPng: Buffer | undefined }> {
  const { db } = run.deps;
  let details = bought.esims;
  if (details.length === 0) details = await run.deps.provider(order.provider).installDetails(bought.reference);
  // Assignments can lag the purchase by a few seconds: come back, never buy again.
  const d = order.topupIccid ? (details.find((e) => e.iccid === order.topupIccid) ?? details[0]) : details[0];
  if (!d) throw new RetryLater(nextDelayMs(run.job.failures + 1), "install details are not available yet");
  const smdpAddress = d.smdpAddress.trim();
  const matchingId = d.matchingId.trim();
  const lpa = buildLpa(d.smdpAddress, d.matchingId);
  // Deterministic, so a re-run renders the same bytes; a top-up has no new QR.
  const qrPng = order.kind === "topup" ? undefined : await renderQrPng(lpa);
  let qrPath: string | null = null;
  let storeFailed: { error: unknown } | undefined;
  try {
    if (qrPng) qrPath = (await storeQrPng({ orderId: order.id, iccid: d.iccid, png: qrPng })).path;
  } catch (error) {
    // Storage down: the bought eSIM is still recorded (the order page and admins see it), then the run retries.
    storeFailed = { error };
  }
  const inserted = await db.transaction(async (tx) => {
    const insert = tx
      .insert(esims)
      .values({
        iccid: d.iccid,
        provider: order.provider,
        orderId: order.id,
        customerId: order.customerId,
        smdpAddress,
        matchingId,
        lpa,
        qrPath,
      })
      .onConflictDoNothing()
      .returning({ iccid: esims.iccid });
    const rows = await writeWithStep(tx, insert, order.id, "esim.issued", {
      iccid: d.iccid,
      reference: bought.reference,
    });
    if (rows.length === 0) return false;
    if (qrPath) await recordStep(tx, order.id, "qr.stored", { path: qrPath });
    if (bought.stockId === undefined && order.kind !== "topup")
      await recordProviderEsim(tx, order, { iccid: d.iccid, smdpAddress }, bought.reference);
    return true;
  });
  if (storeFailed) throw storeFailed.error;
  if (inserted) return { esim: { iccid: d.iccid, lpa, smdpAddress, matchingId, qrPath }, qrPng };
  const [existing] = await db.select().from(esims).where(eq(esims.iccid, d.iccid));
  if (qrPath && !existing!.qrPath) {
    const update = db.update(esims).set({ qrPath }).where(eq(esims.iccid, d.iccid)).returning({ iccid: esims.iccid });
    await writeWithStep(db, update, order.id, "qr.stored", { path: qrPath });
  }
  return { esim: existing!, qrPng };
}

export async function accessTokenFor(db: Db, order: Order): Promise<string> {
  const unsealed = order.accessTokenSealed ? unsealAccessToken(order.accessTokenSealed, order.id) : null;
  if (unsealed) return unsealed;
  // The seal is gone (already used) or unreadable (SESSION_SECRET rotated): issue a new link.
  const token = await issueOrderLink(db, order.id, "reissue");
  await recordStep(db, order.id, "access_token.issued", {}, "note");
  return token;
}

async function deliverEmail(
  run: Run,
  order: Order,
  esim: EsimForDelivery,
  qrPng: Buffer | undefined,
  fromStock: boolean,
  after?: AfterDelivery,
): Promise<void> {
  const { db } = run.deps;
  if (order.emailSentAt)
    return markDelivered(db, order, { from: ["provisioning"], detail: { email: "already sent" } }, after);
  if (!order.email)
    return markDelivered(db, order, { from: ["provisioning"], detail: { email: "no address on the order" } }, after);
  const token = await accessTokenFor(db, order);
  // A stock code handed to the mail service can never go back to stock, whatever the send's answer.
  if (fromStock) await markStockExposed(db, order.id);
  const sent = await sendEsimDeliveredEmail(
    {
      to: order.email,
      orderId: order.id,
      orderUrl: orderAccessUrl(order.id, token, localeOr(order.locale)),
      bundleTitle: bundleTitleIn(order.bundleSnapshot, localeOr(order.locale)),
      iccid: esim.iccid,
      lpa: esim.lpa,
      smdpAddress: esim.smdpAddress,
      matchingId: esim.matchingId,
      qrPng,
      kind: order.kind === "topup" ? "topup" : "new",
      locale: localeOr(order.locale),
    },
    `order-email/${order.id}`,
  );
  await markDelivered(
    db,
    order,
    {
      from: ["provisioning"],
      set: { emailSentAt: new Date(), accessTokenSealed: null },
      detail: { emailId: sent.id, iccid: esim.iccid },
    },
    after,
  );
}

// Until this commits a re-run sends the same email again, under the same idempotency key.
async function markDelivered(db: Db, order: Order, options: TransitionOptions, after?: AfterDelivery): Promise<void> {
  await after?.prepare();
  await db.transaction(async (tx) => {
    await transition(tx, order.id, "delivered", options);
    await after?.write(tx);
  });
}
