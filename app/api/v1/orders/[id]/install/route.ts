// GET /api/v1/orders/{id}/install — the eSIM's install details (orders:read), recorded in its activation log.
import { clientIpFrom } from "@/lib/http/client-ip";
import { isOrderId } from "@/lib/orders/ids";
import { json, partnerRoute } from "@/lib/partners/api";
import { apiError } from "@/lib/partners/errors";
import { partnerInstallDetails } from "@/lib/partners/orders";

export const dynamic = "force-dynamic";

export const GET = partnerRoute<{ id: string }>("orders:read", async ({ db, partner, request }, { id }) => {
  if (!isOrderId(id)) return apiError(request, "not_found", "No such order of yours.");
  const details = await partnerInstallDetails(db, partner.id, id, {
    ip: clientIpFrom(request.headers),
    userAgent: request.headers.get("user-agent"),
  });
  return json(details);
});
