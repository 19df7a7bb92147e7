// GET /api/orders/[id]/status?t=<token> | ?session_id=<cs_…> — live order status for the success and order
// pages. Anyone without access gets the same 404 as for an order that does not exist.
import { currentUser } from "@/lib/auth";
import { getOrderStatus } from "@/lib/orders/queries";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const url = new URL(request.url);
  const token = url.searchParams.get("t") || undefined;
  const checkoutSessionId = url.searchParams.get("session_id") || undefined;
  const user = token || checkoutSessionId ? null : await currentUser();
  const status = await getOrderStatus(id, { token, checkoutSessionId, customerId: user?.id });
  if (!status)
    return Response.json(
      { error: { code: "not_found", message: "Order not found" } },
      { status: 404, headers: NO_STORE },
    );
  return Response.json(status, { headers: NO_STORE });
}
