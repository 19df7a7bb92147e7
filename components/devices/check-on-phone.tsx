// How to see on the phone itself whether it has an eSIM: the one test that beats any list.
export function CheckOnPhone() {
  return (
    <aside
      id="check-on-phone"
      aria-labelledby="check-on-phone-heading"
      className="self-start rounded-xl border border-slate-200 bg-slate-50 p-5 text-sm leading-relaxed text-slate-800"
    >
      <h2 id="check-on-phone-heading" className="text-lg font-semibold text-slate-900">
        Check on your phone
      </h2>
      <h3 className="mt-4 font-semibold text-slate-900">Any phone</h3>
      <p className="mt-1">
        Open the phone app and dial <strong>*#06#</strong>. If the screen shows an <strong>EID</strong> (a 32-digit
        number), your phone has an eSIM. Only IMEI numbers? It has none.
      </p>
      <h3 className="mt-4 font-semibold text-slate-900">iPhone</h3>
      <p className="mt-1">
        Settings → General → About: an <strong>EID</strong> line means eSIM. Then Settings → General → About →
        <strong> Carrier Lock</strong> should say “No SIM restrictions”.
      </p>
      <h3 className="mt-4 font-semibold text-slate-900">Android</h3>
      <p className="mt-1">
        Settings → About phone → Status (or SIM status): look for <strong>EID</strong>. On Samsung: Settings →
        Connections → SIM manager — “Add eSIM” means it has one. On Pixel: Settings → Network &amp; internet → SIMs.
      </p>
      <h3 className="mt-4 font-semibold text-slate-900">Is it unlocked?</h3>
      <p className="mt-1">
        A phone locked to one carrier cannot use another eSIM, even with eSIM support. Phones bought outright are
        usually unlocked; if yours came with a contract, ask your carrier.
      </p>
    </aside>
  );
}
