// Test fixtures for resellers: a partner (approved unless told), an API key, money on its ledger, and calls to
// the /api/v1 route handlers as a partner's client would make them.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import type { ApiScope, Partner } from "@/lib/db/schema";
import { API_SCOPES } from "@/lib/db/schema";
import type { Actor } from "@/lib/audit";
import { createPartner, setPartnerStatus, updatePartnerSettings, type PartnerSettings } from "@/lib/partners/accounts";
import { createApiKey } from "@/lib/partners/keys";
import { partnerAccount, postTransaction, stripeAccount } from "@/lib/partners/ledger";
import { testActor } from "./actors";

export const TEST_ACTOR: Actor = testActor();

let counter = 0;

export async function testPartner(
  db: Db,
  options: Partial<PartnerSettings> & { status?: Partner["status"]; scopes?: ApiScope[]; fundMinor?: number } = {},
): Promise<{ partner: Partner; secret: string; email: string }> {
  const email = `partner-${Date.now().toString(36)}-${++counter}@agency.test`;
  let partner = await createPartner(db, TEST_ACTOR, { name: `Agency ${counter}`, email, currency: "USD" });
  partner =
    (await updatePartnerSettings(db, TEST_ACTOR, partner.id, {
      billing: options.billing ?? "prepaid",
      creditLimitMinor: options.creditLimitMinor ?? 0,
      pricingKind: options.pricingKind ?? "discount",
      pricingBps: options.pricingBps ?? 1000,
      lowBalanceMinor: options.lowBalanceMinor ?? 0,
    })) ?? partner;
  if ((options.status ?? "approved") !== "pending")
    partner = (await setPartnerStatus(db, TEST_ACTOR, partner.id, options.status ?? "approved")) ?? partner;
  const { secret } = await createApiKey(db, partner.id, { name: "test", scopes: options.scopes ?? [...API_SCOPES] });
  if (options.fundMinor) await fund(db, partner.id, options.fundMinor);
  return { partner, secret, email };
}

/** Money on the partner's balance as a Stripe top-up would put it there. */
export async function fund(db: Db, partnerId: string, amountMinor: number): Promise<void> {
  await postTransaction(db, {
    partnerId,
    kind: "topup",
    reference: `topup:test_${randomUUID()}`,
    currency: "USD",
    lines: [
      [partnerAccount(partnerId), amountMinor],
      [stripeAccount("USD"), -amountMinor],
    ],
  });
}

export function apiRequest(
  path: string,
  options: { method?: string; secret?: string; body?: unknown; idempotencyKey?: string } = {},
): Request {
  const headers: Record<string, string> = { "x-request-id": `req-test-${++counter}-abcdef` };
  if (options.secret) headers.authorization = `Bearer ${options.secret}`;
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://localhost/api/v1${path}`, {
    method: options.method ?? "GET",
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body),
  });
}
