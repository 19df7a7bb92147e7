// The customer account in a real browser against the production build and the sandbox: buy as a guest,
// sign in by the emailed link, find that eSIM, view its QR (recorded in the access log), watch its data
// go down after the sandbox reports usage, top it up onto the same ICCID, and sign out.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const SANDBOX_URL = process.env.SANDBOX_URL ?? "";

test.beforeAll(() => {
  if (!SANDBOX_URL) throw new Error("SANDBOX_URL is not set (run through `npm run test:e2e`).");
});

async function sandbox<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

interface InboxEmail {
  id: string;
  subject: string;
  text: string | null;
}
interface EsimGoLedger {
  orders: { request: { order: { item: string; iccids?: string[] }[] }; esims: { iccid: string }[] }[];
}

const inbox = (to: string) => sandbox<InboxEmail[]>(`/emails?to=${encodeURIComponent(to)}`);

async function waitForEmail(to: string, subject: RegExp): Promise<InboxEmail> {
  let found: InboxEmail | undefined;
  await expect
    .poll(
      async () => {
        found = (await inbox(to)).find((m) => subject.test(m.subject));
        return Boolean(found);
      },
      { timeout: 30_000, message: `email "${subject}" to ${to}` },
    )
    .toBe(true);
  return found!;
}

/** A Japan bundle with fixed data, straight from the sandbox's eSIM Go catalogue (the shop syncs the same one). */
async function pickBundle(): Promise<{ name: string; dataMb: number }> {
  const res = await fetch(`${SANDBOX_URL}/esim-go/v2.4/catalogue?countries=JP&perPage=100`, {
    headers: { "x-api-key": "sandbox-esim-go-key" },
  });
  const { bundles } = (await res.json()) as {
    bundles: { name: string; dataAmount: number; unlimited: boolean; countries: { iso: string }[] }[];
  };
  const bundle = bundles.find((b) => !b.unlimited && b.dataAmount >= 1000 && b.countries.length === 1);
  if (!bundle) throw new Error("no fixed-data Japan bundle in the sandbox catalogue");
  return { name: bundle.name, dataMb: bundle.dataAmount };
}

/** A guest purchase through the JSON checkout API, paid through the sandbox; resolves once delivered. */
async function buyAsGuest(
  request: APIRequestContext,
  email: string,
): Promise<{ bundle: string; iccid: string; dataMb: number }> {
  const { name: bundle, dataMb } = await pickBundle();
  const res = await request.post("/api/checkout", { data: { bundle, email } });
  expect(res.status()).toBe(201);
  const { checkoutUrl } = (await res.json()) as { checkoutUrl: string };
  const sessionId = new URL(checkoutUrl).pathname.split("/").pop()!;
  await sandbox(`/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
  await waitForEmail(email, /Your eSIM is ready/);
  const ledger = await sandbox<EsimGoLedger>("/esim-go/orders");
  const order = ledger.orders.filter((o) => o.request.order[0]?.item === bundle).at(-1)!;
  return { bundle, iccid: order.esims[0]!.iccid, dataMb };
}

async function signInByEmail(page: Page, email: string): Promise<void> {
  await page.goto("/account");
  // Signed out: the proxy sends /account to the sign-in page and remembers where we were going.
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount/);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("Check your inbox");
  const mail = await waitForEmail(email, /sign-in link/);
  const link = SIGN_IN_LINK.exec(mail.text ?? "")?.[0];
  expect(link).toBeTruthy();
  // Opening the link signs nobody in (mail scanners open links too): the button on the page does.
  await page.goto(link!);
  await expect(page).toHaveURL(/\/sign-in\/confirm\?token=/);
  expect((await page.context().cookies()).some((c) => c.name === "tern_session")).toBe(false);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  // The link is single-use.
  await page.context().clearCookies();
  await page.goto(link!);
  await expect(page.getByText("That sign-in link has expired or was already used.")).toBeVisible();
  await page.goto(link!.replace(/token=.*/, "token=forged"));
  await expect(page.getByText("That sign-in link has expired or was already used.")).toBeVisible();
}

const SIGN_IN_LINK = /https?:\/\/\S+\/sign-in\/confirm\?token=[A-Za-z0-9_%-]+/;

test("a guest buys, signs in by email link, installs, watches usage and tops up", async ({ page, request }) => {
  test.setTimeout(120_000);
  const email = `e2e-account-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const { iccid, dataMb } = await buyAsGuest(request, email);

  await signInByEmail(page, email);
  // Sign in again (the previous check cleared the cookie): a fresh link this time.
  await page.goto("/sign-in?next=/account");
  await page.getByLabel("Email address").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await expect.poll(async () => (await inbox(email)).filter((m) => /sign-in link/.test(m.subject)).length).toBe(2);
  const latest = (await inbox(email)).find((m) => /sign-in link/.test(m.subject))!;
  await page.goto(SIGN_IN_LINK.exec(latest.text ?? "")![0]);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);

  // The eSIM bought as a guest is on the account.
  const card = page.locator(`[data-testid="esim-summary"][data-iccid="${iccid}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId("esim-status")).toHaveText("Ready to install");
  await expect(page.getByTestId("order-row")).toHaveCount(1);

  // Its page: the QR, the manual codes, and the view recorded in the access log.
  await card.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/account/esims/${iccid}$`));
  await expect(page.getByTestId("esim-qr").locator("svg")).toBeVisible();
  await expect(page.getByTestId("activation-code")).not.toBeEmpty();
  await expect(page.getByTestId("access-log").locator("tbody tr")).toHaveCount(1);

  // The sandbox reports 40 % used; its signed callback reaches the app and the page shows the new figure.
  const used = Math.round(dataMb * 1_000_000 * 0.4);
  await sandbox(`/esim-go/esims/${iccid}/usage`, { usedBytes: used });
  const leftMb = Math.round((dataMb * 1_000_000 - used) / 1_000_000);
  const expected = leftMb >= 1000 ? `${(leftMb / 1000).toFixed(2).replace(/\.?0+$/, "")} GB left` : `${leftMb} MB left`;
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("data-left").first().textContent();
      },
      { timeout: 20_000 },
    )
    .toBe(expected);
  await expect(page.getByTestId("esim-status")).toHaveText("Active");
  // Every view was recorded: the first visit and each reload.
  expect(await page.getByTestId("access-log").locator("tbody tr").count()).toBeGreaterThan(1);

  // Another eSIM (not ours) is a 404, as is a made-up ICCID.
  const notOurs = await page.goto("/account/esims/8944000000000000000");
  expect(notOurs?.status()).toBe(404);
  await page.goto(`/account/esims/${iccid}`);

  // Top up: a compatible plan, paid on the hosted checkout, bought onto the same ICCID.
  const options = page.getByTestId("top-up-options");
  await expect(options).toBeVisible();
  await options
    .getByRole("button", { name: /Top up/ })
    .first()
    .click();
  await page.waitForURL(/\/checkout\/pay\/cs_test_/);
  await page.getByLabel("Card number").fill("4242424242424242");
  await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByLabel("Name on card").fill("Erin Example");
  await page.getByLabel(/I agree to the Terms of service/).check();
  await page.getByRole("button", { name: /^Pay / }).click();
  await waitForEmail(email, /Data added to your eSIM/);
  const ledger = await sandbox<EsimGoLedger>("/esim-go/orders");
  expect(ledger.orders.filter((o) => o.request.order[0]?.iccids?.includes(iccid))).toHaveLength(1);

  await page.goto(`/account/esims/${iccid}`);
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("bundle-history").locator("li").count();
      },
      { timeout: 20_000 },
    )
    .toBe(2);

  // Sign out: the session is revoked and the account is closed again.
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a customer confirms the install and suspends and restores the eSIM, at phone width, accessibly", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const email = `e2e-controls-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const { iccid } = await buyAsGuest(request, email);
  await signInByEmail(page, email);
  // signInByEmail ends signed out (it checks the link is spent): sign in again with a fresh link.
  await page.goto("/sign-in?next=/account");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect.poll(async () => (await inbox(email)).filter((m) => /sign-in link/.test(m.subject)).length).toBe(2);
  const latest = (await inbox(email)).find((m) => /sign-in link/.test(m.subject))!;
  await page.goto(SIGN_IN_LINK.exec(latest.text ?? "")![0]);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/account/esims/${iccid}`);
  const panel = page.getByRole("region", { name: "Manage this eSIM" });

  // eSIM Go has no suspend call: the page says what suspending here does and does not do.
  await expect(panel).toContainText("It does not switch the eSIM off");
  // Each control re-renders the panel in its new state (the button that was pressed is gone with its message).
  await panel.getByRole("button", { name: "I've installed it" }).click();
  await expect(panel.getByText("Installed on your phone.")).toBeVisible();
  await page.reload();
  await expect(panel.getByText("Installed on your phone.")).toBeVisible();
  await expect(panel.getByRole("button", { name: "I've installed it" })).toHaveCount(0);

  await panel.getByRole("button", { name: "Suspend eSIM" }).click();
  await expect(panel.getByTestId("esim-suspended")).toBeVisible();
  await page.reload();
  await expect(panel.getByTestId("esim-suspended")).toBeVisible();
  // The title may stream in after the body (Next streams metadata): check the finished page.
  await expect(page).toHaveTitle(/\S/);
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await panel.getByRole("button", { name: "Restore eSIM" }).click();
  await expect(panel.getByRole("button", { name: "Suspend eSIM" })).toBeVisible();
  await expect(panel.getByTestId("esim-suspended")).toHaveCount(0);
  await page.reload();
  await expect(panel.getByRole("button", { name: "Suspend eSIM" })).toBeVisible();
});
