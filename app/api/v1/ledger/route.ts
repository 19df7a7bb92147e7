// GET /api/v1/ledger — balance and ledger history, newest first (ledger:read).
import { json, partnerRoute } from "@/lib/partners/api";
import { apiError } from "@/lib/partners/errors";
import { availableOf, balanceOf, ledgerLines } from "@/lib/partners/ledger";
import { ledgerQuerySchema } from "@/lib/partners/schemas";

export const dynamic = "force-dynamic";

export const GET = partnerRoute("ledger:read", async ({ db, partner, request }) => {
  const query = ledgerQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return apiError(request, "invalid_request", "before and limit must be positive integers.");
  const balance = await balanceOf(db, partner.id);
  const lines = await ledgerLines(db, partner.id, { before: query.data.before, limit: query.data.limit ?? 50 });
  return json({
    billing: partner.billing,
    balance: { amountMinor: balance, currency: partner.currency },
    available: { amountMinor: availableOf(partner, balance), currency: partner.currency },
    data: lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      reference: l.reference,
      orderId: l.orderId,
      amountMinor: l.amountMinor,
      currency: l.currency,
      createdAt: l.createdAt.toISOString(),
    })),
  });
});
