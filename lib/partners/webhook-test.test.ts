// "Send test event": signed like every event (the docs' own check verifies it), shown in the delivery log with
// what the endpoint answered, refused for another partner's or a disabled endpoint, and sent once on a double click.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { testDbKinds } from "@/lib/db/testing";
import { useHarness } from "@/test/harness";
import { testPartner } from "@/test/partners";
import { createEndpoint, deliveryLog, disableEndpoint, replayDelivery } from "./webhooks";
import { webhookPayloadSchema } from "./schemas";
import { verifySignature } from "./signature";
import { sendTestEvent } from "./webhook-test";

async function receiver(status = 200) {
  const received: { body: string; signature: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: String(req.headers["tern-signature"] ?? "") });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((r) => server.close(r)) };
}

describe.each(testDbKinds())("webhook test events on %s", (kind) => {
  const h = useHarness(kind);

  it("posts a signed test event and logs the answer; a double click sends one", async () => {
    const hook = await receiver();
    try {
      const { partner } = await testPartner(h.db);
      const { endpoint, secret } = await createEndpoint(h.db, partner.id, {
        url: hook.url,
        events: ["order.delivered"],
      });
      const now = new Date();
      const [a, b] = await Promise.all([
        sendTestEvent(h.db, partner.id, endpoint.id, now),
        sendTestEvent(h.db, partner.id, endpoint.id, now),
      ]);
      const sent = [a, b].filter((r) => r.sent);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ ok: true, status: 200, error: null });
      expect([a, b].find((r) => !r.sent)).toMatchObject({ reason: expect.stringMatching(/just sent/) });
      expect(hook.received).toHaveLength(1);
      const got = hook.received[0]!;
      expect(verifySignature(secret, got.signature, got.body)).toBe(true);
      expect(verifySignature("whsec_wrong", got.signature, got.body)).toBe(false);
      const payload = webhookPayloadSchema.parse(JSON.parse(got.body));
      expect(payload.type).toBe("test");
      expect(JSON.stringify(payload)).not.toMatch(/LPA:|matchingId|ord_/);

      const log = await deliveryLog(h.db, partner.id);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({
        type: "test",
        orderId: null,
        status: "succeeded",
        attempts: 1,
        lastResponseStatus: 200,
      });
      // A test delivery is not replayed through the job queue (it belongs to no order): send another instead.
      expect(await replayDelivery(h.db, partner.id, log[0]!.id)).toBe(false);
    } finally {
      await hook.close();
    }
  });

  it("shows a failing endpoint's answer and does not retry it", async () => {
    const hook = await receiver(500);
    try {
      const { partner } = await testPartner(h.db);
      const { endpoint } = await createEndpoint(h.db, partner.id, { url: hook.url, events: ["order.delivered"] });
      expect(await sendTestEvent(h.db, partner.id, endpoint.id)).toMatchObject({ sent: true, ok: false, status: 500 });
      const [row] = await deliveryLog(h.db, partner.id);
      expect(row).toMatchObject({ status: "failed", lastResponseStatus: 500 });
    } finally {
      await hook.close();
    }
  });

  it("refuses another partner's endpoint and a disabled one, sending nothing", async () => {
    const hook = await receiver();
    try {
      const owner = await testPartner(h.db);
      const stranger = await testPartner(h.db);
      const { endpoint } = await createEndpoint(h.db, owner.partner.id, { url: hook.url, events: ["order.delivered"] });
      expect(await sendTestEvent(h.db, stranger.partner.id, endpoint.id)).toMatchObject({ sent: false });
      await disableEndpoint(h.db, owner.partner.id, endpoint.id);
      expect(await sendTestEvent(h.db, owner.partner.id, endpoint.id)).toMatchObject({ sent: false });
      expect(hook.received).toHaveLength(0);
      expect(await deliveryLog(h.db, stranger.partner.id)).toHaveLength(0);
    } finally {
      await hook.close();
    }
  });
});
