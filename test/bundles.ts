// The one bundle seeder: rows shaped like a catalogue sync would write them, for bundles the sandbox sells.
import type { Db } from "@/lib/db";
import { bundles, type NewBundle } from "@/lib/db/schema";

export interface SeedBundle {
  name: string;
  /** ISO code of the one country it covers. */
  country: string;
  dataMb: number;
  durationDays: number;
  wholesaleMinor: number;
  priceMinor: number;
}

const NAMES: Record<string, string> = { GB: "United Kingdom", JP: "Japan" };

export async function seedBundles(db: Db, list: SeedBundle[]): Promise<void> {
  const rows: NewBundle[] = list.map((b) => ({
    name: b.name,
    provider: "esim-go",
    description: `eSIM, ${b.dataMb / 1000}GB, ${b.durationDays} Days, ${NAMES[b.country] ?? b.country}, V2`,
    scope: "country",
    countries: [b.country],
    country: b.country,
    dataMb: b.dataMb,
    durationDays: b.durationDays,
    wholesaleMinor: b.wholesaleMinor,
    wholesaleCurrency: "USD",
    priceMinor: b.priceMinor,
    currency: "USD",
  }));
  await db.insert(bundles).values(rows).onConflictDoNothing();
}
