import type { Metadata } from "next";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { Link } from "@/lib/i18n/navigation";
import { connection } from "next/server";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { ANDROID_STEPS, IPHONE_STEPS, PhoneSteps } from "@/components/help/phone-steps";

// Canonical and hreflang per language; the text itself is not translated yet.
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  return pageMetadata("/help/install", await pageLocale(params), {
    title: "How to install your eSIM on iPhone and Android",
    description:
      "Step-by-step eSIM installation for iPhone and Android (Samsung, Pixel): one-tap install, QR code, manual SM-DP+ entry, data roaming and troubleshooting.",
    ogTitle: "How to install your eSIM · Tern",
  });
}

const CONTENTS = [
  { href: "#before", label: "Before you start" },
  { href: "#iphone", label: "iPhone" },
  { href: "#android", label: "Android" },
  { href: "#manual", label: "Manual entry" },
  { href: "#roaming", label: "Turn on data roaming" },
  { href: "#troubleshooting", label: "Troubleshooting" },
];

export default async function InstallHelpPage() {
  // Static text, but rendered per request: the layout around it reads the runtime configuration (public
  // URL for canonical links, the sandbox banner), and a build may run with different settings than the
  // server — a page baked at build time could show a live shop as "Sandbox", or the other way round.
  await connection();
  return (
    <div className="container-page py-10 sm:py-14">
      <Breadcrumbs items={[{ href: "/", label: "Home" }, { label: "Install guide" }]} />
      <div className="mt-4 grid gap-10 lg:grid-cols-[14rem_1fr]">
        <div className="lg:sticky lg:top-6 lg:self-start">
          <nav aria-label="On this page" className="rounded-xl border border-slate-200 bg-slate-50 p-4">
            <h2 className="text-sm font-semibold text-slate-900">On this page</h2>
            <ul className="mt-2 space-y-1 text-sm">
              {CONTENTS.map((c) => (
                <li key={c.href}>
                  <a
                    href={c.href}
                    className="block rounded px-1 py-1 text-slate-700 hover:text-brand-700 hover:underline"
                  >
                    {c.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>

        <article className="prose-help max-w-3xl">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">How to install your eSIM</h1>
          <p className="text-lg">
            Your eSIM arrives by email and on your <Link href="/account">account page</Link> a few seconds after
            payment, with three ways to install it: a one-tap link, a QR code, and codes you can type in. Installing
            takes about two minutes.
          </p>

          <h2 id="before">Before you start</h2>
          <ul>
            <li>
              <strong>Check your phone supports eSIM and is unlocked.</strong> Most iPhones from the XR/XS onwards,
              Google Pixel 3 and later, and Samsung Galaxy S20 and later do. A phone locked to one carrier may refuse
              other eSIMs.
            </li>
            <li>
              <strong>Install before you travel, on Wi-Fi.</strong> Installing needs an internet connection. Do it at
              home the day before you leave — the plan&apos;s validity doesn&apos;t start until the eSIM first connects
              to a network in a country it covers.
            </li>
            <li>
              <strong>Don&apos;t delete the eSIM after installing.</strong> A QR code can be installed only once; a
              deleted eSIM usually cannot be reinstalled.
            </li>
            <li>
              <strong>Keep your home SIM.</strong> The travel eSIM is added alongside it, so you keep your number for
              calls and texts.
            </li>
          </ul>

          <h2 id="iphone">iPhone</h2>
          <h3 id="iphone-one-tap">One-tap install (iOS 17.4 or later)</h3>
          <ol>
            <li>Open your eSIM email (or your account page) on the iPhone you want to use.</li>
            <li>
              Tap <strong>Install on iPhone</strong>. Settings opens with the eSIM ready to add.
            </li>
            <li>
              Tap <strong>Continue</strong> and follow the prompts. Label the new line &ldquo;Travel&rdquo; so it&apos;s
              easy to find.
            </li>
          </ol>
          <h3 id="iphone-qr">Scan the QR code</h3>
          <PhoneSteps platform="iphone" steps={IPHONE_STEPS} label="Installing on iPhone, in pictures" />
          <ol>
            <li>Show the QR code on another screen, or print it.</li>
            <li>
              On iOS 17.4 or later you can simply point the <strong>Camera</strong> app at the code and tap the{" "}
              <strong>eSIM</strong> notice that appears.
            </li>
            <li>
              Or go to <strong>Settings → Mobile Service</strong> (called <strong>Cellular</strong> or{" "}
              <strong>Mobile Data</strong> on some versions) → <strong>Add eSIM</strong> → <strong>Use QR Code</strong>,
              and scan.
            </li>
            <li>
              When asked, keep your home line as the <strong>default line</strong> for calls and texts, and choose the
              travel eSIM for <strong>mobile data</strong>. Leave <strong>Allow Mobile Data Switching</strong> off so
              you don&apos;t use your home plan abroad.
            </li>
          </ol>

          <h2 id="android">Android</h2>
          <p>
            Menu names differ a little between makers and Android versions; these are the usual paths. The pictures
            follow a Google Pixel, with Samsung&apos;s names in brackets.
          </p>
          <PhoneSteps platform="android" steps={ANDROID_STEPS} label="Installing on Android, in pictures" />
          <h3 id="android-samsung">Samsung Galaxy</h3>
          <ol>
            <li>
              Open <strong>Settings → Connections → SIM manager</strong> (or <strong>SIM card manager</strong>).
            </li>
            <li>
              Tap <strong>Add eSIM</strong> → <strong>Scan QR code from service provider</strong>, and scan your code.
            </li>
            <li>Confirm to add the plan, then turn it on.</li>
          </ol>
          <h3 id="android-pixel">Google Pixel</h3>
          <ol>
            <li>
              Open <strong>Settings → Network &amp; internet → SIMs</strong>.
            </li>
            <li>
              Tap <strong>Add SIM</strong> (or <strong>+</strong>) → <strong>Download a SIM instead?</strong> /{" "}
              <strong>Use a QR code</strong>, then scan your code.
            </li>
            <li>
              Tap <strong>Download</strong> / <strong>Activate</strong>, and choose the travel eSIM for mobile data.
            </li>
          </ol>
          <p>
            Can&apos;t scan? Every Android setup screen has an <strong>Enter code manually</strong> (or{" "}
            <strong>Need help?</strong>) option — see <a href="#manual">manual entry</a>.
          </p>

          <h2 id="manual">Manual entry</h2>
          <p>
            If the link and the QR code don&apos;t work for you, type in the two codes shown under the QR code in your
            email and on your account page:
          </p>
          <ul>
            <li>
              <strong>SM-DP+ address</strong> — the server your phone downloads the eSIM from, e.g.{" "}
              <code>smdp.example.com</code>.
            </li>
            <li>
              <strong>Activation code</strong> — a long code unique to your eSIM.
            </li>
          </ul>
          <p>
            <strong>iPhone:</strong> Settings → Mobile Service → Add eSIM → Use QR Code →{" "}
            <strong>Enter Details Manually</strong>, then enter the SM-DP+ address and the activation code. Leave the
            confirmation code empty unless your email gives one.
          </p>
          <p>
            <strong>Android:</strong> on the scan screen choose <strong>Enter code manually</strong> and paste the full
            activation string, which starts with <code>LPA:1$</code> (it contains both codes).
          </p>

          <h2 id="roaming">Turn on data roaming</h2>
          <p>
            Your travel eSIM always <em>roams</em> — it connects to local partner networks — so data roaming must be on
            for it (it costs nothing extra: you have already paid for the plan).
          </p>
          <ul>
            <li>
              <strong>iPhone:</strong> Settings → Mobile Service → tap the travel eSIM → turn on{" "}
              <strong>Data Roaming</strong>. Make sure <strong>Mobile Data</strong> is set to the travel eSIM.
            </li>
            <li>
              <strong>Android:</strong> Settings → Network &amp; internet (or Connections) → SIMs → the travel eSIM →
              turn on <strong>Roaming</strong>, and pick it as the SIM for mobile data.
            </li>
          </ul>
          <p>
            To avoid roaming charges from your home carrier, turn data roaming <strong>off</strong> for your home SIM
            while you travel.
          </p>

          <h2 id="troubleshooting">Troubleshooting</h2>
          <h3>Installed, but no internet when I arrive</h3>
          <ol>
            <li>Check the travel eSIM is turned on and chosen for mobile data.</li>
            <li>Turn on data roaming for the travel eSIM.</li>
            <li>Switch airplane mode on and off, or restart the phone, to make it search for networks again.</li>
            <li>
              Still nothing? In the eSIM&apos;s settings turn off <strong>Automatic</strong> network selection and
              choose a network by hand.
            </li>
            <li>If your eSIM email lists an APN, enter it under the eSIM&apos;s mobile data network settings.</li>
          </ol>
          <h3>&ldquo;This code is no longer valid&rdquo; or the install fails</h3>
          <p>
            Make sure you are on a stable Wi-Fi connection and try once more. A QR code can be used only once: if the
            eSIM already appears in your settings, it is installed — just turn it on. If it still fails, reply to your
            eSIM email and we&apos;ll help; if we can&apos;t get you connected, you get a refund.
          </p>
          <h3>When does my plan start?</h3>
          <p>
            For most plans, the validity period starts when the eSIM first connects to a network in a covered country —
            not when you buy or install it. The plan page tells you which applies.
          </p>
          <h3>Can I top up?</h3>
          <p>
            Where the plan page says &ldquo;Top-ups available&rdquo;, yes — open the eSIM on your{" "}
            <Link href="/account">account page</Link> and add another plan for the same destination. It goes onto the
            eSIM you already have, so there is nothing new to install.
          </p>
        </article>
      </div>
    </div>
  );
}
