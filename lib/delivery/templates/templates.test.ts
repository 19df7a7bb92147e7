import { describe, expect, it } from "vitest";
import { androidInstallUrl, appleInstallUrl, buildLpa } from "../links";
import { renderAdminAlert } from "./admin-alert";
import { QR_CONTENT_ID, renderEsimDeliveredEmail, type EsimDeliveredContent } from "./esim-delivered";
import { escapeHtml } from "./html";
import { renderRefundEmail, type RefundContent } from "./refund";

const lpa = buildLpa("rsp.truphone.com", "JQ-209U6H-6I82J7");
const delivered = (over: Partial<EsimDeliveredContent> = {}): EsimDeliveredContent => ({
  orderId: "ord_01J9Z6",
  orderUrl: "https://shop.example/orders/ord_01J9Z6?t=secret-token_123",
  bundleTitle: "Japan 5 GB, 30 days",
  iccid: "8943108165005471086",
  lpa,
  smdpAddress: "rsp.truphone.com",
  matchingId: "JQ-209U6H-6I82J7",
  appleInstallUrl: appleInstallUrl(lpa),
  androidInstallUrl: androidInstallUrl(lpa),
  kind: "new",
  helpUrl: "https://shop.example/help/install",
  ...over,
});

/** Attribute values come out HTML-escaped; compare against what a mail client would read. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));

describe("eSIM delivered email (new eSIM)", () => {
  const email = renderEsimDeliveredEmail(delivered());

  it("names the bundle in the subject", () => {
    expect(email.subject).toBe("Your eSIM is ready: Japan 5 GB, 30 days");
  });

  it("links both one-tap installs and the private order page", () => {
    expect(hrefs(email.html)).toEqual(
      expect.arrayContaining([
        "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA:1$rsp.truphone.com$JQ-209U6H-6I82J7",
        "https://esimsetup.android.com/esim_qrcode_provisioning?carddata=LPA:1$rsp.truphone.com$JQ-209U6H-6I82J7",
        "https://shop.example/orders/ord_01J9Z6?t=secret-token_123",
        "https://shop.example/help/install",
      ]),
    );
  });

  it("shows the QR inline by content id, with alt text", () => {
    expect(QR_CONTENT_ID).toBe("esim-qr");
    const img = /<img [^>]*src="cid:esim-qr"[^>]*>/.exec(email.html)?.[0];
    expect(img).toBeDefined();
    expect(img).toMatch(/alt="QR code for your eSIM[^"]+"/);
  });

  it("gives the manual codes in HTML and text", () => {
    for (const body of [email.html, email.text]) {
      expect(body).toContain("SM-DP+ address");
      expect(body).toContain("rsp.truphone.com");
      expect(body).toContain("Activation code");
      expect(body).toContain("JQ-209U6H-6I82J7");
      expect(body).toContain(lpa);
    }
  });

  it("has a plain-text part with every link and the steps", () => {
    expect(email.text).toContain(appleInstallUrl(lpa));
    expect(email.text).toContain(androidInstallUrl(lpa));
    expect(email.text).toContain("https://shop.example/orders/ord_01J9Z6?t=secret-token_123");
    expect(email.text).toContain("esim-qr.png");
    expect(email.text).toMatch(/IPHONE STEPS\n1\. On your iPhone, open Settings → Mobile Data/);
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it("is built for mail clients: tables and inline styles, no <style> or scripts", () => {
    expect(email.html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(email.html).toContain('role="presentation"');
    expect(email.html).not.toMatch(/<style|<script|class=/i);
  });

  it("is deterministic, so an idempotent retry sends an identical body", () => {
    expect(renderEsimDeliveredEmail(delivered())).toEqual(email);
  });

  it("escapes what it interpolates", () => {
    const nasty = renderEsimDeliveredEmail(delivered({ bundleTitle: `<script>alert("x")</script>` }));
    expect(nasty.html).not.toContain("<script>");
    expect(nasty.html).toContain(escapeHtml(`<script>alert("x")</script>`));
  });
});

describe("eSIM delivered email (top-up)", () => {
  const email = renderEsimDeliveredEmail(delivered({ kind: "topup" }));

  it("says the data went onto the existing eSIM and that no new QR is needed", () => {
    expect(email.subject).toBe("Data added to your eSIM: Japan 5 GB, 30 days");
    for (const body of [email.html, email.text]) {
      expect(body).toContain("the eSIM you already have");
      expect(body).toContain("no new QR code");
      expect(body).toContain("8943108165005471086");
      expect(body).toContain("https://shop.example/orders/ord_01J9Z6?t=secret-token_123");
    }
  });

  it("offers nothing to install a second time", () => {
    expect(email.html).not.toContain("cid:");
    expect(email.html).not.toContain("esimsetup.apple.com");
    expect(email.html).not.toContain("JQ-209U6H-6I82J7");
  });
});

describe("refund email", () => {
  const content = (over: Partial<RefundContent> = {}): RefundContent => ({
    orderId: "ord_01J9Z6",
    orderUrl: "https://shop.example/orders/ord_01J9Z6?t=tok",
    bundleTitle: "Japan 5 GB, 30 days",
    amountMinor: 1299,
    currency: "USD",
    reason: "This bundle is no longer available from our network partner.",
    alternatives: [
      {
        title: "Japan 3 GB, 15 days",
        url: "https://shop.example/bundles/esim_3GB_15D_JP_V2",
        priceMinor: 899,
        currency: "USD",
      },
      {
        title: "Japan 10 GB, 30 days",
        url: "https://shop.example/bundles/esim_10GB_30D_JP_V2",
        priceMinor: 1999,
        currency: "USD",
      },
      {
        title: "Asia 5 GB, 30 days",
        url: "https://shop.example/bundles/esim_5GB_30D_RAS_V2",
        priceMinor: 1599,
        currency: "USD",
      },
      {
        title: "Japan unlimited",
        url: "https://shop.example/bundles/esim_UL_7D_JP_V2",
        priceMinor: 2999,
        currency: "USD",
      },
    ],
    ...over,
  });

  it("says what happened, the full amount and the 5–10 business days", () => {
    const email = renderRefundEmail(content());
    expect(email.subject).toBe("Refund for your Japan 5 GB, 30 days order");
    for (const body of [email.html, email.text]) {
      expect(body).toContain("This bundle is no longer available from our network partner.");
      expect(body).toContain("$12.99");
      expect(body).toContain("5–10 business days");
      expect(body).toContain("https://shop.example/orders/ord_01J9Z6?t=tok");
    }
  });

  it("lists at most three alternatives, with prices", () => {
    const email = renderRefundEmail(content());
    expect(hrefs(email.html).filter((h) => h.includes("/bundles/"))).toEqual([
      "https://shop.example/bundles/esim_3GB_15D_JP_V2",
      "https://shop.example/bundles/esim_10GB_30D_JP_V2",
      "https://shop.example/bundles/esim_5GB_30D_RAS_V2",
    ]);
    expect(email.html).toContain("$8.99");
    expect(email.text).toContain("- Asia 5 GB, 30 days — $15.99: https://shop.example/bundles/esim_5GB_30D_RAS_V2");
    expect(email.text).not.toContain("unlimited");
  });

  it("leaves the alternatives section out when there are none", () => {
    const email = renderRefundEmail(content({ alternatives: [] }));
    expect(email.html).not.toContain("Other eSIMs");
    expect(email.text).not.toContain("OTHER ESIMS");
  });
});

describe("admin alert", () => {
  it("prefixes the subject and escapes the text", () => {
    const email = renderAdminAlert({
      subject: "eSIM Go balance low",
      text: "Balance $3.10 < cost $4.50 for <order ord_1>",
    });
    expect(email.subject).toBe("[Tern] eSIM Go balance low");
    expect(email.html).toContain("&lt;order ord_1&gt;");
    expect(email.text).toContain("Balance $3.10 < cost $4.50 for <order ord_1>");
  });

  it("does not tag a subject twice", () => {
    expect(renderAdminAlert({ subject: "[Tern] Order ord_1 needs attention", text: "x" }).subject).toBe(
      "[Tern] Order ord_1 needs attention",
    );
  });
});
