// An order link that opens nothing: the same answer whether or not the order exists, and a way to a fresh link
// (never the shop's "destination not found" page).
import { OrderLinkProblem } from "@/components/checkout/order-link-problem";

export default function OrderNotFound() {
  return <OrderLinkProblem reason="unknown" />;
}
