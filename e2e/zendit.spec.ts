// The shop on Zendit alone (ESIM_PROVIDERS=zendit), black-box: its own production server and sandbox. A
// buyer picks a Japan plan in the browser, pays on the hosted checkout, and gets the QR of the eSIM Zendit
// issued — on the success page and by email — with the wallet funded on the way, and eSIM Go never called.
import { expect, test } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { startStack, type Stack } from "../scripts/lib/processes";
import { control, throwawayDatabase, type EsimGoLedger } from "./support/stack";

interface ZenditPurchase {
  transactionId: string;
  offerId: string;
  status: string;
  confirmation?: { iccid: string; activationCode: string; smdpAddress?: string };
}
interface Email {
  id: string;
  subject: string;
  attachments: { filename: string; contentId: string | null; content?: string | null }[];
}

const decodeQr = (png: Buffer) => {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
};

test("ESIM_PROVIDERS=zendit: buy a Japan plan in the browser and receive the Zendit eSIM's QR", async ({ browser }) => {
  test.setTimeout(240_000);
  const db = await throwawayDatabase();
  let stack: Stack | undefined;
  try {
    stack = await startStack({
      databaseUrl: db.url,
      appEnv: { ESIM_PROVIDERS: "zendit", CRON_SECRET: "zendit-spec-cron", PLAN_HOTSPOT: "zendit=blocked" },
      quiet: process.env.E2E_VERBOSE !== "1",
    });
    // The build's page cache is shared with the specs before this one (eSIM Go's catalogue): a sync through
    // the cron route revalidates the catalogue tag, as an operator's first sync would.
    const sync = await fetch(`${stack.appUrl}/api/cron/sync-catalogue`, {
      headers: { authorization: "Bearer zendit-spec-cron" },
    });
    expect(sync.status).toBe(200);
    const sandbox = control(stack.sandboxUrl);
    const page = await (await browser.newContext({ baseURL: stack.appUrl })).newPage();
    const email = `zendit-${Date.now().toString(36)}@example.com`;

    await page.goto("/destinations/japan");
    const card = page.getByTestId("bundle-card").first();
    const bundle = (await card.getAttribute("data-bundle")) ?? "";
    // Only Zendit's offers are on sale.
    expect(bundle).toMatch(/^ESIM-/);
    await card.getByRole("link").click();
    // Zendit adds plans to an eSIM it issued: the plan page may say so.
    await expect(page.getByTestId("plan-topups")).toHaveText(/^Top-ups available/);
    await expect(page.getByTestId("plan-hotspot")).toHaveText(/^No hotspot: this plan's data is for the phone/);
    // Zendit does not say when the validity starts: the page does not claim "first connection".
    await expect(page.getByText(/This network does not say whether the validity period starts/)).toBeVisible();
    await expect(page.getByText(/starts when the eSIM first connects/)).toHaveCount(0);
    await page.getByLabel(/Email for your eSIM/).fill(email);
    await page.getByRole("button", { name: /Buy now/ }).click();
    await page.waitForURL(/\/checkout\/pay\/cs_test_/);
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
    await page.getByLabel("CVC").fill("123");
    await page.getByLabel("Name on card").fill("Erin Example");
    await page.getByLabel(/I agree to the Terms of service/).check();
    await page.getByRole("button", { name: /^Pay / }).click();

    await page.waitForURL((url) => url.pathname === "/checkout/success");
    await expect(page.getByTestId("esim-card")).toBeVisible({ timeout: 90_000 });
    const lpaOnPage = (await page.getByTestId("lpa").textContent()) ?? "";

    // The code shown is the one Zendit issued for this offer; eSIM Go sold nothing.
    const purchases = await sandbox<ZenditPurchase[]>("GET", "/zendit/purchases");
    const done = purchases.filter((p) => p.offerId === bundle && p.status === "DONE");
    expect(done).toHaveLength(1);
    const code = done[0]!.confirmation!.activationCode;
    const lpa = code.startsWith("LPA:") ? code : `LPA:1$${done[0]!.confirmation!.smdpAddress}$${code}`;
    expect(lpaOnPage).toBe(lpa);
    expect(decodeQr(await page.getByTestId("esim-qr").screenshot())).toBe(lpa);
    expect((await sandbox<EsimGoLedger>("GET", "/esim-go/orders")).orders).toHaveLength(0);

    // One delivery email (a receipt follows it), its QR the same eSIM.
    let mail: Email | undefined;
    await expect
      .poll(
        async () => {
          const list = await sandbox<Email[]>("GET", `/emails?to=${encodeURIComponent(email)}`);
          mail = list.find((m) => /your esim is ready/i.test(m.subject));
          return list.filter((m) => /your esim is ready/i.test(m.subject)).length;
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    const full = await sandbox<Email>("GET", `/emails/${mail!.id}`);
    const attached = full.attachments.find((a) => a.filename === "esim-qr.png" && a.content);
    expect(decodeQr(Buffer.from(attached!.content!, "base64"))).toBe(lpa);
  } finally {
    await stack?.stop();
    await db.drop();
  }
});
