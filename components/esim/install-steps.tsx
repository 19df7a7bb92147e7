import Link from "next/link";

/** The short version of /help/install: enough to finish without leaving the page. */
export function InstallSteps() {
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <div>
        <h4 className="text-base font-semibold text-slate-900">iPhone</h4>
        <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-sm leading-relaxed text-slate-700">
          <li>
            Tap <strong>Install on this iPhone</strong>, or open{" "}
            <strong>Settings → Mobile Service → Add eSIM → Use QR Code</strong> and scan.
          </li>
          <li>Follow the prompts; label the line &ldquo;Travel&rdquo;.</li>
          <li>Keep your home line for calls; choose the eSIM for mobile data.</li>
          <li>
            When you arrive, turn on <strong>Data Roaming</strong> for the eSIM.
          </li>
        </ol>
      </div>
      <div>
        <h4 className="text-base font-semibold text-slate-900">Android</h4>
        <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-sm leading-relaxed text-slate-700">
          <li>
            Tap <strong>Install on Android</strong>, or open{" "}
            <strong>Settings → Network &amp; internet → SIMs → Add eSIM</strong> (Samsung:{" "}
            <strong>Connections → SIM manager</strong>) and scan.
          </li>
          <li>If your phone asks for a code, paste the full activation code.</li>
          <li>Choose the eSIM for mobile data and turn on roaming for it when you arrive.</li>
        </ol>
      </div>
      <p className="text-sm text-slate-700 sm:col-span-2">
        Install on Wi-Fi, ideally before you travel, and don&apos;t delete the eSIM afterwards — it can be installed
        only once.{" "}
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
