import { Link } from "@/lib/i18n/navigation";
import { INSTALL_STEPS, type InstallStep } from "@/lib/delivery/install-steps";

/** The short version of /help/install (the same steps as the delivery email): enough to finish here. */
export function InstallSteps() {
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <StepList title="iPhone" steps={INSTALL_STEPS.iphone} />
      <StepList title="Android" steps={INSTALL_STEPS.android} />
      <p className="text-sm text-slate-700 sm:col-span-2">
        One tap instead: use the install button above on the phone itself. Install on Wi-Fi, ideally before you travel,
        and don&apos;t delete the eSIM afterwards — it can be installed only once.{" "}
        <Link
          href="/help/install"
          className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
        >
          Full install guide and troubleshooting
        </Link>
      </p>
    </div>
  );
}

function StepList({ title, steps }: { title: string; steps: InstallStep[] }) {
  return (
    <div>
      <h4 className="text-base font-semibold text-slate-900">{title}</h4>
      <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-sm leading-relaxed text-slate-700">
        {steps.map((step, i) => (
          <li key={i}>
            {step.map((part, j) => (typeof part === "string" ? part : <strong key={j}>{part.strong}</strong>))}
          </li>
        ))}
      </ol>
    </div>
  );
}
