// Plan URLs that last, black-box against the production build: a plan page is never served from another
// server's (or another database's) cached copy as retired while this shop lists it, and a retired plan the
// shop still sells under another name answers 308 to it, with the sitemap listing only the live name.
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { startStack, type Stack } from "../scripts/lib/processes";
import { throwawayDatabase } from "./support/stack";

const quiet = process.env.E2E_VERBOSE !== "1";

async function japanPlans(appUrl: string): Promise<string[]> {
  const html = await (await fetch(`${appUrl}/destinations/japan`)).text();
  return [...new Set([...html.matchAll(/href="\/bundles\/([^"?#]+)"/g)].map((m) => decodeURIComponent(m[1]!)))];
}

const robotsOf = (html: string) => /<meta name="robots" content="([^"]*)"/.exec(html)?.[1] ?? "";

test.describe("plan URLs", () => {
  test.skip(!process.env.TEST_DATABASE_URL, "needs TEST_DATABASE_URL (two servers, each on its own database)");

  test("a plan retired on one server's database is served as listed by a fresh server on another", async () => {
    test.setTimeout(300_000);
    const [db1, db2] = [await throwawayDatabase(), await throwawayDatabase()];
    let first: Stack | undefined;
    let second: Stack | undefined;
    try {
      first = await startStack({ databaseUrl: db1.url, quiet });
      const [plan] = await japanPlans(first.appUrl);
      expect(plan).toBeTruthy();
      // On the first server's database the plan is retired (an admin disabled it): its page says so.
      const sql = postgres(db1.url!, { max: 1, onnotice: () => {} });
      await sql`update bundles set active = false where name = ${plan!}`;
      await sql.end();
      const retired = await (await fetch(`${first.appUrl}/bundles/${encodeURIComponent(plan!)}`)).text();
      expect(robotsOf(retired)).toContain("noindex");
      await first.stop();
      first = undefined;

      // A fresh server from the same build, on a database that lists the plan, sells it.
      second = await startStack({ databaseUrl: db2.url, quiet });
      expect(await japanPlans(second.appUrl)).toContain(plan);
      const res = await fetch(`${second.appUrl}/bundles/${encodeURIComponent(plan!)}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(robotsOf(html)).not.toContain("noindex");
      expect(html).toContain("Buy now");
      expect(html).not.toContain("This plan is no longer available");
    } finally {
      await first?.stop();
      await second?.stop();
      await db1.drop();
      await db2.drop();
    }
  });

  test("a plan the sync moved to another name answers 308 there, and the sitemap lists only the live name", async () => {
    test.setTimeout(240_000);
    const db = await throwawayDatabase();
    let stack: Stack | undefined;
    try {
      stack = await startStack({ databaseUrl: db.url, quiet });
      const plans = await japanPlans(stack.appUrl);
      const moved = plans.at(-1)!;
      // What the sync writes when the other provider sells the same plan at a better margin: the new row listed,
      // the old one kept inactive as its fallback (same equivalence key).
      const sql = postgres(db.url!, { max: 1, onnotice: () => {} });
      const successor = `ZENDIT-${moved}`;
      await sql`insert into bundles (name, provider, description, scope, countries, country, region, data_mb, unlimited,
          duration_days, speeds, autostart, wholesale_minor, wholesale_currency, price_minor, currency, active,
          equivalence_key, fallback_bundle)
        select ${successor}, 'zendit', description, scope, countries, country, region, data_mb, unlimited,
          duration_days, speeds, autostart, wholesale_minor - 1, wholesale_currency, price_minor, currency, true,
          equivalence_key, name
        from bundles where name = ${moved}`;
      await sql`update bundles set active = false where name = ${moved}`;
      await sql.end();

      const res = await fetch(`${stack.appUrl}/bundles/${encodeURIComponent(moved)}`, { redirect: "manual" });
      expect(res.status).toBe(308);
      expect(new URL(res.headers.get("location")!, stack.appUrl).pathname).toBe(
        `/bundles/${encodeURIComponent(successor)}`,
      );
      const landed = await fetch(`${stack.appUrl}/bundles/${encodeURIComponent(moved)}`);
      expect(landed.status).toBe(200);
      expect(await landed.text()).toContain("Buy now");

      const sitemap = await (await fetch(`${stack.appUrl}/sitemap.xml`)).text();
      expect(sitemap).toContain(`/bundles/${encodeURIComponent(successor)}<`);
      expect(sitemap).not.toContain(`/bundles/${encodeURIComponent(moved)}<`);

      // A retired plan with nothing equivalent keeps its page (orders and old links), marked noindex.
      const gone = plans[0]!;
      const sql2 = postgres(db.url!, { max: 1, onnotice: () => {} });
      await sql2`update bundles set active = false, equivalence_key = null where name = ${gone}`;
      await sql2.end();
      const kept = await fetch(`${stack.appUrl}/bundles/${encodeURIComponent(gone)}`, { redirect: "manual" });
      expect(kept.status).toBe(200);
      expect(robotsOf(await kept.text())).toContain("noindex");
    } finally {
      await stack?.stop();
      await db.drop();
    }
  });
});
