// Written for what Tern actually does: prepaid eSIM data plans bought on demand from a network partner,
// delivered by email and on a private page, paid through Stripe.

export const DEFAULT_POLICIES = {
  terms: `
These terms apply when you buy from **{{name}}**, a service of {{legalName}} ({{address}}){{registration}}. By placing an order you agree to them. Please also read our [refund policy](/refund-policy) and [privacy policy](/privacy).

## What we sell

We sell prepaid **eSIM data plans** for travel: a digital SIM profile that you install on a compatible phone, with the amount of data and the validity shown on the plan's page. Plans carry **data only** unless the plan page says otherwise — no phone number, calls or SMS. Each plan uses the mobile networks listed for it; coverage and speeds depend on those networks where you are.

## Before you buy

- Your phone must support eSIM and must not be carrier-locked. If you are unsure, check with your phone's maker or carrier before buying.
- Prices are shown in the currency at checkout and include all fees we charge. Your bank may add its own charges for foreign-currency payments.
- Some plans start their validity when the eSIM first connects to a network in a covered country, others when the eSIM is installed; the plan page says which.

## Payment

Payments are processed by Stripe. We never see or store your full card number. An order is confirmed once Stripe confirms the payment.

## Delivery

We deliver your eSIM electronically, usually within a minute of payment: by email to the address you give at checkout, and on your private order page. If we cannot deliver it, we refund you in full automatically (see the [refund policy](/refund-policy)).

## Installing and using your eSIM

- An eSIM can normally be **installed only once**. Do not delete it from your phone until you have finished with it: a deleted eSIM usually cannot be reinstalled, and that is not a fault of the eSIM.
- Keep your QR code and private order link to yourself: anyone who has them can install your eSIM.
- Use the plan lawfully and in line with the network's fair-use rules. We may suspend a plan that is used for fraud or abuse.

## Top-ups

Where a plan page says so, you can add data to an eSIM you already hold. A top-up is delivered to the same eSIM; there is nothing new to install.

## Our responsibility

We are responsible for delivering the eSIM you paid for in working order. We are not responsible for a network's coverage at a particular place, for a phone that does not support eSIM or is locked, or for losses that were not foreseeable when you ordered. Nothing in these terms limits rights you have by law as a consumer.

## Changes

We may update these terms; the version on this page when you ordered applies to your order.

## Law and disputes

These terms are governed by the law of {{jurisdiction}}. If something goes wrong, please [contact us]({{contactUrl}}) first — we will try to put it right quickly.
`,

  "refund-policy": `
We want you to be able to rely on your eSIM. This policy says when you get your money back from **{{name}}** ({{legalName}}).

## If we cannot deliver your eSIM

If we cannot deliver your eSIM after you have paid — for example because the network partner has run out of a plan — we **refund you in full, automatically**. You do not need to ask. We email you when the refund is made.

## If your eSIM is not installed or used

You can ask for a **full refund of an eSIM you have not installed** within 30 days of buying it. [Contact us]({{contactUrl}}) with your order number. Once an eSIM has been installed or has connected to a network, it has been used and we cannot resell it, so this right ends then. Because an eSIM is digital content delivered immediately at your request, the statutory right to cancel within 14 days ends once it is delivered; this policy gives you more than the law requires.

## If your eSIM does not work

If your eSIM is installed but does not connect, contact us before you give up on it. We will help you get it working; if the fault is ours or the network's and we cannot fix it, we refund you in full or in part for the data you could not use.

## Top-ups

A top-up can be refunded while none of its data has been used.

## How refunds are paid

Refunds go back to the card or payment method you paid with, in the same currency. They usually appear within 5–10 business days, depending on your bank. We email you for every refund, with the amount, and your order page shows it.

## What we cannot refund

- An eSIM deleted from the phone after it was installed.
- Data used, or a plan whose validity has ended.
- A phone that does not support eSIM or is carrier-locked, once the eSIM has been installed.

Your rights under consumer law are not affected by this policy.
`,

  privacy: `
This policy explains what personal data **{{name}}** collects, why, who else handles it, and your rights. The controller of your data is {{legalName}}, {{address}}{{registration}}. You can reach us at [{{supportEmail}}](mailto:{{supportEmail}}).

## What we collect

- **Your email address** — to send your eSIM, your receipt and messages about your order, and to let you sign in.
- **Your orders** — what you bought, when, the amount, and the eSIM's identifiers (ICCID and install details).
- **Payment records** — Stripe tells us whether a payment succeeded, its amount, and the last four digits and brand of the card. We never receive your full card number.
- **Usage of your eSIM** — how much data is left, as reported by the network partner, so we can show it to you.
- **Technical data** — your IP address and browser, kept in short-lived server logs for security and to prevent fraud, and a cookie that keeps you signed in or remembers your checkout.

We do not use advertising trackers and we do not sell your data.

## Who processes your data for us

- **Stripe** — payments and fraud prevention.
- **eSIM Go** and **Zendit** — the network partners that issue the eSIM; they receive the order, not your name.
- **Supabase** — our database and the private storage of QR codes.
- **Resend** — sending our emails.

Each processes your data only on our instructions. Some are based outside your country; where that happens, the transfer is covered by standard contractual clauses or an equivalent safeguard.

## Why we may use it

To perform our contract with you (delivering and supporting your eSIM), to meet legal obligations (accounting and tax records), and for our legitimate interest in keeping the service secure.

## How long we keep it

- Your account and eSIM details: while you have an account, and until you delete it.
- Orders and payment records: as long as accounting and tax law requires (usually 6–10 years), even after you delete your account — but without your name or email address.
- Server logs: up to 30 days.

## Your rights

You can ask for a copy of your data, correction, deletion, restriction or to object, and you can complain to your data protection authority. If you have an account you can do two of these yourself on [your account page](/account):

- **Download your data** — everything we hold about you, as a JSON file.
- **Delete your account** — we erase your email address and sign-in, end your sessions and revoke the private links to your eSIMs. Orders and payment records stay, anonymised, because the law requires us to keep them.

For anything else, [contact us]({{contactUrl}}).
`,

  faq: `
## Which phones work with an eSIM?

Most iPhones from the XS/XR (2018) on, Google Pixel 3 and later, Samsung Galaxy S20 and later, and many other recent phones. The phone must not be locked to a carrier. On an iPhone, look under Settings → General → About for "Digital SIM" or "Available SIM"; on Android, search Settings for "eSIM".

## When do I get my eSIM?

Usually within a minute of paying — by email and on your private order page. If something goes wrong we refund you automatically.

## When should I install it?

Before you travel, while you are on Wi-Fi. The [installation guide](/help/install) shows each step with pictures.

## When does my plan start?

It depends on the plan: most start when the eSIM first connects to a network in a covered country, some when you install it. The plan page says which.

## Does the eSIM come with a phone number?

No. Our plans are data only. You can keep your usual SIM on for calls and texts, and use apps such as WhatsApp over the eSIM's data.

## Can I add data later?

Where the plan page says "top-ups available", yes: from your account, on the eSIM's page. There is nothing new to install.

## Can I get a refund?

Yes, in full if we cannot deliver, or if you have not installed the eSIM — see the [refund policy](/refund-policy).

## Where do I find my receipt?

In the receipt email we send after payment, and on your order page and account, where you can print it.

## How do I reach you?

[Contact us]({{contactUrl}}) — we answer by email.
`,
} as const;

export type PolicySlug = keyof typeof DEFAULT_POLICIES;
