// The security headers in a real browser: pages under both Content-Security-Policy flavours load, hydrate
// and run their scripts with no CSP violation or console error.
import { expect, test, type Page } from "@playwright/test";

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.location().url.endsWith("/favicon.ico")) problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

test("catalogue, bundle, sign-in and lost-link pages run their scripts under the CSP, with no violation", async ({
  page,
}) => {
  const problems = watch(page);
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  for (const path of ["/", "/destinations/japan", "/sign-in", "/orders/lost"]) {
    const res = await page.goto(path);
    expect(res?.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    // Next's runtime booted: its scripts (inline data and chunks) were allowed to run.
    await expect
      .poll(() => page.evaluate(() => Boolean((window as { next?: unknown }).next)), { message: path })
      .toBe(true);
  }
  // A client-side navigation from a cached page into a bundle page still works.
  await page.goto("/destinations/japan");
  await page.getByTestId("bundle-card").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/bundles\//);
  await expect(page.getByRole("button", { name: /Buy now/ })).toBeVisible();
  // The sign-in form works with JavaScript (the server action answers in place).
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(`e2e-csp-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("Check your inbox");
  expect(problems).toEqual([]);
});
