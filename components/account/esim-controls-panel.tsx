// The eSIM's own controls beside its install details: "I've installed it", and suspend / restore with what a
// suspension does — and, where the provider has no suspend call, what it does not do.
import { getTranslations } from "next-intl/server";
import type { AuthUser } from "@/lib/auth";
import type { ActionState } from "@/lib/auth/action";
import { loadEsimControls } from "@/lib/accounts/pages";
import { Card } from "@/components/ui/card";
import { EsimControlButton } from "./esim-control-button";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export async function EsimControlsPanel({
  user,
  iccid,
  actions,
}: {
  user: AuthUser;
  iccid: string;
  actions: { installed: Action; suspend: Action; restore: Action };
}) {
  const c = await loadEsimControls(user, iccid);
  if (!c || c.status === "revoked") return null;
  const t = await getTranslations("account.controls");
  return (
    <Card as="section" aria-labelledby="controls-heading" className="p-5 sm:p-6">
      <h2 id="controls-heading" className="text-lg font-bold text-slate-900">
        {t("heading")}
      </h2>
      {c.canConfirmInstalled && (
        <div className="mt-3 space-y-2">
          <p className="text-sm text-slate-700">{t("installedPrompt")}</p>
          <EsimControlButton action={actions.installed} iccid={iccid} label={t("installedButton")} variant="primary" />
        </div>
      )}
      {c.orderStatus === "installed" && <p className="mt-3 text-sm text-slate-700">{t("installed")}</p>}
      <div className="mt-4 space-y-2 border-t border-slate-200 pt-4">
        {c.status === "suspended" ? (
          <p className="text-sm font-medium text-amber-900" data-testid="esim-suspended">
            {t("suspended")}
          </p>
        ) : null}
        <p className="text-sm text-slate-700">{c.suspendsOnNetwork ? t("suspendsOnNetwork") : t("suspendsInShop")}</p>
        {c.canSuspend && <EsimControlButton action={actions.suspend} iccid={iccid} label={t("suspend")} />}
        {c.canRestore && (
          <EsimControlButton action={actions.restore} iccid={iccid} label={t("restore")} variant="primary" />
        )}
      </div>
    </Card>
  );
}
