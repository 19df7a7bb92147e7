// A Zendit offer to sell in tests, stored the way a catalogue sync stores one.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import type { Db } from "@/lib/db";
import { bundles } from "@/lib/db/schema";
import { createZenditClient } from "@/lib/providers/zendit/client";
import type { TestSandbox } from "./sandbox";

/** A Japan offer the sandbox's Zendit sells. */
export const ZENDIT_OFFER = "ESIM-JP-7D-1GB";

/**
 * The Zendit offer as a sellable bundle row, as a sync would store it: wholesale as given, or as the sandbox
 * prices it today. Seeding it again changes nothing.
 */
export async function seedZenditOffer(
  db: Db,
  options: { sandbox?: TestSandbox; wholesaleMinor?: number; priceMinor?: number } = {},
): Promise<{ name: string; wholesaleMinor: number }> {
  let wholesaleMinor = options.wholesaleMinor;
  if (wholesaleMinor === undefined) {
    if (!options.sandbox) throw new Error("seedZenditOffer: give wholesaleMinor or the sandbox to ask");
    const client = createZenditClient({ baseUrl: `${options.sandbox.url}/zendit/v1`, apiKey: "k" });
    wholesaleMinor = (await client.offer(ZENDIT_OFFER)).cost!.fixed;
  }
  await db
    .insert(bundles)
    .values({
      name: ZENDIT_OFFER,
      provider: "zendit",
      description: "Japan 1GB 7 Days",
      scope: "country",
      countries: ["JP"],
      country: "JP",
      dataMb: 1000,
      durationDays: 7,
      wholesaleMinor,
      wholesaleCurrency: "USD",
      priceMinor: options.priceMinor ?? 999,
      currency: "USD",
    })
    .onConflictDoNothing();
  return { name: ZENDIT_OFFER, wholesaleMinor };
}

/** Has the sandbox's Stripe ask an endpoint that declines every Issuing authorization, until `restore()`. */
export async function declineIssuingAuthorizations(sandbox: TestSandbox): Promise<{ restore: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "stripe-version": Stripe.API_VERSION });
      res.end(JSON.stringify({ approved: false }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  sandbox.app.config.stripe.issuingAuthorizationUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let closed: Promise<void> | undefined;
  return {
    restore: () => {
      sandbox.app.config.stripe.issuingAuthorizationUrl = undefined;
      return (closed ??= new Promise<void>((r) => server.close(() => r())));
    },
  };
}
