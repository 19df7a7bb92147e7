// POST /api/admin/orders/[id] — an admin action on one order as JSON: { action: retry | resend_email |
// refund | take | release | resolve, confirmation?, note? }. 403 for anyone but an admin, and for another origin.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { refuseCrossSite } from "@/lib/http/origin";
import { requireAdminApi } from "@/lib/admin/guard";
import { resendDeliveryEmail, retryFulfilment } from "@/lib/admin/actions";
import { markResolved, releaseCase, takeCase } from "@/lib/admin/cases";
import { refundFull } from "@/lib/admin/order-refund";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  action: z.enum(["retry", "resend_email", "refund", "take", "release", "resolve"]),
  confirmation: z.string().max(100).optional(),
  note: z.string().max(1000).optional(),
});

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = refuseCrossSite(request, env().appUrl, "json");
  if (refused) return refused;
  const auth = await requireAdminApi(request);
  if ("response" in auth) return auth.response;
  const { id } = await params;
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return Response.json(
      { error: { code: "invalid_request", message: parsed.error.issues[0]?.message } },
      { status: 400 },
    );
  const db = await getDb();
  const { action, confirmation, note } = parsed.data;
  const actor = auth.actor;
  const result =
    action === "retry"
      ? await retryFulfilment(db, id, actor)
      : action === "resend_email"
        ? await resendDeliveryEmail(db, id, actor)
        : action === "refund"
          ? await refundFull(db, id, confirmation ?? "", actor)
          : action === "take"
            ? await takeCase(db, id, actor)
            : action === "release"
              ? await releaseCase(db, id, actor)
              : await markResolved(db, id, note ?? "", actor);
  return Response.json(result, { status: result.outcome === "refused" ? 409 : 200 });
}
