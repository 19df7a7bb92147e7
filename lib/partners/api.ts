import { getDb, type Db } from "@/lib/db";
import type { ApiKey, ApiScope, Partner } from "@/lib/db/schema";
import { takeRateLimit } from "@/lib/http/rate-limit";
import { log } from "@/lib/observability/logger";
import { ApiError, apiError } from "./errors";
import { resolveApiKey } from "./keys";

/** Per key, so one partner's busy integration cannot starve another's. */
export const API_KEY_LIMIT = { max: 120, windowMs: 60_000 };

interface PartnerContext {
  db: Db;
  partner: Partner;
  key: ApiKey;
  request: Request;
}

type Handler<P> = (ctx: PartnerContext, params: P) => Promise<Response>;

export function partnerRoute<P = Record<string, never>>(scope: ApiScope, handler: Handler<P>) {
  return async (request: Request, context?: { params: Promise<P> }): Promise<Response> => {
    try {
      const header = request.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match)
        return apiError(request, "unauthorized", "Send your API key as `Authorization: Bearer <key>`.", {
          "www-authenticate": 'Bearer realm="tern"',
        });
      const db = await getDb();
      const resolved = await resolveApiKey(db, match[1]!);
      if (!resolved.ok)
        return resolved.reason === "unauthorized"
          ? apiError(request, "unauthorized", "This API key is not valid.", {
              "www-authenticate": 'Bearer realm="tern", error="invalid_token"',
            })
          : apiError(request, "partner_suspended", "This partner account is not active. Contact Tern support.");
      const { key, partner } = resolved;
      if (!key.scopes.includes(scope))
        return apiError(request, "insufficient_scope", `This key lacks the ${scope} scope.`);
      const taken = await takeRateLimit(db, [{ bucket: `api:key:${key.id}`, limit: API_KEY_LIMIT }]);
      if (!taken.ok)
        return apiError(request, "rate_limited", "Too many requests for this key.", {
          "retry-after": String(taken.retryAfterSeconds),
        });
      const params = (context ? await context.params : {}) as P;
      return await handler({ db, partner, key, request }, params);
    } catch (err) {
      if (err instanceof ApiError) return apiError(request, err.code, err.message, err.headers);
      log.error({ err }, "reseller API request failed");
      return apiError(request, "internal_error", "Something went wrong on our side. Please retry.");
    }
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}
