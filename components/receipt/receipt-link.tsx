import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

/** "View receipt" under a paid order, keeping the private link's token so the receipt opens the same way. */
export function ReceiptLink({ orderId, paid, token }: { orderId: string; paid: boolean; token?: string }) {
  const t = useTranslations("checkout");
  if (!paid) return null;
  const href = `/orders/${encodeURIComponent(orderId)}/receipt${token ? `?t=${encodeURIComponent(token)}` : ""}`;
  return (
    <p className="mb-6">
      <Link href={href} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
        {t("receiptLink")}
      </Link>
    </p>
  );
}
