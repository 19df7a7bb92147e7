import { useTranslations } from "next-intl";
import type { EsimDisplayStatus } from "@/lib/usage/figures";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<EsimDisplayStatus, BadgeTone> = {
  ready: "sky",
  installed: "brand",
  active: "emerald",
  depleted: "amber",
  expired: "slate",
};

export function EsimStatusBadge({ status }: { status: EsimDisplayStatus }) {
  const t = useTranslations("account.status");
  return (
    <Badge tone={TONES[status]} data-testid="esim-status">
      {t(status)}
    </Badge>
  );
}
