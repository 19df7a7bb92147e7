-- Jobs queued before lanes existed all defaulted to the fulfilment lane: move the open ones to their kind's lane.
UPDATE "jobs" SET "lane" = 'webhooks' WHERE "kind" = 'partner_webhook' AND "status" IN ('queued', 'running');
--> statement-breakpoint
UPDATE "jobs" SET "lane" = 'alerts' WHERE "kind" = 'admin_alert' AND "status" IN ('queued', 'running');
--> statement-breakpoint
UPDATE "jobs" SET "lane" = 'maintenance' WHERE "kind" = 'purchase_audit' AND "status" IN ('queued', 'running');
