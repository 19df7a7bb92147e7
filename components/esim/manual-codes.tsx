// The codes for typing an eSIM in by hand: what Settings → Add eSIM → "Enter details manually" asks for.
import { useTranslations } from "next-intl";
import { CopyButton } from "./copy-button";

export function ManualCodes({
  smdpAddress,
  matchingId,
  lpa,
}: {
  smdpAddress: string;
  matchingId: string;
  lpa: string;
}) {
  const t = useTranslations("account.install");
  const rows = [
    { label: t("smdp"), value: smdpAddress, testId: "smdp-address" },
    { label: t("activationCode"), value: matchingId, testId: "activation-code" },
    { label: t("fullCode"), value: lpa, testId: "lpa", hint: t("fullCodeHint") },
  ];
  return (
    <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-slate-50">
      {rows.map((row) => (
        <div key={row.testId} className="px-4 py-3">
          <dt className="text-sm font-medium text-slate-700">{row.label}</dt>
          <dd className="mt-1 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
            <span className="min-w-0">
              <code data-testid={row.testId} className="font-mono text-base break-all text-slate-900 select-all">
                {row.value}
              </code>
              {row.hint && <span className="block text-xs text-slate-600">{row.hint}</span>}
            </span>
            <CopyButton value={row.value} label={row.label} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
