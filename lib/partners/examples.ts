// A test parses each example against the route's zod schemas, so one that drifts fails the build.
import type { ApiRoute } from "./routes";

interface RouteExample {
  call: string;
  body?: unknown;
  response: unknown;
}

const order = {
  id: "ord_7k2m9q4x8w1n5p3r6t0v",
  reference: "booking-4711",
  status: "delivered",
  bundle: "esim_1GB_7D_GB_V2",
  title: "United Kingdom 1 GB · 7 days",
  price: { amountMinor: 449, currency: "USD" },
  createdAt: "2026-12-07T09:30:00.000Z",
  deliveredAt: "2026-12-07T09:30:02.000Z",
  refundedAt: null,
  failureReason: null,
};

const lpa = "LPA:1$rsp.example.com$K2-1X2Y3Z-4A5B6C";
const carddata = encodeURIComponent(lpa);

export const ROUTE_EXAMPLES: Record<string, RouteExample> = {
  "GET /catalogue": {
    call: "/catalogue?country=GB",
    response: {
      data: [
        {
          bundle: "esim_1GB_7D_GB_V2",
          title: "United Kingdom 1 GB · 7 days",
          scope: "country",
          countries: ["GB"],
          dataMb: 1000,
          unlimited: false,
          durationDays: 7,
          price: { amountMinor: 449, currency: "USD" },
          retailPrice: { amountMinor: 499, currency: "USD" },
        },
      ],
    },
  },
  "POST /orders": {
    call: "/orders",
    body: { bundle: "esim_1GB_7D_GB_V2", reference: "booking-4711" },
    response: { ...order, status: "paid", deliveredAt: null },
  },
  "GET /orders": {
    call: "/orders?reference=booking-4711",
    response: { data: [order], has_more: false },
  },
  "GET /orders/{id}": { call: `/orders/${order.id}`, response: order },
  "GET /orders/{id}/install": {
    call: `/orders/${order.id}/install`,
    response: {
      orderId: order.id,
      iccid: "8944000000000000001",
      smdpAddress: "rsp.example.com",
      matchingId: "K2-1X2Y3Z-4A5B6C",
      lpa,
      qrPngDataUrl: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAASwAAAEsCAYAAAB5fY51",
      appleInstallUrl: `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${carddata}`,
      androidInstallUrl: `https://esimsetup.android.com/esim_qrcode_provisioning?carddata=${carddata}`,
    },
  },
  "GET /ledger": {
    call: "/ledger?limit=2",
    response: {
      billing: "prepaid",
      balance: { amountMinor: 9501, currency: "USD" },
      available: { amountMinor: 9501, currency: "USD" },
      data: [
        {
          id: 42,
          kind: "order",
          reference: `order:${order.id}`,
          orderId: order.id,
          amountMinor: -449,
          currency: "USD",
          createdAt: "2026-12-07T09:30:00.000Z",
        },
        {
          id: 41,
          kind: "topup",
          reference: "topup:cs_test_a1b2c3",
          orderId: null,
          amountMinor: 10000,
          currency: "USD",
          createdAt: "2026-12-06T16:00:00.000Z",
        },
      ],
    },
  },
  "POST /topups": {
    call: "/topups",
    body: { amountMinor: 10000 },
    response: {
      checkoutUrl: "https://checkout.stripe.com/c/pay/cs_test_a1b2c3",
      amount: { amountMinor: 10000, currency: "USD" },
      expiresAt: "2026-12-08T09:30:00.000Z",
    },
  },
};

export const ERROR_EXAMPLE = {
  error: {
    code: "insufficient_balance",
    message: "This order costs $341.99, and your balance is $95.01.",
    requestId: "req_01JF3Q8W2N4M6P8R",
  },
};

export const WEBHOOK_EXAMPLE = {
  id: "evt_0a1b2c3d4e5f6g7h8j9k",
  type: "order.delivered",
  createdAt: "2026-12-07T09:30:02.000Z",
  data: { order },
};

export function exampleFor(route: Pick<ApiRoute, "method" | "path">): RouteExample | undefined {
  return ROUTE_EXAMPLES[`${route.method} ${route.path}`];
}

export function curlFor(route: Pick<ApiRoute, "method" | "path" | "idempotent">, baseUrl: string): string {
  const example = exampleFor(route);
  const url = `${baseUrl}/api/v1${example?.call ?? route.path}`;
  const lines = [
    `curl${route.method === "GET" ? "" : ` -X ${route.method}`} "${url}"`,
    `  -H "Authorization: Bearer $TERN_KEY"`,
  ];
  if (route.idempotent) lines.push(`  -H "Idempotency-Key: $(uuidgen)"`);
  if (example?.body !== undefined)
    lines.push(`  -H "Content-Type: application/json"`, `  -d '${JSON.stringify(example.body)}'`);
  return lines.join(" \\\n");
}
