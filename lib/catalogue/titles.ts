// Never a provider's string ("eSIM, 3GB, 30 Days, France, V2"); pure, so emails, Stripe and pages agree.
import { formatData, formatDuration } from "@/lib/format";
import { countryName, resolveCountryParam } from "./countries";

interface Plan {
  title: string;
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
}

export function topUpHeadline(plan: Pick<Plan, "dataMb" | "unlimited">): string {
  return plan.unlimited ? "Unlimited data added" : `${formatData(plan.dataMb, false)} added`;
}

export function checkoutLineItem(plan: Plan, kind: "new" | "topup"): { name: string; description: string } {
  if (kind === "topup")
    return {
      name: `Top-up: ${plan.title}`,
      description: `${topUpHeadline(plan)} to the eSIM you already have, for ${formatDuration(plan.durationDays)} — nothing to install.`,
    };
  return {
    name: plan.title,
    description: `${formatData(plan.dataMb, plan.unlimited)} of data for ${formatDuration(plan.durationDays)}. Delivered by email as a QR code right after payment.`,
  };
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(gb|mb)$/i;
const DAYS = /^(\d+)\s*days?$/i;

/** Falls back to "Data plan" rather than ever showing the provider's text. */
export function titleFromProviderText(description: string | null | undefined): string {
  const parts = (description ?? "").split(",").map((p) => p.trim());
  let dataMb: number | null = null;
  let unlimited = false;
  let days: number | null = null;
  const places: string[] = [];
  for (const part of parts) {
    const size = SIZE.exec(part);
    const day = DAYS.exec(part);
    if (size) dataMb = Number(size[1]) * (size[2]!.toLowerCase() === "gb" ? 1000 : 1);
    else if (/^unlimited\b/i.test(part)) unlimited = true;
    else if (day) days = Number(day[1]);
    else if (part && !/^esim$/i.test(part) && !/^v\d+$/i.test(part)) {
      const iso = resolveCountryParam(part);
      places.push(iso ? countryName(iso) : part.replace(/\+$/, ""));
    }
  }
  const what = [places.join(", "), unlimited || dataMb ? formatData(dataMb, unlimited) : ""].filter(Boolean).join(" ");
  const title = [what, days ? formatDuration(days) : ""].filter(Boolean).join(" · ");
  return title || "Data plan";
}
