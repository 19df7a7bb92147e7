// Pages never wait for this: they show stored figures and refresh stale ones in the background.
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { esims, esimUsage } from "@/lib/db/schema";
import { providerFor, type EsimProvider } from "@/lib/providers";
import { recordDueAlerts, sendPendingAlerts } from "./alerts";
import { saveProviderFigures, saveRefreshError } from "./store";
import { log } from "@/lib/observability/logger";

const STALE_AFTER_MS = 5 * 60 * 1000;

export async function refreshUsage(db: Db, iccid: string, provider?: EsimProvider) {
  try {
    const source = provider ?? providerFor(await providerOf(db, iccid));
    if (!source.usage) throw new Error(`${source.name} reports no usage`);
    const { esim, bundles } = await source.usage(iccid);
    const usage = await saveProviderFigures(db, iccid, esim, bundles);
    if (await recordDueAlerts(db, usage).then((k) => k.length > 0)) await sendPendingAlerts(db, { iccid });
    return usage;
  } catch (err) {
    await saveRefreshError(db, iccid, (err as Error).message.slice(0, 500)).catch(() => undefined);
    throw err;
  }
}

async function providerOf(db: Db, iccid: string): Promise<string> {
  const [row] = await db.select({ provider: esims.provider }).from(esims).where(eq(esims.iccid, iccid));
  if (!row) throw new Error(`eSIM ${iccid} is not ours`);
  return row.provider;
}

// A page reloaded ten times asks the provider once.
const inFlight = new Map<string, Promise<unknown>>();

export async function refreshStale(
  db: Db,
  iccids: string[],
  maxAgeMs = STALE_AFTER_MS,
  provider?: EsimProvider,
): Promise<number> {
  if (iccids.length === 0) return 0;
  const rows = await db
    .select({ iccid: esimUsage.iccid, refreshedAt: esimUsage.refreshedAt })
    .from(esimUsage)
    .where(inArray(esimUsage.iccid, iccids));
  const readAt = new Map(rows.map((r) => [r.iccid, r.refreshedAt]));
  const cutoff = Date.now() - maxAgeMs;
  const stale = [...new Set(iccids)].filter((iccid) => (readAt.get(iccid)?.getTime() ?? 0) < cutoff).slice(0, 10);
  let refreshed = 0;
  // Three at a time keeps inside eSIM Go's 10 requests/second (each refresh makes two).
  for (let i = 0; i < stale.length; i += 3) {
    await Promise.all(
      stale.slice(i, i + 3).map((iccid) => {
        let p = inFlight.get(iccid);
        if (!p) {
          p = refreshUsage(db, iccid, provider)
            .then(() => refreshed++)
            .catch((err: unknown) => log.warn({ iccid, err }, "usage refresh failed"))
            .finally(() => inFlight.delete(iccid));
          inFlight.set(iccid, p);
        }
        return p;
      }),
    );
  }
  return refreshed;
}
