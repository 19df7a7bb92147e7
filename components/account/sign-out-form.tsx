// The one plain sign-out: a form post to /api/auth/sign-out, so it works without JavaScript.
import { useTranslations } from "next-intl";
import { buttonClass, type ButtonVariant } from "@/components/ui/button";

export function SignOutForm({ variant = "plain", className }: { variant?: ButtonVariant; className?: string }) {
  const t = useTranslations("site.account");
  return (
    <form action="/api/auth/sign-out" method="post">
      <button type="submit" className={buttonClass(variant, className)}>
        {t("signOut")}
      </button>
    </form>
  );
}
