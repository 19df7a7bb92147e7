"use client";

import { OrderPageError } from "@/components/checkout/order-page-error";

export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return <OrderPageError error={error} retry={retry} />;
}
