// GET /account/data — the signed-in customer's data as a JSON download (the privacy policy's promise).
import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { localeOr } from "@/lib/i18n/locales";
import { currentUser } from "@/lib/auth";
import { exportCustomerData } from "@/lib/accounts/deletion";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const user = await currentUser();
  const data = user ? await exportCustomerData(user.id) : null;
  if (!data) {
    const t = await getTranslations({ locale: localeOr((await params).locale), namespace: "account.data" });
    return NextResponse.json({ error: { code: "unauthorised", message: t("signInFirst") } }, { status: 401 });
  }
  return new NextResponse(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="tern-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "cache-control": "no-store",
    },
  });
}
