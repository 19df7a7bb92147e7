// The shop's face as a careful traveller meets it, at desktop and phone widths: who the shop is and its
// policies from the footer, the policy links by the Buy button, Stripe's terms tick before paying, the receipt
// by email and as a printable page, and a refund the customer hears about.
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

const SANDBOX_URL = process.env.SANDBOX_URL ?? "";

test.beforeAll(() => {
  if (!SANDBOX_URL) throw new Error("SANDBOX_URL is not set (run through `npm run test:e2e`).");
});

interface InboxEmail {
  id: string;
  subject: string;
  text: string | null;
  html: string | null;
}

async function inbox(to: string): Promise<InboxEmail[]> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox/emails?to=${encodeURIComponent(to)}`);
  return (await res.json()) as InboxEmail[];
}

async function waitForEmail(to: string, subject: RegExp): Promise<InboxEmail> {
  let found: InboxEmail | undefined;
  await expect
    .poll(async () => ((found = (await inbox(to)).find((e) => subject.test(e.subject))) ? found.subject : null), {
      timeout: 30_000,
    })
    .toMatch(subject);
  const res = await fetch(`${SANDBOX_URL}/_sandbox/emails/${found!.id}`);
  return (await res.json()) as InboxEmail;
}

async function axeClean(page: Page): Promise<void> {
  // The title may stream in after the body (Next streams metadata): check the finished page.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function noSideways(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const width of [1280, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width > 500 ? 900 : 844 } });

    test("the footer leads to the terms, refund policy, privacy policy, contact and FAQ, each naming the shop", async ({
      page,
    }) => {
      await page.goto("/");
      const footer = page.getByRole("contentinfo");
      for (const [label, heading] of [
        ["Terms of service", "Terms of service"],
        ["Refund policy", "Refund policy"],
        ["Privacy policy", "Privacy policy"],
        ["Contact us", "Contact us"],
        ["FAQ", "Frequently asked questions"],
      ] as const) {
        await page.goto("/");
        await footer.getByRole("link", { name: label, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
        await expect(page.getByRole("main")).toContainText("Tern Sandbox Ltd");
        await axeClean(page);
        await noSideways(page);
      }
      // What the privacy policy promises, with the processors named.
      await page.goto("/privacy");
      for (const processor of ["Stripe", "eSIM Go", "Zendit", "Supabase", "Resend"])
        await expect(page.getByRole("main")).toContainText(processor);
      await expect(page.getByRole("main").getByRole("link", { name: "your account page" })).toHaveAttribute(
        "href",
        "/account",
      );
      // Contact us is a link, with the support address.
      await page.goto("/contact");
      await expect(page.getByRole("main").getByRole("link", { name: "support@tern.example" })).toHaveAttribute(
        "href",
        "mailto:support@tern.example",
      );
    });

    test("buy box policies, Stripe's terms tick, the receipt, and a refund the customer hears about", async ({
      page,
    }) => {
      const email = `face-${width}-${Date.now()}@example.com`;
      await page.goto("/destinations/japan");
      await page.getByTestId("bundle-card").first().getByRole("link").click();
      const policies = page.getByTestId("buy-box-policies");
      await expect(policies.getByRole("link", { name: "terms" })).toHaveAttribute("href", "/terms");
      await expect(policies.getByRole("link", { name: "refund policy" })).toHaveAttribute("href", "/refund-policy");
      await page.getByLabel(/Email for your eSIM/).fill(email);
      await page.getByRole("button", { name: /Buy now/ }).click();
      await page.waitForURL(/\/checkout\/pay\/cs_test_/);

      // Stripe's page carries our terms and refuses to take the money without the tick.
      const consent = page.getByLabel(/I agree to the Terms of service/);
      await expect(page.getByRole("link", { name: "Terms of service" })).toHaveAttribute("href", /\/terms$/);
      await expect(page.getByText(/Your eSIM arrives by email within seconds/)).toBeVisible();
      await page.getByLabel("Card number").fill("4242 4242 4242 4242");
      await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
      await page.getByLabel("CVC").fill("123");
      await page.getByRole("button", { name: /^Pay / }).click();
      await expect(page.getByRole("alert")).toContainText("You must agree to the terms of service");
      await page.getByLabel("Card number").fill("4242 4242 4242 4242");
      await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
      await page.getByLabel("CVC").fill("123");
      await consent.check();
      await page.getByRole("button", { name: /^Pay / }).click();
      await page.waitForURL(/\/checkout\/success/);

      // The receipt email, its link to the printable page, and what that page says.
      const receipt = await waitForEmail(email, /^Your receipt from Tern/);
      expect(receipt.text).toContain("Visa ending 4242");
      expect(receipt.html).toContain("/email-logo.png");
      const link = /https?:\/\/\S+\/orders\/(ord_\w+)\/receipt\?r=[\w-]+/.exec(receipt.text ?? "");
      expect(link).not.toBeNull();
      const receiptPath = new URL(link![0]).pathname + new URL(link![0]).search;
      await page.goto(receiptPath);
      await expect(page.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();
      await expect(page.getByTestId("receipt-card")).toHaveText("Visa ending 4242");
      await expect(page.getByRole("main")).toContainText("Tern Sandbox Ltd");
      await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
      await axeClean(page);
      await noSideways(page);

      // A stranger with the order id alone sees nothing.
      const stranger = await page.context().browser()!.newPage();
      const res = await stranger.goto(`/orders/${link![1]}/receipt`);
      expect(res?.status()).toBe(404);
      await stranger.close();

      // Someone refunds part of it in Stripe's dashboard: the customer is told, and the receipt shows it.
      const total = Number(((await page.getByTestId("receipt-total").textContent()) ?? "").replace(/[^\d]/g, ""));
      const pi = await paymentIntentOf(link![1]!);
      const refund = await fetch(`${SANDBOX_URL}/v1/refunds`, {
        method: "POST",
        headers: {
          authorization: `Bearer sk_test_tern_sandbox`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ payment_intent: pi, amount: "100" }),
      });
      expect(refund.status).toBe(200);
      const notice = await waitForEmail(email, /^Refund of \$1\.00/);
      expect(notice.text).toContain("refunded so far");
      await expect.poll(async () => (await page.reload(), await page.getByTestId("receipt-refund").count())).toBe(1);
      await expect(page.getByTestId("receipt-refund")).toContainText("$1.00");
      expect(total).toBeGreaterThan(100);
    });
  });
}

/** The PaymentIntent of the order's paid session, as Stripe's dashboard would show it. */
async function paymentIntentOf(orderId: string): Promise<string> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox/stripe/sessions`);
  const { sessions } = (await res.json()) as { sessions: { client_reference_id: string; payment_intent: string }[] };
  const session = sessions.find((s) => s.client_reference_id === orderId);
  expect(session?.payment_intent).toBeTruthy();
  return session!.payment_intent;
}
