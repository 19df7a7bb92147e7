// Test data for the account suites: a bundle, an order and its eSIM, each with fresh ids.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { esims, orders, type BundleSnapshot } from "@/lib/db/schema";
import { seedBundles } from "./bundles";
import { hashAccessToken, newAccessToken, newOrderId } from "@/lib/orders/ids";

export const TEST_BUNDLE = "esim_1GB_7D_JP_V2";

export async function seedBundle(db: Db, name = TEST_BUNDLE): Promise<void> {
  await seedBundles(db, [{ name, country: "JP", dataMb: 1000, durationDays: 7, wholesaleMinor: 136, priceMinor: 499 }]);
}

export function snapshot(name = TEST_BUNDLE): BundleSnapshot {
  return {
    name,
    title: "Japan 1 GB · 7 days",
    description: "eSIM, 1GB, 7 Days, Japan, V2",
    provider: "esim-go",
    scope: "country",
    countries: ["JP"],
    dataMb: 1000,
    unlimited: false,
    durationDays: 7,
    speeds: ["4G"],
    priceMinor: 499,
    currency: "USD",
    wholesaleMinor: 136,
    wholesaleCurrency: "USD",
  };
}

export const randomIccid = () =>
  `8944${BigInt(`0x${randomBytes(8).toString("hex")}`)
    .toString()
    .padStart(15, "0")
    .slice(0, 15)}`;

/** A delivered order with one eSIM; `customerId` null makes it a guest order. Returns the ids and the page token. */
export async function seedOrderWithEsim(
  db: Db,
  input: { email: string; customerId?: string | null; iccid?: string; status?: string; bundle?: string },
) {
  await seedBundle(db, input.bundle);
  const orderId = newOrderId();
  const token = newAccessToken();
  const iccid = input.iccid ?? randomIccid();
  await db.insert(orders).values({
    id: orderId,
    status: input.status ?? "delivered",
    customerId: input.customerId ?? null,
    email: input.email.toLowerCase(),
    provider: "esim-go",
    bundleName: input.bundle ?? TEST_BUNDLE,
    bundleSnapshot: snapshot(input.bundle),
    amountMinor: 499,
    currency: "USD",
    accessTokenHash: hashAccessToken(token),
    paidAt: new Date(),
    deliveredAt: new Date(),
  });
  await db.insert(esims).values({
    iccid,
    provider: "esim-go",
    orderId,
    customerId: input.customerId ?? null,
    smdpAddress: "rsp.sandbox.example",
    matchingId: `M-${iccid.slice(-6)}`,
    lpa: `LPA:1$rsp.sandbox.example$M-${iccid.slice(-6)}`,
  });
  return { orderId, iccid, token };
}
