// email.ts against the sandbox's Resend, through the real `resend` SDK.
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { env, resetEnvCache } from "@/lib/env";
import {
  sendAdminAlert,
  sendEsimDeliveredEmail,
  sendReceiptEmail,
  sendRefundEmail,
  type EsimDeliveredEmailInput,
} from "./email";
import { DeliveryError } from "./errors";
import { appleInstallUrl, buildLpa } from "./links";
import { renderQrPng } from "./qr";

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  delete process.env.ADMIN_EMAILS;
  resetEnvCache();
  await sandbox?.close();
});

afterEach(async () => {
  await sandbox.control("DELETE", "/faults");
  delete process.env.ADMIN_EMAILS;
  resetEnvCache();
});

interface InboxAttachment {
  filename: string;
  contentType: string;
  contentId: string | null;
  size: number;
  content?: string | null;
}
interface InboxEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  tags: { name: string; value: string }[];
  attachments: InboxAttachment[];
  idempotencyKey: string | null;
}

const inbox = (to: string) => sandbox.control<InboxEmail[]>("GET", `/emails?to=${encodeURIComponent(to)}`);
const fullEmail = (id: string) => sandbox.control<InboxEmail>("GET", `/emails/${id}`);

function decodeQr(base64: string): string | undefined {
  const image = PNG.sync.read(Buffer.from(base64, "base64"));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

async function deliveredInput(over: Partial<EsimDeliveredEmailInput> = {}): Promise<EsimDeliveredEmailInput> {
  const id = crypto.randomUUID().replace(/-/g, "");
  const matchingId = `JQ-${id.slice(0, 6).toUpperCase()}-${id.slice(6, 12).toUpperCase()}`;
  const lpa = buildLpa("rsp.truphone.com", matchingId);
  return {
    to: `buyer+${id}@example.com`,
    orderId: `ord_${id}`,
    orderUrl: `http://localhost:3000/orders/ord_${id}?t=tok_${id}`,
    bundleTitle: "Japan 5 GB, 30 days",
    iccid: `8943108${crypto.randomInt(1e11, 1e12 - 1)}`,
    lpa,
    smdpAddress: "rsp.truphone.com",
    matchingId,
    qrPng: await renderQrPng(lpa),
    kind: "new",
    locale: "en",
    ...over,
  };
}

describe("sendEsimDeliveredEmail", () => {
  it("sends once per idempotency key, with the QR inline and attached", async () => {
    const input = await deliveredInput();
    const key = `esim-email/${input.orderId}`;
    const first = await sendEsimDeliveredEmail(input, key);
    const second = await sendEsimDeliveredEmail(input, key);
    expect(second.id).toBe(first.id);

    const sent = await inbox(input.to);
    expect(sent).toHaveLength(1);
    const email = await fullEmail(sent[0]!.id);
    expect(email).toMatchObject({ id: first.id, from: env().resend.from, to: [input.to], idempotencyKey: key });
    expect(email.subject).toBe("Your eSIM is ready: Japan 5 GB, 30 days");
    expect(email.html).toContain('src="cid:esim-qr"');
    expect(email.html).toContain(appleInstallUrl(input.lpa));
    expect(email.text).toContain(input.matchingId);
    expect(email.text).toContain(input.orderUrl);
    expect(email.tags).toEqual([
      { name: "category", value: "esim_delivered" },
      { name: "order_id", value: input.orderId },
    ]);

    const inline = email.attachments.find((a) => a.contentId === "esim-qr");
    const attached = email.attachments.find((a) => a.contentId === null);
    expect(inline).toMatchObject({ filename: "esim-qr.png", contentType: "image/png" });
    expect(attached).toMatchObject({ filename: "esim-qr.png", contentType: "image/png" });
    expect(decodeQr(inline!.content!)).toBe(input.lpa);
    expect(decodeQr(attached!.content!)).toBe(input.lpa);
  });

  it("a top-up email carries no QR and no install links", async () => {
    const input = await deliveredInput({ kind: "topup", qrPng: undefined });
    await sendEsimDeliveredEmail(input, `topup-email/${input.orderId}`);
    const [email] = await inbox(input.to);
    expect(email!.subject).toBe("Data added to your eSIM: Japan 5 GB, 30 days");
    expect(email!.attachments).toEqual([]);
    expect(email!.html).not.toContain("esimsetup.apple.com");
  });

  it("refuses a new-eSIM email without the QR, and codes that disagree with the LPA, before sending", async () => {
    const noQr = await deliveredInput({ qrPng: undefined });
    await expect(sendEsimDeliveredEmail(noQr, `k/${noQr.orderId}`)).rejects.toThrow(/qrPng is required/);
    const mismatch = await deliveredInput({ matchingId: "SOMETHING-ELSE" });
    await expect(sendEsimDeliveredEmail(mismatch, `k/${mismatch.orderId}`)).rejects.toThrow(/does not match/);
    expect(await inbox(noQr.to)).toHaveLength(0);
    expect(await inbox(mismatch.to)).toHaveLength(0);
  });

  it("a validation error is permanent and names itself", async () => {
    const input = await deliveredInput({ to: "not-an-address" });
    const err = await sendEsimDeliveredEmail(input, `k/${input.orderId}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ service: "email", status: 422, code: "validation_error", retryable: false });
  });

  it("429 is retryable and carries Retry-After", async () => {
    const input = await deliveredInput();
    await sandbox.control("POST", "/faults", { service: "resend", route: "POST /emails", status: 429, retryAfter: 7 });
    const err = await sendEsimDeliveredEmail(input, `k/${input.orderId}`).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, code: "rate_limit_exceeded", retryable: true, retryAfterSeconds: 7 });
  });

  it("a 5xx is retryable, and the retry sends exactly one email", async () => {
    const input = await deliveredInput();
    const key = `k/${input.orderId}`;
    await sandbox.control("POST", "/faults", { service: "resend", route: "POST /emails", status: 503 });
    const err = await sendEsimDeliveredEmail(input, key).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, retryable: true });
    expect(await inbox(input.to)).toHaveLength(0);
    await sendEsimDeliveredEmail(input, key);
    expect(await inbox(input.to)).toHaveLength(1);
  });

  it("a connection dropped after Resend accepted: no status, retryable, and the retry does not mail twice", async () => {
    const input = await deliveredInput();
    const key = `k/${input.orderId}`;
    await sandbox.control("POST", "/faults", { service: "resend", route: "POST /emails", dropAfterSend: true });
    const err = await sendEsimDeliveredEmail(input, key).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ status: undefined, retryable: true });
    expect(await inbox(input.to)).toHaveLength(1);

    const retry = await sendEsimDeliveredEmail(input, key);
    const sent = await inbox(input.to);
    expect(sent).toHaveLength(1);
    expect(retry.id).toBe(sent[0]!.id);
  });
});

describe("sendRefundEmail", () => {
  it("tells the customer about the full refund and offers alternatives", async () => {
    const id = crypto.randomUUID().replace(/-/g, "");
    const to = `refund+${id}@example.com`;
    await sendRefundEmail(
      {
        to,
        orderId: `ord_${id}`,
        orderUrl: `http://localhost:3000/orders/ord_${id}?t=x`,
        bundleTitle: "Japan 5 GB, 30 days",
        amountMinor: 1299,
        currency: "USD",
        reason: "This bundle is no longer available.",
        alternatives: [
          {
            title: "Japan 3 GB, 15 days",
            url: "http://localhost:3000/bundles/esim_3GB_15D_JP_V2",
            priceMinor: 899,
            currency: "USD",
          },
        ],
        locale: "en",
      },
      `refund-email/ord_${id}`,
    );
    const [email] = await inbox(to);
    expect(email!.subject).toBe("Refund for your Japan 5 GB, 30 days order");
    expect(email!.text).toContain("$12.99");
    expect(email!.text).toContain("5–10 business days");
    expect(email!.html).toContain("http://localhost:3000/bundles/esim_3GB_15D_JP_V2");
  });
});

describe("sendReceiptEmail", () => {
  it("lands in the inbox with both parts, and the inbox renders its HTML with the shop's identity", async () => {
    const id = crypto.randomUUID().replace(/-/g, "");
    const to = `receipt+${id}@example.com`;
    const input = {
      to,
      orderId: `ord_${id}`,
      paidAt: new Date("2026-12-07T09:12:00Z"),
      bundleTitle: "Japan 5 GB, 30 days",
      description: "5 GB for 30 days",
      amountMinor: 1299,
      currency: "USD",
      card: { brand: "visa", last4: "4242" },
      refundedMinor: null,
      receiptUrl: `http://localhost:3000/orders/ord_${id}/receipt`,
      locale: "en" as const,
    };
    const first = await sendReceiptEmail(input, `receipt/ord_${id}`);
    const again = await sendReceiptEmail(input, `receipt/ord_${id}`);
    expect(again.id).toBe(first.id);
    const [email] = await inbox(to);
    expect(email!.subject).toBe(`Your receipt from Tern — order ord_${id}`);
    expect(email!.text).toContain("Visa ending 4242");
    expect(email!.text).toContain(env().shop.legalName);
    const page = await fetch(`${sandbox.url}/inbox/${email!.id}/html`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("$12.99");
    expect(html).toContain(`${env().appUrl}/email-logo.png`);
    expect(html).toContain(env().shop.supportEmail);
  });
});

describe("sendAdminAlert", () => {
  it("does nothing when no admin addresses are configured", async () => {
    process.env.ADMIN_EMAILS = "";
    resetEnvCache();
    expect(await sendAdminAlert({ subject: "Balance low", text: "x" }, `alert/${crypto.randomUUID()}`)).toBeNull();
  });

  it("mails every admin", async () => {
    const id = crypto.randomUUID().slice(0, 8);
    process.env.ADMIN_EMAILS = `ops+${id}@example.com, boss+${id}@example.com`;
    resetEnvCache();
    const sent = await sendAdminAlert(
      { subject: "eSIM Go balance low", text: "Balance $3.10, order needs $4.50" },
      `alert/${id}`,
    );
    expect(sent?.id).toEqual(expect.any(String));
    const [email] = await inbox(`ops+${id}@example.com`);
    expect(email!.to).toEqual([`ops+${id}@example.com`, `boss+${id}@example.com`]);
    expect(email!.subject).toBe("[Tern] eSIM Go balance low");
  });
});
