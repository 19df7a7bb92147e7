// The account and sign-in pages in German and Spanish, against the production build and the sandbox: a German
// visitor asks for a sign-in link on /de/sign-in, opens it from the inbox and lands on /de/account in German;
// the Spanish "lost your order link?" page answers in Spanish. Each page is axe-clean in its language.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const SANDBOX_URL = process.env.SANDBOX_URL ?? "";

test.beforeAll(() => {
  if (!SANDBOX_URL) throw new Error("SANDBOX_URL is not set (run through `npm run test:e2e`).");
});

interface InboxEmail {
  id: string;
  subject: string;
  text: string | null;
}

async function inbox(to: string): Promise<InboxEmail[]> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox/emails?to=${encodeURIComponent(to)}`);
  return (await res.json()) as InboxEmail[];
}

// The sign-in link, whichever language its confirmation page is in.
const SIGN_IN_LINK = /https?:\/\/\S+?\/(?:(?:de|es)\/)?sign-in\/confirm\?token=[A-Za-z0-9_%-]+/;

const freshEmail = (what: string) => `e2e-${what}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

/** A guest buys a fixed-data Japan plan through the JSON checkout API, paid in the sandbox; resolves once delivered. */
async function buyAsGuest(request: APIRequestContext, email: string): Promise<void> {
  const res = await fetch(`${SANDBOX_URL}/esim-go/v2.4/catalogue?countries=JP&perPage=100`, {
    headers: { "x-api-key": "sandbox-esim-go-key" },
  });
  const { bundles } = (await res.json()) as {
    bundles: { name: string; dataAmount: number; unlimited: boolean; countries: { iso: string }[] }[];
  };
  const bundle = bundles.find((b) => !b.unlimited && b.dataAmount >= 1000 && b.countries.length === 1)!;
  const checkout = await request.post("/api/checkout", { data: { bundle: bundle.name, email } });
  expect(checkout.status()).toBe(201);
  const { checkoutUrl } = (await checkout.json()) as { checkoutUrl: string };
  const sessionId = new URL(checkoutUrl).pathname.split("/").pop()!;
  const paid = await fetch(`${SANDBOX_URL}/_sandbox/stripe/checkout/sessions/${sessionId}/pay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ card: "4242424242424242", email }),
  });
  expect(paid.ok).toBe(true);
  // The delivery email is the address's first.
  await expect.poll(async () => (await inbox(email)).length, { timeout: 30_000 }).toBeGreaterThan(0);
}

async function expectAxeClean(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

test("a German visitor signs in by email link and finds the account and the eSIM in German", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const email = freshEmail("de-sign-in");
  await buyAsGuest(request, email);

  // Signed out, /de/account leads to the German sign-in page, coming back to /de/account.
  await page.goto("/de/account");
  await expect(page).toHaveURL(/\/de\/sign-in\?next=%2Fde%2Faccount/);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmelden");
  await expect(page.getByText("Noch kein Konto?")).toBeVisible();
  await expectAxeClean(page);

  // A refusal from the server is in German too.
  await page.getByLabel("E-Mail-Adresse").fill("keine-adresse");
  await page.getByRole("button", { name: "Anmeldelink per E-Mail senden" }).click();
  await expect(page.locator("#sign-in-error")).toHaveText(
    "Gib eine gültige E-Mail-Adresse ein, zum Beispiel du@example.com.",
  );

  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByRole("button", { name: "Anmeldelink per E-Mail senden" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText("Schau in dein Postfach");
  await expect(status).toContainText(`Wir haben einen Anmeldelink an ${email} geschickt.`);
  await expectAxeClean(page);

  let mail: InboxEmail | undefined;
  await expect
    .poll(async () => (mail = (await inbox(email)).find((m) => SIGN_IN_LINK.test(m.text ?? ""))) !== undefined, {
      timeout: 30_000,
    })
    .toBe(true);
  // The emailed link opens the German confirmation page, whose button spends it.
  const link = SIGN_IN_LINK.exec(mail!.text ?? "")![0];
  expect(new URL(link).pathname).toBe("/de/sign-in/confirm");
  await page.goto(link);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();

  await expect(page).toHaveURL(/\/de\/account$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page).toHaveTitle(/Meine eSIMs/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Meine eSIMs");
  await expect(page.getByText(`Angemeldet als ${email}`)).toBeVisible();
  const card = page.getByTestId("esim-summary");
  await expect(card.getByTestId("esim-status")).toHaveText("Bereit zur Installation");
  await expect(card.getByRole("heading")).toContainText("Japan");
  await expect(card).toContainText(/\d+ Tage ab der ersten Nutzung/);
  await expect(page.getByRole("heading", { name: "Bestellungen" })).toBeVisible();
  await expect(page.getByTestId("order-row")).toContainText("Geliefert");
  await expect(page.getByRole("heading", { name: "Deine Daten" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mein Konto löschen" })).toBeVisible();
  await expectAxeClean(page);

  // The eSIM page, where people install from, keeps the language.
  await card.getByRole("link").click();
  await expect(page).toHaveURL(/\/de\/account\/esims\/\d+$/);
  await expect(page.getByRole("heading", { name: "Installiere deine eSIM" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR-Code für deine eSIM/ })).toBeVisible();
  await expect(page.getByText("Aktivierungscode", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Aktivierungscode kopieren", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "So installierst du sie" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Diese eSIM verwalten" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Datenvolumen hinzufügen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Meine eSIMs" }).first()).toHaveAttribute("href", "/de/account");
  await expectAxeClean(page);
});

test("the Spanish lost-order page asks and answers in Spanish", async ({ page }) => {
  const email = freshEmail("es-lost");
  await page.goto("/es/orders/lost");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page).toHaveTitle(/Encuentra tu pedido/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("¿Has perdido el enlace de tu pedido?");
  await expectAxeClean(page);

  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByRole("button", { name: "Enviarme mis pedidos por correo" }).click();
  const status = page.getByRole("status");
  await expect(status).toContainText("Revisa tu bandeja de entrada");
  await expect(status).toContainText(`Si ${email} tiene pedidos con nosotros`);
  await expectAxeClean(page);
});
