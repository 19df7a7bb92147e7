// A partner's account state as a badge (colour plus the word, never colour alone).
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = { approved: "emerald", pending: "amber", suspended: "slate" };

export function PartnerStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status] ?? "slate"}>{status}</Badge>;
}
