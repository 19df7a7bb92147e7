// GET /api/v1/orders/{id} — one of the partner's orders (orders:read).
import { isOrderId } from "@/lib/orders/ids";
import { json, partnerRoute } from "@/lib/partners/api";
import { apiError } from "@/lib/partners/errors";
import { getPartnerOrder } from "@/lib/partners/orders";
import { toApiOrder } from "@/lib/partners/views";

export const dynamic = "force-dynamic";

export const GET = partnerRoute<{ id: string }>("orders:read", async ({ db, partner, request }, { id }) => {
  const order = isOrderId(id) ? await getPartnerOrder(db, partner.id, id) : undefined;
  if (!order) return apiError(request, "not_found", "No such order of yours.");
  return json(toApiOrder(order));
});
