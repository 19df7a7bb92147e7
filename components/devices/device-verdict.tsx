// The answer to "will it work on my phone?" for one search: shared by the /devices page (server-rendered for
// a plain form) and the live check (re-rendered as the buyer types).
import { Link } from "@/lib/i18n/navigation";
import type { DeviceCheck } from "@/lib/devices/match";

const LOCKED = "A phone locked to one carrier cannot use another carrier's eSIM: ask your carrier to unlock it first.";

export function DeviceVerdict({ result, query }: { result: DeviceCheck; query: string }) {
  if (result.kind === "empty") return null;
  if (result.kind === "unknown") {
    return (
      <div
        className="rounded-xl border border-slate-300 bg-slate-50 p-4 text-sm text-slate-800"
        data-testid="device-verdict"
        data-verdict="unknown"
      >
        <p className="font-semibold text-slate-900">We don&apos;t know “{query.slice(0, 60)}” yet.</p>
        <p className="mt-1">
          {result.candidates.length > 0
            ? "Did you mean one of the devices below? Or check on the phone itself: dial *#06# — if it shows an EID, it has an eSIM."
            : "Check on the phone itself: dial *#06# — if it shows an EID, it has an eSIM."}
        </p>
      </div>
    );
  }
  const { device, verdict, variant } = result;
  const name = `${device.brand} ${device.model}`;
  if (verdict === "works") {
    return (
      <div
        className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950"
        data-testid="device-verdict"
        data-verdict="works"
      >
        <p className="font-semibold">Yes — the {name} takes a travel eSIM.</p>
        {device.withoutEsim && device.withoutEsim.length > 0 && (
          <>
            <p className="mt-2">Except these versions, which have no eSIM:</p>
            <ul className="mt-1 list-disc pl-5">
              {device.withoutEsim.map((v) => (
                <li key={v.label}>{v.label}</li>
              ))}
            </ul>
          </>
        )}
        {device.notes?.map((n) => (
          <p key={n} className="mt-2">
            {n}
          </p>
        ))}
        <p className="mt-2">{LOCKED}</p>
      </div>
    );
  }
  return (
    <div
      className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
      data-testid="device-verdict"
      data-verdict={verdict}
    >
      {verdict === "variant_without_esim" ? (
        <>
          <p className="font-semibold">Probably not: this version of the {name} has no eSIM.</p>
          <p className="mt-1">{variant?.label}.</p>
          <p className="mt-2">
            Not sure which version you have? Dial *#06#: if an EID is shown, your phone has an eSIM.{" "}
            <Link href="/devices#check-on-phone" className="underline underline-offset-2">
              How to check
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="font-semibold">Not on the {name} itself.</p>
          {device.notes?.map((n) => (
            <p key={n} className="mt-1">
              {n}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
