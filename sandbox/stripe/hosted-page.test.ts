// The hosted checkout page over plain HTTP (the Playwright spec covers it in a browser).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock, controlEvents, sessionParams, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(async () => {
  await t.close();
});

function submit(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
}

const card = (number: string) => ({
  email: "buyer@example.com",
  cardNumber: number,
  cardExpiry: "12 / 40",
  cardCvc: "123",
  billingName: "Jane Doe",
});

describe("hosted checkout page", () => {
  it("shows the line items, total and prefilled email with labelled fields", async () => {
    const session = await t.stripe.checkout.sessions.create(sessionParams(t.sandbox.url));
    const res = await fetch(session.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("United Kingdom 1 GB");
    expect(html).toContain("7 days, 4G/5G");
    expect(html).toContain("$5.99");
    expect(html).toMatch(/<input id="email"[^>]*value="traveller@example.com"[^>]*readonly/);
    for (const id of ["email", "cardNumber", "cardExpiry", "cardCvc", "billingName"])
      expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain(`href="${t.sandbox.url}/"`); // Back → cancel_url
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it("speaks the session's locale, and the browser's language for auto", async () => {
    const de = await t.stripe.checkout.sessions.create(
      sessionParams(t.sandbox.url, {
        locale: "de",
        line_items: [
          { price_data: { currency: "eur", unit_amount: 1299, product_data: { name: "Spanien 3 GB" } }, quantity: 1 },
        ],
      }),
    );
    const html = await (await fetch(de.url!)).text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<label for="cardNumber">Kartennummer</label>');
    expect(html).toContain("Mit Karte bezahlen");
    expect(html).toMatch(/<button type="submit">Bezahlen 12,99\s€<\/button>/);

    const auto = await t.stripe.checkout.sessions.create(sessionParams(t.sandbox.url, { locale: "auto" }));
    const es = await (await fetch(auto.url!, { headers: { "accept-language": "fr-FR, es;q=0.8, en;q=0.5" } })).text();
    expect(es).toContain('<html lang="es">');
    expect(es).toContain('<label for="cardNumber">Número de tarjeta</label>');

    const fr = await t.stripe.checkout.sessions.create(sessionParams(t.sandbox.url, { locale: "fr" }));
    expect(await (await fetch(fr.url!)).text()).toContain('<label for="cardNumber">Card number</label>');
  });

  it("pays with 4242 and redirects 303 to success_url with the session id", async () => {
    const session = await t.stripe.checkout.sessions.create(sessionParams(t.sandbox.url));
    const res = await submit(session.url!, card("4242 4242 4242 4242"));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${t.sandbox.url}/inbox?session_id=${session.id}`);
    const paid = await t.stripe.checkout.sessions.retrieve(session.id);
    expect(paid).toMatchObject({
      status: "complete",
      payment_status: "paid",
      customer_details: { email: "traveller@example.com", name: "Jane Doe" },
    });
    expect((await controlEvents(t.sandbox.url)).map((e) => e.type)).toEqual([
      "checkout.session.completed",
      "payment_intent.succeeded",
      "charge.succeeded",
    ]);

    const after = await fetch(session.url!);
    expect(await after.text()).toContain("This payment is already complete");
  });

  it("re-renders declines with Stripe's messages and a 402, leaving the session open", async () => {
    const session = await t.stripe.checkout.sessions.create(
      sessionParams(t.sandbox.url, { customer_email: undefined }),
    );
    const cases: [string, string][] = [
      ["4000 0000 0000 0002", "Your card was declined."],
      ["4000 0000 0000 9995", "Your card has insufficient funds."],
      ["1234 5678 9012 3456", "Your card number is invalid."],
    ];
    for (const [number, message] of cases) {
      const res = await submit(session.url!, card(number));
      expect(res.status).toBe(402);
      const html = await res.text();
      expect(html).toContain(`role="alert">${message}</div>`);
      expect(html).toMatch(/id="cardNumber"[^>]*aria-invalid="true"/);
      expect(html).toContain('value="buyer@example.com"'); // what was typed is kept
    }
    const expiredCard = await submit(session.url!, { ...card("4242424242424242"), cardExpiry: "01 / 20" });
    expect(expiredCard.status).toBe(402);
    expect(await expiredCard.text()).toContain("Your card&#39;s expiration date is in the past.");
    const noEmail = await submit(session.url!, { ...card("4242424242424242"), email: "" });
    expect(noEmail.status).toBe(400);

    expect(await t.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: "open",
      payment_status: "unpaid",
    });
    expect(await controlEvents(t.sandbox.url)).toEqual([]);
  });

  it("explains an expired session instead of taking payment", async () => {
    const session = await t.stripe.checkout.sessions.create(sessionParams(t.sandbox.url));
    await advanceClock(t.sandbox.url, 24 * 60 * 60 + 5);
    const page = await fetch(session.url!);
    expect(await page.text()).toContain("This checkout session has expired");
    const post = await submit(session.url!, card("4242424242424242"));
    expect(post.status).toBe(409);
    expect((await t.stripe.checkout.sessions.retrieve(session.id)).status).toBe("expired");

    expect((await fetch(`${t.sandbox.url}/checkout/pay/cs_test_unknown`)).status).toBe(404);
  });
});

describe("terms consent and custom text", () => {
  const withConsent = (origin: string) =>
    sessionParams(origin, {
      consent_collection: { terms_of_service: "required" },
      custom_text: {
        terms_of_service_acceptance: {
          message:
            "I agree to the [Terms](https://shop.example/terms) & [Refund policy](https://shop.example/refund-policy)",
        },
        submit: { message: "Your eSIM arrives by email within seconds." },
      },
    });

  it("shows the checkbox with the custom message, links rendered, and the submit text", async () => {
    const session = await t.stripe.checkout.sessions.create(withConsent(t.sandbox.url));
    expect(session.consent_collection).toMatchObject({ terms_of_service: "required" });
    expect(session.custom_text.submit).toEqual({ message: "Your eSIM arrives by email within seconds." });
    expect(session.consent).toBeNull();
    const html = await (await fetch(session.url!)).text();
    expect(html).toMatch(/<input id="termsOfService" name="termsOfService" type="checkbox"[^>]*required/);
    expect(html).toContain('<label for="termsOfService">I agree to the <a href="https://shop.example/terms"');
    expect(html).toContain('&amp; <a href="https://shop.example/refund-policy"');
    expect(html).toContain("Your eSIM arrives by email within seconds.");
  });

  it("refuses to pay without the box ticked, then records the consent once it is", async () => {
    const session = await t.stripe.checkout.sessions.create(withConsent(t.sandbox.url));
    const refused = await submit(session.url!, card("4242 4242 4242 4242"));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("You must agree to the terms of service");
    expect((await t.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect(await controlEvents(t.sandbox.url)).toEqual([]);

    const paid = await submit(session.url!, { ...card("4242 4242 4242 4242"), termsOfService: "accepted" });
    expect(paid.status).toBe(303);
    const done = await t.stripe.checkout.sessions.retrieve(session.id);
    expect(done.status).toBe("complete");
    expect(done.consent).toEqual({ promotions: null, terms_of_service: "accepted" });
  });

  it("refuses a control payment that declines the terms", async () => {
    const session = await t.stripe.checkout.sessions.create(withConsent(t.sandbox.url));
    const res = await fetch(`${t.sandbox.url}/_sandbox/stripe/checkout/sessions/${session.id}/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ card: "4242424242424242", accept_terms: false }),
    });
    expect(res.status).toBe(400);
    expect((await t.stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
  });

  it("rejects terms text without the consent it belongs to, and over-long messages", async () => {
    await expect(
      t.stripe.checkout.sessions.create(
        sessionParams(t.sandbox.url, { custom_text: { terms_of_service_acceptance: { message: "I agree" } } }),
      ),
    ).rejects.toThrow(/terms_of_service_acceptance/);
    await expect(
      t.stripe.checkout.sessions.create(
        sessionParams(t.sandbox.url, { custom_text: { submit: { message: "x".repeat(1201) } } }),
      ),
    ).rejects.toThrow(/at most 1200/);
  });
});
