// The sign-in link email.
import {
  button,
  escapeHtml,
  heading,
  layout,
  link,
  paragraph,
  textBody,
  type RenderedEmail,
} from "@/lib/delivery/templates/html";
import { sendAccountEmail } from "@/lib/accounts/mailer";

export type SignInPurpose = "sign-in" | "lost-links";

export function renderSignInEmail(input: { url: string; minutes: number; purpose?: SignInPurpose }): RenderedEmail {
  if (input.purpose === "lost-links") return renderLostLinksEmail(input);
  const subject = "Your Tern sign-in link";
  const html = layout({
    title: subject,
    preheader: `Sign in to see your eSIMs. The link works once, for ${input.minutes} minutes.`,
    content:
      heading("Sign in to Tern") +
      paragraph("Use the button below to sign in and see your eSIMs, their data and your orders.") +
      button(input.url, "Sign in") +
      paragraph(`Or paste this link into your browser: ${link(input.url, input.url)}`, true) +
      paragraph(`The link works once and expires in ${input.minutes} minutes.`, true),
    footer: escapeHtml("If you did not ask to sign in, ignore this email: nothing happens without the link."),
  });
  const text = textBody([
    "Sign in to Tern",
    `Open this link to sign in and see your eSIMs and orders:\n${input.url}`,
    `The link works once and expires in ${input.minutes} minutes.`,
    "If you did not ask to sign in, ignore this email.",
  ]);
  return { subject, html, text };
}

/**
 * "I lost my order link": one sign-in link to the account, where every order placed with this email is
 * listed with its eSIM. Worded so it is true whether or not the address has orders.
 */
function renderLostLinksEmail(input: { url: string; minutes: number }): RenderedEmail {
  const subject = "Your Tern orders";
  const html = layout({
    title: subject,
    preheader: "Open your account to see every eSIM bought with this email.",
    content:
      heading("Your orders and eSIMs") +
      paragraph(
        "Someone (hopefully you) asked for the links to orders placed with this email address. Open your account to see every eSIM bought with it, with its QR code and install steps.",
      ) +
      button(input.url, "Open my orders") +
      paragraph(`Or paste this link into your browser: ${link(input.url, input.url)}`, true) +
      paragraph(
        `The link works once and expires in ${input.minutes} minutes. If there are no orders with this address, your account will simply be empty.`,
        true,
      ),
    footer: escapeHtml("If you did not ask for this, ignore this email: nothing happens without the link."),
  });
  const text = textBody([
    "Your orders and eSIMs",
    `Open your account to see every eSIM bought with this email address:\n${input.url}`,
    `The link works once and expires in ${input.minutes} minutes.`,
    "If you did not ask for this, ignore this email.",
  ]);
  return { subject, html, text };
}

/** No idempotency key: every request is a new link, and the rate limit stops floods. */
export function sendSignInEmail(
  to: string,
  url: string,
  minutes: number,
  purpose: SignInPurpose = "sign-in",
): Promise<{ id: string }> {
  return sendAccountEmail({
    ...renderSignInEmail({ url, minutes, purpose }),
    to,
    tags: { category: purpose === "sign-in" ? "sign_in" : "lost_links" },
  });
}
