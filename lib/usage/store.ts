// Read FOR UPDATE, merge, write back in one transaction, so a callback and a refresh never lose each other's
// figures.
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";
import { esims, esimUsage, type EsimUsage, type UsageBundle } from "@/lib/db/schema";
import type { UsageReading } from "@/lib/providers/types";
import { applyCallback, bundlesFromListing, currentBundle } from "./figures";
import type { CallbackBundle } from "./callback";

type Q = Db | Tx;

export async function esimExists(db: Q, iccid: string): Promise<boolean> {
  const [row] = await db.select({ iccid: esims.iccid }).from(esims).where(eq(esims.iccid, iccid)).limit(1);
  return Boolean(row);
}

async function updateUsage(tx: Tx, iccid: string, change: (prev: EsimUsage) => Partial<EsimUsage>): Promise<EsimUsage> {
  await tx.insert(esimUsage).values({ iccid }).onConflictDoNothing();
  const [prev] = await tx.select().from(esimUsage).where(eq(esimUsage.iccid, iccid)).for("update");
  const patch = change(prev!);
  const bundles = patch.bundles ?? prev!.bundles;
  const current = currentBundle(bundles);
  const [row] = await tx
    .update(esimUsage)
    .set({
      ...patch,
      bundles,
      bundleName: current?.name ?? null,
      bundleReference: current?.reference ?? null,
      bundleState: current?.state ?? null,
      initialBytes: current?.initialBytes ?? null,
      remainingBytes: current?.remainingBytes ?? null,
      unlimited: current?.unlimited ?? false,
      startTime: current?.startTime ? new Date(current.startTime) : null,
      endTime: current?.endTime ? new Date(current.endTime) : null,
    })
    .where(eq(esimUsage.iccid, iccid))
    .returning();
  return row!;
}

export function saveCallbackFigures(
  tx: Tx,
  iccid: string,
  alertType: string,
  bundle: CallbackBundle | null,
  now = new Date(),
): Promise<EsimUsage> {
  return updateUsage(tx, iccid, (prev) => ({
    ...(bundle ? { bundles: applyCallback(prev.bundles, alertType, bundle) } : {}),
    ...(alertType.toLowerCase() === "firstuse"
      ? { firstUsedAt: prev.firstUsedAt ?? (bundle?.startTime ? new Date(bundle.startTime) : now) }
      : {}),
  }));
}

export function saveDeletionScheduled(tx: Tx, iccid: string, at: Date): Promise<EsimUsage> {
  return updateUsage(tx, iccid, () => ({ deletionScheduledAt: at }));
}

function parseProviderTime(v: string | number | undefined | null): Date | null {
  if (v === undefined || v === null || v === "") return null;
  const d = typeof v === "number" ? new Date(v) : /^\d+$/.test(v) ? new Date(Number(v)) : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function saveProviderFigures(
  db: Db,
  iccid: string,
  esim: UsageReading["esim"],
  listing: UsageReading["bundles"],
  now = new Date(),
): Promise<EsimUsage> {
  return db.transaction((tx) =>
    updateUsage(tx, iccid, (prev) => {
      const bundles: UsageBundle[] = bundlesFromListing(listing, prev.bundles);
      const running = bundles.some((b) => b.state === "active" || b.state === "depleted");
      return {
        bundles,
        profileStatus: esim.profileStatus ?? prev.profileStatus,
        firstInstalledAt: parseProviderTime(esim.firstInstalledDateTime) ?? prev.firstInstalledAt,
        firstUsedAt: prev.firstUsedAt ?? (running ? now : null),
        refreshedAt: now,
        refreshError: null,
      };
    }),
  );
}

export async function saveRefreshError(db: Db, iccid: string, message: string): Promise<void> {
  await db
    .insert(esimUsage)
    .values({ iccid, refreshError: message })
    .onConflictDoUpdate({ target: esimUsage.iccid, set: { refreshError: message } });
}

export async function getUsage(db: Q, iccid: string): Promise<EsimUsage | null> {
  const [row] = await db.select().from(esimUsage).where(eq(esimUsage.iccid, iccid)).limit(1);
  return row ?? null;
}
