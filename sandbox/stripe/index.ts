// The Stripe imitation: the /v1 API subset Tern uses (Checkout Sessions, PaymentIntents, Charges, Refunds,
// Balance, Events, Issuing), the hosted checkout page and the control routes. `new Stripe(key, { host,
// port, protocol: "http" })` talks to it unchanged.
import type { SandboxApp } from "../server";
import { authenticate, faultErrorBody, noSuch, runApi, type ApiHandler } from "./api";
import {
  clearExpiryTimer,
  createSession,
  expireDueSessions,
  expireSessionRoute,
  listSessionLineItems,
  listSessions,
  retrieveSession,
  scheduleExpiry,
} from "./checkout";
import { registerStripeControl } from "./control";
import {
  createCoupon,
  createPromotionCode,
  deleteCoupon,
  listCoupons,
  listPromotionCodes,
  retrieveCoupon,
  retrievePromotionCode,
  updatePromotionCode,
} from "./coupons";
import { registerHostedPage } from "./hosted-page";
import {
  createCard,
  createCardholder,
  listAuthorizations,
  listCardholders,
  listCards,
  retrieveAuthorization,
  retrieveCard,
  retrieveCardholder,
  updateCard,
} from "./issuing";
import {
  createRefund,
  listCharges,
  listPaymentIntents,
  listRefunds,
  retrieveBalance,
  retrieveCharge,
  retrievePaymentIntent,
  retrieveRefund,
} from "./payments";
import { clone, stripeState } from "./objects";
import { clearDeliveryTimers, listEventsFrom, resumeDeliveries, stopDeliveries } from "./events";

export { chargeIssuingCard } from "./issuing";

export function registerStripe(app: SandboxApp): void {
  const service = app.router.service({
    name: "stripe",
    prefix: "/v1",
    errorBody: faultErrorBody,
    before: (ctx) => {
      if (authenticate(ctx)) return true;
      // Lazy expiry: whatever the request, sessions past expires_at are expired before it is served.
      expireDueSessions(app);
      return false;
    },
  });
  const route = (method: string, pattern: string, handler: ApiHandler) =>
    service.route(method, pattern, (ctx) => runApi(app, ctx, handler));

  route("POST", "/checkout/sessions", createSession);
  route("GET", "/checkout/sessions", listSessions);
  route("GET", "/checkout/sessions/:id", retrieveSession);
  route("GET", "/checkout/sessions/:id/line_items", listSessionLineItems);
  route("POST", "/checkout/sessions/:id/expire", expireSessionRoute);

  route("POST", "/coupons", createCoupon);
  route("GET", "/coupons", listCoupons);
  route("GET", "/coupons/:id", retrieveCoupon);
  route("DELETE", "/coupons/:id", deleteCoupon);
  route("POST", "/promotion_codes", createPromotionCode);
  route("GET", "/promotion_codes", listPromotionCodes);
  route("GET", "/promotion_codes/:id", retrievePromotionCode);
  route("POST", "/promotion_codes/:id", updatePromotionCode);

  route("GET", "/payment_intents", listPaymentIntents);
  route("GET", "/payment_intents/:id", retrievePaymentIntent);
  route("GET", "/charges", listCharges);
  route("GET", "/charges/:id", retrieveCharge);
  route("POST", "/refunds", createRefund);
  route("GET", "/refunds", listRefunds);
  route("GET", "/refunds/:id", retrieveRefund);
  route("GET", "/balance", retrieveBalance);

  route("GET", "/events", (req) => listEventsFrom(req.app, req.params));
  route("GET", "/events/:id", (req) => {
    const record = stripeState(req.app).events[req.ctx.params.id!];
    if (!record) throw noSuch("event", req.ctx.params.id!);
    return clone(record.event);
  });

  route("POST", "/issuing/cardholders", createCardholder);
  route("GET", "/issuing/cardholders", listCardholders);
  route("GET", "/issuing/cardholders/:id", retrieveCardholder);
  route("POST", "/issuing/cards", createCard);
  route("GET", "/issuing/cards", listCards);
  route("GET", "/issuing/cards/:id", retrieveCard);
  route("POST", "/issuing/cards/:id", updateCard);
  route("GET", "/issuing/authorizations", listAuthorizations);
  route("GET", "/issuing/authorizations/:id", retrieveAuthorization);

  registerHostedPage(app);
  registerStripeControl(app);

  // Sessions persisted by an earlier run still expire on time, and its undelivered events are retried.
  scheduleExpiry(app);
  resumeDeliveries(app);
  app.onReset(() => {
    clearExpiryTimer(app);
    clearDeliveryTimers(app);
  });
  app.onClose(() => stopDeliveries(app));
}
