// The portal shows it too, so a mail that cannot be sent is logged, not retried.
import type { Db } from "@/lib/db";
import type { WebhookEndpoint } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { sendEmail } from "@/lib/delivery/email";
import { button, escapeHtml, heading, layout, paragraph } from "@/lib/delivery/templates/html";
import { log } from "@/lib/observability/logger";
import { partnerUsersOf } from "./accounts";

export async function tellPartnerEndpointDisabled(db: Db, endpoint: WebhookEndpoint): Promise<void> {
  const to = await partnerUsersOf(db, endpoint.partnerId);
  if (to.length === 0) return;
  const page = `${env().appUrl}/partner/webhooks`;
  const subject = "A webhook endpoint was disabled";
  const lines = [
    `Every delivery to ${endpoint.url} has failed for three days, so we stopped sending events to it.`,
    "Events raised meanwhile stay in your delivery log, and the API always has the current state of your orders.",
    `Once the endpoint answers again, switch it back on at ${page}.`,
  ];
  try {
    await sendEmail(
      {
        to,
        subject,
        text: `${lines.join("\n\n")}\n`,
        html: layout({
          title: subject,
          preheader: lines[0]!,
          content:
            heading(subject) +
            lines
              .slice(0, 2)
              .map((l) => paragraph(escapeHtml(l)))
              .join("") +
            button(page, "Open your webhooks"),
          footer: "You receive this because you manage a Tern reseller account.",
        }),
        tags: { kind: "webhook_endpoint_disabled" },
      },
      `webhook-disabled/${endpoint.id}/${endpoint.disabledAt?.getTime() ?? 0}`,
    );
  } catch (err) {
    log.error({ err, endpointId: endpoint.id }, "could not tell the partner their webhook endpoint was disabled");
  }
}
