// The hosted Checkout page a Session's `url` points at: server-rendered HTML with no scripts or outside
// assets. It takes an email and a test card, pays through the same `paySession` as the control API, and
// redirects to success_url (303) — or re-renders with Stripe's decline message and a 402.
import type { SandboxApp } from "../server";
import type { RequestContext } from "../core/router";
import { escapeHtml as esc, redirect, sendText } from "../core/http";
import { formatMoney, parseExpiry } from "./cards";
import { getSessionRecord, paySession, successRedirect } from "./checkout";
import type { SessionRecord } from "./objects";

/**
 * Stripe shows Checkout in the session's `locale` (`auto`: the browser's language). The sandbox speaks the shop's
 * languages on its labels and amounts; any other locale gets English. Decline messages and the test-card help stay
 * English.
 */
const LABELS = {
  en: {
    back: "Back",
    testMode: "Test mode",
    pay: "Pay",
    items: "Order items",
    qty: "Qty",
    subtotal: "Subtotal",
    discount: "Discount",
    totalDue: "Total due",
    payWithCard: "Pay with card",
    email: "Email",
    cardInformation: "Card information",
    cardNumber: "Card number",
    expiry: "Expiration (MM / YY)",
    cvc: "CVC",
    nameOnCard: "Name on card",
    terms: "I agree to the Terms of Service",
  },
  de: {
    back: "Zurück",
    testMode: "Testmodus",
    pay: "Bezahlen",
    items: "Bestellte Artikel",
    qty: "Menge",
    subtotal: "Zwischensumme",
    discount: "Rabatt",
    totalDue: "Fälliger Gesamtbetrag",
    payWithCard: "Mit Karte bezahlen",
    email: "E-Mail",
    cardInformation: "Kartendaten",
    cardNumber: "Kartennummer",
    expiry: "Ablaufdatum (MM / JJ)",
    cvc: "Prüfnummer",
    nameOnCard: "Name auf der Karte",
    terms: "Ich stimme den Nutzungsbedingungen zu",
  },
  es: {
    back: "Atrás",
    testMode: "Modo de prueba",
    pay: "Pagar",
    items: "Artículos del pedido",
    qty: "Cant.",
    subtotal: "Subtotal",
    discount: "Descuento",
    totalDue: "Total a pagar",
    payWithCard: "Pagar con tarjeta",
    email: "Correo electrónico",
    cardInformation: "Datos de la tarjeta",
    cardNumber: "Número de tarjeta",
    expiry: "Caducidad (MM / AA)",
    cvc: "CVC",
    nameOnCard: "Nombre del titular",
    terms: "Acepto las Condiciones del servicio",
  },
} as const;
type PageLanguage = keyof typeof LABELS;
const MONEY_LOCALE: Record<PageLanguage, string> = { en: "en-US", de: "de-DE", es: "es-ES" };

/** The page's language: the session's locale, or for `auto` (and no locale) the browser's first one we speak. */
function pageLanguage(locale: string | null, acceptLanguage: string | undefined): PageLanguage {
  const wanted =
    locale && locale !== "auto"
      ? [locale]
      : (acceptLanguage ?? "").split(",").map((part) => part.split(";")[0]!.trim());
  for (const tag of wanted) {
    const base = tag.toLowerCase().split("-")[0]!;
    if (base in LABELS) return base as PageLanguage;
  }
  return "en";
}

interface FormValues {
  email: string;
  cardNumber: string;
  cardExpiry: string;
  cardCvc: string;
  billingName: string;
  termsOfService: boolean;
}

export function registerHostedPage(app: SandboxApp): void {
  app.page("GET", "/checkout/pay/:id", (ctx) => {
    const rec = getSessionRecord(app, ctx.params.id!);
    if (!rec) return html(ctx, 404, notFoundPage());
    if (rec.session.status !== "open") return html(ctx, 200, closedPage(rec));
    const values: FormValues = {
      email: rec.session.customer_email ?? "",
      cardNumber: "",
      cardExpiry: "",
      cardCvc: "",
      billingName: "",
      termsOfService: false,
    };
    html(ctx, 200, checkoutPage(rec, values, null, languageOf(ctx, rec)));
  });

  app.page("POST", "/checkout/pay/:id", (ctx) => {
    const rec = getSessionRecord(app, ctx.params.id!);
    if (!rec) return html(ctx, 404, notFoundPage());
    if (rec.session.status !== "open") return html(ctx, 409, closedPage(rec));
    const form = new URLSearchParams(ctx.body.toString("utf8"));
    const values: FormValues = {
      // A prefilled customer_email cannot be changed on Stripe's page either.
      email: rec.session.customer_email ?? (form.get("email") ?? "").trim(),
      cardNumber: form.get("cardNumber") ?? "",
      cardExpiry: form.get("cardExpiry") ?? "",
      cardCvc: (form.get("cardCvc") ?? "").trim(),
      billingName: (form.get("billingName") ?? "").trim(),
      termsOfService: form.get("termsOfService") === "accepted",
    };
    const expiry = parseExpiry(values.cardExpiry);
    if (!expiry)
      return html(
        ctx,
        400,
        checkoutPage(
          rec,
          values,
          { field: "cardExpiry", message: "Your card's expiration date is incomplete." },
          languageOf(ctx, rec),
        ),
      );
    if (!values.cardCvc)
      return html(
        ctx,
        400,
        checkoutPage(
          rec,
          values,
          { field: "cardCvc", message: "Your card's security code is incomplete." },
          languageOf(ctx, rec),
        ),
      );

    const result = paySession(app, rec.session.id, {
      number: values.cardNumber,
      expMonth: expiry.month,
      expYear: expiry.year,
      cvc: values.cardCvc,
      email: values.email,
      name: values.billingName || null,
      termsAccepted: values.termsOfService,
      via: "page",
    });
    if (!result.ok) {
      const field =
        result.error.param === "email"
          ? "email"
          : result.error.param === "consent"
            ? "termsOfService"
            : result.error.param === "cvc"
              ? "cardCvc"
              : result.error.param?.startsWith("exp")
                ? "cardExpiry"
                : "cardNumber";
      return html(
        ctx,
        result.status,
        checkoutPage(rec, values, { field, message: result.error.message }, languageOf(ctx, rec)),
      );
    }
    const target = successRedirect(result.session);
    if (target) return redirect(ctx.res, target, 303);
    html(
      ctx,
      200,
      messagePage(
        "Payment successful",
        `<p>Thanks — your payment of ${esc(formatMoney(result.session.amount_total, result.session.currency))} went through.</p>`,
      ),
    );
  });
}

function languageOf(ctx: RequestContext, rec: SessionRecord): PageLanguage {
  return pageLanguage(rec.session.locale, ctx.req.headers["accept-language"]);
}

function html(ctx: RequestContext, status: number, body: string): void {
  sendText(ctx.res, status, body, "text/html; charset=utf-8", { "cache-control": "no-store" });
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f8fa}
.wrap{max-width:960px;margin:0 auto;padding:32px 20px;display:grid;gap:40px;grid-template-columns:1fr}
@media(min-width:820px){.wrap{grid-template-columns:1fr 1fr;padding-top:64px}}
a{color:#4b3fd1}
.back{display:inline-block;margin-bottom:16px;text-decoration:none;font-weight:600}
.back:hover,.back:focus{text-decoration:underline}
.badge{display:inline-block;margin:0 0 12px 10px;padding:2px 8px;border-radius:4px;background:#ffe8b3;color:#6b4400;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
h1{margin:0 0 24px;font-size:16px;font-weight:500;color:#555d75}
h1 .total{display:block;font-size:36px;font-weight:700;color:#1a1f36}
h2{font-size:20px;margin:0 0 16px}
.items{list-style:none;margin:0;padding:0}
.items li{display:flex;gap:12px;justify-content:space-between;padding:12px 0;border-bottom:1px solid #e3e8ee}
.items small{display:block;color:#555d75}
.qty{color:#555d75;white-space:nowrap}
.amt{font-weight:600;white-space:nowrap}
.totals{margin:16px 0 0}
.totals div{display:flex;justify-content:space-between;padding:4px 0}
.totals dt,.totals dd{margin:0}
.totals .grand{font-weight:700;border-top:1px solid #e3e8ee;padding-top:12px;margin-top:8px}
.pay{background:#fff;border-radius:12px;padding:28px;box-shadow:0 2px 12px rgba(26,31,54,.08)}
label,legend{display:block;font-size:14px;font-weight:600;color:#30364d;margin:14px 0 6px}
fieldset{border:0;margin:0;padding:0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
input{width:100%;padding:11px 12px;font:inherit;border:1px solid #c3c9d4;border-radius:6px;background:#fff;color:#1a1f36}
input:focus{outline:3px solid rgba(99,91,255,.35);border-color:#635bff}
input[readonly]{background:#f2f4f7;color:#555d75}
input[aria-invalid=true]{border-color:#c0123c}
.row{display:grid;grid-template-columns:1fr 1fr;gap:12px;align-items:end}
button{margin-top:24px;width:100%;padding:13px;font:inherit;font-weight:700;color:#fff;background:#635bff;border:0;border-radius:6px;cursor:pointer}
button:hover{background:#4b3fd1}
button:focus{outline:3px solid rgba(99,91,255,.45);outline-offset:2px}
.error{margin:0 0 8px;padding:12px 14px;border-radius:6px;background:#fdecef;color:#8a0d2c;border:1px solid #f5b5c3;font-weight:600}
.consent{display:flex;gap:10px;align-items:flex-start;margin:18px 0 0;padding:12px;border:1px solid #e3e8ee;border-radius:6px;font-size:14px;color:#30364d}
.consent input{width:auto;margin:3px 0 0;flex:none}
.consent label{margin:0;font-weight:400}
.custom-text{margin:12px 0 0;font-size:14px;color:#555d75}
.help{margin-top:24px;font-size:14px;color:#555d75}
.help code{font-size:13px;color:#1a1f36}
.message{max-width:560px;margin:80px auto;padding:32px;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(26,31,54,.08)}
.message h1{font-size:24px;color:#1a1f36;font-weight:700}
`;

function layout(title: string, body: string, lang: PageLanguage = "en"): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

function checkoutPage(
  rec: SessionRecord,
  values: FormValues,
  error: { field: keyof FormValues; message: string } | null,
  lang: PageLanguage,
): string {
  const s = rec.session;
  const t = LABELS[lang];
  const money = (amount: number) => esc(formatMoney(amount, s.currency, MONEY_LOCALE[lang]));
  const total = money(s.amount_total);
  const items = rec.lineItems
    .map((li) => {
      const product = rec.products[li.price.product];
      const description = product?.description ? `<small>${esc(product.description)}</small>` : "";
      return `<li><div><strong>${esc(li.description)}</strong>${description}</div><div class="qty">${t.qty} ${li.quantity}</div><div class="amt">${money(li.amount_total)}</div></li>`;
    })
    .join("");
  const invalid = (field: keyof FormValues) =>
    error?.field === field ? ' aria-invalid="true" aria-describedby="payment-error"' : "";
  const back = s.cancel_url ? `<a class="back" href="${esc(s.cancel_url)}">&larr; ${t.back}</a>` : "";
  const emailLocked = s.customer_email ? " readonly" : "";
  return layout(
    `${t.pay} ${total} · Sandbox checkout`,
    `<main class="wrap">
<section class="summary" aria-labelledby="summary-heading">
${back}<span class="badge">${t.testMode}</span>
<h1 id="summary-heading">${t.pay} <span class="total">${total}</span></h1>
<ul class="items" aria-label="${t.items}">${items}</ul>
<dl class="totals">
<div><dt>${t.subtotal}</dt><dd>${money(s.amount_subtotal)}</dd></div>
${discountRow(rec, t.discount, money)}
<div class="grand"><dt>${t.totalDue}</dt><dd>${total}</dd></div>
</dl>
</section>
<section class="pay" aria-labelledby="pay-heading">
<h2 id="pay-heading">${t.payWithCard}</h2>
${error ? `<div class="error" id="payment-error" role="alert">${esc(error.message)}</div>` : ""}
<form method="post" action="/checkout/pay/${esc(s.id)}" novalidate>
<label for="email">${t.email}</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${esc(values.email)}"${emailLocked}${invalid("email")}>
<fieldset>
<legend class="visually-hidden">${t.cardInformation}</legend>
<label for="cardNumber">${t.cardNumber}</label>
<input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" required value="${esc(values.cardNumber)}"${invalid("cardNumber")}>
<div class="row">
<div><label for="cardExpiry">${t.expiry}</label>
<input id="cardExpiry" name="cardExpiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" required value="${esc(values.cardExpiry)}"${invalid("cardExpiry")}></div>
<div><label for="cardCvc">${t.cvc}</label>
<input id="cardCvc" name="cardCvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" maxlength="4" required value="${esc(values.cardCvc)}"${invalid("cardCvc")}></div>
</div>
</fieldset>
<label for="billingName">${t.nameOnCard}</label>
<input id="billingName" name="billingName" autocomplete="cc-name" value="${esc(values.billingName)}">
${consentBox(rec, values, invalid("termsOfService"), t.terms)}
${s.custom_text.submit ? `<p class="custom-text" data-custom-text="submit">${customText(s.custom_text.submit.message)}</p>` : ""}
<button type="submit">${t.pay} ${total}</button>
${s.custom_text.after_submit ? `<p class="custom-text" data-custom-text="after_submit">${customText(s.custom_text.after_submit.message)}</p>` : ""}
</form>
<div class="help">
<p>This is the Tern sandbox: no real money moves. Test cards (any future expiry, any CVC):</p>
<ul>
<li><code>4242 4242 4242 4242</code> pays</li>
<li><code>4000 0000 0000 0002</code> is declined</li>
<li><code>4000 0000 0000 9995</code> has insufficient funds</li>
</ul>
</div>
</section>
</main>`,
    lang,
  );
}

/**
 * Stripe's terms checkbox: its own sentence, or the session's custom_text[terms_of_service_acceptance] in its
 * place. (Stripe links its sentence to the terms URL in the account's public details; the sandbox account has none,
 * so its default sentence is plain text.)
 */
function consentBox(rec: SessionRecord, values: FormValues, invalidAttr: string, defaultText: string): string {
  const s = rec.session;
  if (s.consent_collection?.terms_of_service !== "required") return "";
  const message = s.custom_text.terms_of_service_acceptance?.message;
  const text = message ? customText(message) : defaultText;
  return `<div class="consent"><input id="termsOfService" name="termsOfService" type="checkbox" value="accepted" required${values.termsOfService ? " checked" : ""}${invalidAttr}><label for="termsOfService">${text}</label></div>`;
}

/** custom_text messages take Markdown links (`[label](https://…)`), as on Stripe's page; everything else is text. */
function customText(message: string): string {
  return esc(message).replace(
    /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g,
    (_, label: string, href: string) => `<a href="${href}" target="_blank" rel="noopener">${label}</a>`,
  );
}

function closedPage(rec: SessionRecord): string {
  const s = rec.session;
  if (s.status === "complete") {
    const next = successRedirect(s);
    return messagePage(
      "This payment is already complete",
      `<p>The checkout session has been paid (${esc(formatMoney(s.amount_total, s.currency))}).</p>${next ? `<p><a href="${esc(next)}">Continue</a></p>` : ""}`,
    );
  }
  return messagePage(
    "This checkout session has expired",
    `<p>The session is no longer accepting payments. Start a new checkout to try again.</p>${s.cancel_url ? `<p><a href="${esc(s.cancel_url)}">Return to the shop</a></p>` : ""}`,
  );
}

function notFoundPage(): string {
  return messagePage(
    "Checkout session not found",
    "<p>The link may be wrong, or the sandbox was reset since this session was created.</p>",
  );
}

function messagePage(title: string, body: string): string {
  return layout(title, `<main class="message"><h1>${esc(title)}</h1>${body}</main>`);
}

/** The discount line Stripe's page shows under the subtotal: its name and the amount off. */
function discountRow(rec: SessionRecord, discount: string, money: (amount: number) => string): string {
  const off = rec.session.total_details.amount_discount;
  if (!off) return "";
  const label = rec.discountLabel ? `${discount} (${esc(rec.discountLabel)})` : discount;
  return `<div class="discount" data-testid="discount"><dt>${label}</dt><dd>&minus;${money(off)}</dd></div>`;
}
