// "Your eSIM is ready" (a new eSIM) and "Data added" (a top-up of an eSIM the customer already has).
//
// A new eSIM gets every way to install it, most direct first: the iPhone one-tap link, the Android link,
// the QR code (inline, to scan from another screen) and the codes for manual entry. A top-up gets none of
// them: the data lands on the eSIM already on the phone, and a QR in that email invites a second install
// attempt, which fails (an activation code installs once) and sends the customer to support.
import { INSTALL_STEPS, installStepHtml, installStepText } from "@/lib/delivery/install-steps";
import {
  escapeHtml,
  button,
  codeTable,
  heading,
  layout,
  link,
  orderedList,
  paragraph,
  subheading,
  textBody,
  type RenderedEmail,
} from "./html";

/** The `content_id` of the inline QR image; the HTML refers to it as `cid:esim-qr`. */
export const QR_CONTENT_ID = "esim-qr";

export interface EsimDeliveredContent {
  orderId: string;
  orderUrl: string;
  bundleTitle: string;
  iccid: string;
  lpa: string;
  smdpAddress: string;
  matchingId: string;
  appleInstallUrl: string;
  androidInstallUrl: string;
  kind: "new" | "topup";
  /** Where the install guide lives (absolute). */
  helpUrl: string;
}

export function renderEsimDeliveredEmail(c: EsimDeliveredContent): RenderedEmail {
  return c.kind === "topup" ? renderTopup(c) : renderNew(c);
}

function footer(c: EsimDeliveredContent): { html: string; text: string } {
  const html =
    `Order ${escapeHtml(c.orderId)} · ICCID ${escapeHtml(c.iccid)}<br>` +
    `Your order page: ${link(c.orderUrl, c.orderUrl)}<br>` +
    `This link is private — anyone who has it can see your eSIM, so please don't share it.`;
  const text = `Order ${c.orderId} · ICCID ${c.iccid}\nYour order page (private — please don't share it): ${c.orderUrl}`;
  return { html, text };
}

function renderNew(c: EsimDeliveredContent): RenderedEmail {
  const subject = `Your eSIM is ready: ${c.bundleTitle}`;
  const codes = [
    { label: "SM-DP+ address", value: c.smdpAddress },
    { label: "Activation code", value: c.matchingId },
  ];
  const iphoneSteps = INSTALL_STEPS.iphone.map((step) => installStepHtml(step, escapeHtml));
  const androidSteps = INSTALL_STEPS.android.map((step) => installStepHtml(step, escapeHtml));
  const foot = footer(c);

  const content =
    heading("Your eSIM is ready") +
    paragraph(`Thanks for your order. Here is your eSIM for <strong>${escapeHtml(c.bundleTitle)}</strong>.`) +
    paragraph(
      "Install it while you're on Wi-Fi — ideally before you travel. Each eSIM installs once, so keep it on your phone after installing.",
    ) +
    subheading("Install on this phone") +
    button(c.appleInstallUrl, "Install on iPhone") +
    paragraph("One tap on iPhones with iOS 17.4 or later.", true) +
    button(c.androidInstallUrl, "Install on Android") +
    subheading("Or scan the QR code") +
    paragraph(
      "Open this email on another screen (a laptop, a printout) and scan the code with the phone that will use the eSIM.",
    ) +
    `<p style="margin:0 0 16px;"><img src="cid:${QR_CONTENT_ID}" width="240" height="240" alt="QR code for your eSIM. If it does not show, use the codes under “Enter the details manually”." style="display:block;width:240px;height:240px;border:0;"></p>` +
    subheading("Enter the details manually") +
    codeTable(codes) +
    paragraph(
      `Some phones ask for one code instead; use the full activation code: <span style="font-family:Menlo,Consolas,'Courier New',monospace;word-break:break-all;">${escapeHtml(c.lpa)}</span>`,
      true,
    ) +
    subheading("iPhone steps") +
    orderedList(iphoneSteps) +
    subheading("Android steps") +
    orderedList(androidSteps) +
    paragraph(
      `More help, with screenshots: ${link(c.helpUrl, "installation guide")}. You can always find this eSIM again on ${link(c.orderUrl, "your order page")}.`,
    );

  const text = textBody([
    "Your eSIM is ready",
    `Thanks for your order. Here is your eSIM for ${c.bundleTitle}.`,
    "Install it while you're on Wi-Fi — ideally before you travel. Each eSIM installs once, so keep it on your phone after installing.",
    `INSTALL ON IPHONE (iOS 17.4 or later, one tap):\n${c.appleInstallUrl}`,
    `INSTALL ON ANDROID:\n${c.androidInstallUrl}`,
    "OR SCAN THE QR CODE attached to this email (esim-qr.png) from another screen.",
    `ENTER THE DETAILS MANUALLY\nSM-DP+ address: ${c.smdpAddress}\nActivation code: ${c.matchingId}\nFull activation code (if your phone asks for one code): ${c.lpa}`,
    `IPHONE STEPS\n${INSTALL_STEPS.iphone.map((s, i) => `${i + 1}. ${installStepText(s)}`).join("\n")}`,
    `ANDROID STEPS\n${INSTALL_STEPS.android.map((s, i) => `${i + 1}. ${installStepText(s)}`).join("\n")}`,
    `Installation guide: ${c.helpUrl}`,
    foot.text,
  ]);

  return {
    subject,
    html: layout({
      title: subject,
      preheader: "Tap to install on your phone, or scan the QR code.",
      content,
      footer: foot.html,
    }),
    text,
  };
}

function renderTopup(c: EsimDeliveredContent): RenderedEmail {
  const subject = `Data added to your eSIM: ${c.bundleTitle}`;
  const foot = footer(c);
  const content =
    heading("Your data has been added") +
    paragraph(
      `We've added <strong>${escapeHtml(c.bundleTitle)}</strong> to the eSIM you already have (ICCID ${escapeHtml(c.iccid)}).`,
    ) +
    paragraph(
      "There's nothing to install and no new QR code: keep using the eSIM that's already on your phone. Make sure it is selected for mobile data and that data roaming is on for it.",
    ) +
    paragraph(
      `Your order and the eSIM's details are on ${link(c.orderUrl, "your order page")}. Need help? See the ${link(c.helpUrl, "installation guide")}.`,
    );
  const text = textBody([
    "Your data has been added",
    `We've added ${c.bundleTitle} to the eSIM you already have (ICCID ${c.iccid}).`,
    "There's nothing to install and no new QR code: keep using the eSIM that's already on your phone. Make sure it is selected for mobile data and that data roaming is on for it.",
    `Installation guide: ${c.helpUrl}`,
    foot.text,
  ]);
  return {
    subject,
    html: layout({
      title: subject,
      preheader: "No new QR code needed — the data is on your existing eSIM.",
      content,
      footer: foot.html,
    }),
    text,
  };
}
