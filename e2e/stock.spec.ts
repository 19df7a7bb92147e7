// Managed stock in a real browser against the production build and the sandbox: the sandbox admin signs in,
// imports a file with a bad line (nothing imported, the line reported), then a good one for a Portugal
// bundle; a buyer buys that bundle in the browser and receives the imported eSIM — its activation code on the
// success page and in the delivery email — and eSIM Go sold nothing. The order page shows the provisioning log.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInByEmail } from "./support/sign-in";

const SANDBOX_URL = process.env.SANDBOX_URL ?? "";
// An admin of its own (scripts/e2e.ts): sign-in links are limited per address.
const ADMIN = "stock-admin@tern.test";

test.beforeAll(() => {
  if (!SANDBOX_URL) throw new Error("SANDBOX_URL is not set (run through `npm run test:e2e`).");
});

async function sandbox<T>(route: string): Promise<T> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox${route}`);
  if (!res.ok) throw new Error(`sandbox ${route} → ${res.status}`);
  return (await res.json()) as T;
}

interface InboxEmail {
  id: string;
  subject: string;
  text: string | null;
}
const inbox = (to: string) => sandbox<InboxEmail[]>(`/emails?to=${encodeURIComponent(to)}`);

/** The first email matching `subject` that is not among `seen` (earlier specs share the admin's inbox). */
async function waitForEmail(to: string, subject: RegExp, seen: Set<string> = new Set()): Promise<InboxEmail> {
  const fresh = async () => (await inbox(to)).filter((m) => subject.test(m.subject) && !seen.has(m.id));
  await expect.poll(async () => (await fresh()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  return sandbox<InboxEmail>(`/emails/${(await fresh())[0]!.id}`);
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
function newIccid(): string {
  const body = "8935" + Array.from(randomBytes(14), (b) => String(b % 10)).join("");
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error("unreachable");
}

async function signInAsAdmin(page: Page) {
  await signInByEmail(page, SANDBOX_URL, ADMIN, "/admin/stock");
}

async function expectAccessible(page: Page) {
  // The title may stream in after the body (Next streams metadata): check the finished page.
  await expect(page).toHaveTitle(/\S/);
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${page.url()} ${v.id}: ${v.help}`)).toEqual([]);
}

test("an admin imports stock, a buyer buys that bundle in the browser and receives the imported eSIM", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));

  // The bundle a buyer will pick: the first plan on the Portugal page (no other spec buys Portugal).
  await page.goto("/destinations/portugal");
  const card = page.getByTestId("bundle-card").first();
  const bundle = (await card.getAttribute("data-bundle")) ?? "";
  expect(bundle).not.toBe("");

  await signInAsAdmin(page);
  await expect(page.getByRole("heading", { name: "Stock", level: 1 })).toBeVisible();
  const iccid = newIccid();
  const activation = `E2E-${randomBytes(4).toString("hex").toUpperCase()}`;
  const good = `${iccid},${bundle},LPA:1$rsp.carrier.test$${activation}`;

  // One bad line (fails Luhn) in the file: nothing imported, that line reported.
  const badIccid = iccid.slice(0, -1) + String((Number(iccid.at(-1)) + 1) % 10);
  await page
    .getByLabel(/Or paste the lines/)
    .fill(`iccid,bundle,lpa\n${good}\n${badIccid},${bundle},LPA:1$rsp.carrier.test$X-1`);
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByText(/Nothing imported: 1 of 2 lines have problems/)).toBeVisible();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("3");
  await expect(report).toContainText("ICCID fails the Luhn check");
  await expectAccessible(page);

  // The refused lines stay in the form to be fixed there: the bad line dropped, the file imports whole.
  const pasted = page.getByLabel(/Or paste the lines/);
  await expect(pasted).toHaveValue(new RegExp(badIccid));
  await pasted.fill(`iccid,bundle,lpa\n${good}`);
  await page.getByLabel(/Batch name/).fill("e2e");
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByText("Imported 1 eSIMs.")).toBeVisible();
  await expect(page.getByTestId("import-report")).toHaveCount(0);
  // Past the Server Action body cap the browser refuses before sending, and says where larger files go.
  await pasted.fill(`iccid,bundle,lpa\n${`${good}\n`.repeat(1200)}`);
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByText(/can be imported here\. Use npm run stock:import/)).toBeVisible();
  await page.reload();
  const row = page.getByTestId("stock-overview").getByRole("row").filter({ hasText: bundle });
  await expect(row.getByRole("cell").nth(1)).toHaveText("1");
  await expectAccessible(page);

  // A buyer (a browser of their own) buys that bundle.
  const buyer = await browser.newPage();
  const email = `e2e-stock-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const ledgerBefore = (await sandbox<{ orders: unknown[] }>("/esim-go/orders")).orders.length;
  await buyer.goto(`/bundles/${bundle}`);
  await buyer.getByLabel(/Email for your eSIM/).fill(email);
  await buyer.getByRole("button", { name: /Buy now/ }).click();
  await buyer.waitForURL(/\/checkout\/pay\/cs_test_/);
  await buyer.getByLabel("Card number").fill("4242 4242 4242 4242");
  await buyer.getByLabel("Expiration (MM / YY)").fill("12 / 34");
  await buyer.getByLabel("CVC").fill("123");
  await buyer.getByLabel("Name on card").fill("Erin Example");
  await buyer.getByLabel(/I agree to the Terms of service/).check();
  await buyer.getByRole("button", { name: /^Pay / }).click();
  await buyer.waitForURL((url) => url.pathname === "/checkout/success");
  await expect(buyer.getByTestId("esim-card")).toBeVisible({ timeout: 30_000 });
  const lpa = `LPA:1$rsp.carrier.test$${activation}`;
  await expect(buyer.getByTestId("lpa")).toHaveText(lpa);
  const orderId = (await buyer.getByTestId("order-status").getAttribute("data-order-id")) ?? "";

  const mail = await waitForEmail(email, /Your eSIM is ready/);
  expect(mail.text).toContain(activation);
  expect(mail.text).toContain(iccid);
  // Sold from stock: eSIM Go sold nothing for it.
  expect((await sandbox<{ orders: unknown[] }>("/esim-go/orders")).orders.length).toBe(ledgerBefore);

  // The admin sees the row assigned and the reservation in the order's provisioning log.
  await page.goto(`/admin/stock?bundle=${encodeURIComponent(bundle)}`);
  await expect(page.getByRole("row").filter({ hasText: iccid })).toContainText("assigned");
  await page.goto(`/admin/orders/${orderId}`);
  const log = page.getByTestId("provisioning-log");
  await expect(log).toContainText("reserve: reserved");
  await expect(log).toContainText("assign: assigned");
  await expect(log).not.toContainText(activation);
  await expectAccessible(page);
  expect(errors).toEqual([]);
});
