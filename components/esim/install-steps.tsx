import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

// The same steps as lib/delivery/install-steps (the delivery email's copy), in the page's language; <b> marks
// the menu names to look for.
const STEPS = { iphone: ["1", "2", "3", "4"], android: ["1", "2", "3"] } as const;

/** The short version of /help/install (the same steps as the delivery email): enough to finish here. */
export function InstallSteps() {
  const t = useTranslations("account.install");
  const bold = { b: (chunks: React.ReactNode) => <strong>{chunks}</strong> };
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <StepList title="iPhone" steps={STEPS.iphone.map((n) => t.rich(`iphoneSteps.${n}`, bold))} />
      <StepList title="Android" steps={STEPS.android.map((n) => t.rich(`androidSteps.${n}`, bold))} />
      <p className="text-sm text-slate-700 sm:col-span-2">
        {t.rich("stepsOutro", {
          link: (chunks) => (
            <Link
              href="/help/install"
              className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
            >
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
}

function StepList({ title, steps }: { title: string; steps: React.ReactNode[] }) {
  return (
    <div>
      <h4 className="text-base font-semibold text-slate-900">{title}</h4>
      <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-sm leading-relaxed text-slate-700">
        {steps.map((step, i) => (
          <li key={i}>{step}</li>
        ))}
      </ol>
    </div>
  );
}
