import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, testDbKinds } from "./testing";
import type { DbHandle } from "./index";
import { bundles } from "./schema";

describe.each(testDbKinds())("database on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => handle?.close());

  it("applies the committed migrations and round-trips a bundle with array columns", async () => {
    await handle.db.insert(bundles).values({
      name: "esim_1GB_7D_JP_V2",
      provider: "esim-go",
      description: "eSIM, 1GB, 7 Days, Japan, V2",
      scope: "country",
      countries: ["JP"],
      country: "JP",
      dataMb: 1000,
      durationDays: 7,
      wholesaleMinor: 136,
      wholesaleCurrency: "USD",
      priceMinor: 499,
      currency: "USD",
    });
    const rows = await handle.db
      .select()
      .from(bundles)
      .where(sql`${bundles.countries} @> ARRAY['JP']::text[]`);
    expect(rows.map((r) => r.name)).toEqual(["esim_1GB_7D_JP_V2"]);
    expect(rows[0]?.active).toBe(true);
  });
});
