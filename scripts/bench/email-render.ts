// CPU of one paid order's two customer emails (the delivery email with its QR and the receipt), rendered in
// this process without the stack: `npx tsx scripts/bench/email-render.ts [n] [locale]`.
import { renderEsimDeliveredEmail } from "@/lib/delivery/templates/esim-delivered";
import { renderReceiptEmail } from "@/lib/delivery/templates/receipt";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { sampleEsim, sampleShop } from "@/test/emails";

const n = Number(process.argv[2] ?? 300);
const locale: Locale = isLocale(process.argv[3]) ? process.argv[3] : "en";

const shop = sampleShop;

const delivery = (i: number) =>
  renderEsimDeliveredEmail({
    orderId: `ord_01J9Z6${i}`,
    orderUrl: `https://shop.example/orders/ord_01J9Z6${i}?t=secret-token_123`,
    bundleTitle: "Japan 5 GB, 30 days",
    ...sampleEsim,
    kind: "new",
    helpUrl: "https://shop.example/help/install",
    locale,
    shop,
  });

const receipt = (i: number) =>
  renderReceiptEmail({
    orderId: `ord_01J9Z6${i}`,
    paidAt: new Date(Date.UTC(2026, 11, 7, 9, 12, i % 60)),
    bundleTitle: "Japan 5 GB, 30 days",
    description: "5 GB of data for 30 days in Japan",
    amountMinor: 1299 + i,
    currency: "USD",
    card: { brand: "visa", last4: "4242" },
    refundedMinor: null,
    customerEmail: "erin@example.com",
    receiptUrl: `https://shop.example/orders/ord_01J9Z6${i}/receipt?r=sig`,
    locale,
    shop,
  });

async function measure(label: string, render: (i: number) => Promise<{ html: string; text: string }>) {
  // Warm-up: module loading and V8's first compilations are not per-order cost.
  for (let i = 0; i < 30; i++) await render(i);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const email = await render(i);
    bytes += email.html.length + email.text.length;
  }
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `${label} (${locale}): ${(cpuMs / n).toFixed(2)} ms CPU, ${(wall / n).toFixed(2)} ms wall per render (html + text), ${Math.round(bytes / n)} chars`,
  );
  return cpuMs / n;
}

const d = await measure("delivery email", delivery);
const r = await measure("receipt email", receipt);
console.log(`per paid order (both emails): ${(d + r).toFixed(2)} ms CPU`);
