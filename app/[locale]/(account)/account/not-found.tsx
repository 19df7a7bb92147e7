import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

// Shown for an eSIM or order that is not yours (or does not exist): the two look the same on purpose.
export default function AccountNotFound() {
  const t = useTranslations("account.notFound");
  return (
    <div className="container-page py-16">
      <h1 className="text-2xl font-bold text-slate-900">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("body")}</p>
      <Link href="/account" className="btn-primary mt-6">
        {t("back")}
      </Link>
    </div>
  );
}
