// The one copy of the iPhone and Android install steps: the delivery email, the order and eSIM pages all
// render these. Plain data (text and emphasised parts), so it renders as HTML, JSX or plain text.

/** A step is a run of text; `{ strong }` parts are the menu names to look for. */
export type InstallStep = (string | { strong: string })[];

export const INSTALL_STEPS: { iphone: InstallStep[]; android: InstallStep[] } = {
  iphone: [
    [
      "On your iPhone, open ",
      { strong: "Settings → Mobile Data" },
      " (or ",
      { strong: "Cellular" },
      ", ",
      { strong: "Mobile Service" },
      " on newer iOS) ",
      { strong: "→ Add eSIM" },
      ".",
    ],
    [
      "Choose ",
      { strong: "Use QR Code" },
      " and scan the QR code, or tap ",
      { strong: "Enter Details Manually" },
      " and type the SM-DP+ address and activation code.",
    ],
    ["Label the new line (for example “Travel”) and keep your usual line for calls and texts if you like."],
    ["When you arrive, choose the eSIM for mobile data and turn on ", { strong: "Data Roaming" }, " for it."],
  ],
  android: [
    [
      "Open ",
      { strong: "Settings → Network & internet → SIMs → Add eSIM" },
      " (on Samsung: ",
      { strong: "Connections → SIM manager → Add eSIM" },
      ").",
    ],
    ["Scan the QR code, or choose to enter the code manually and paste the full activation code."],
    ["When you arrive, choose the eSIM for mobile data and turn on roaming for it."],
  ],
};

export function installStepText(step: InstallStep): string {
  return step.map((part) => (typeof part === "string" ? part : part.strong)).join("");
}

export function installStepHtml(step: InstallStep, escapeHtml: (s: string) => string): string {
  return step
    .map((part) => (typeof part === "string" ? escapeHtml(part) : `<strong>${escapeHtml(part.strong)}</strong>`))
    .join("");
}
