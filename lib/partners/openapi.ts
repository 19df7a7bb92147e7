// Generated from the zod schemas that validate requests, so the document cannot drift from the API.
import { z } from "zod";
import { API_ERRORS, type ApiErrorCode } from "./errors";
import { API_SCOPES } from "@/lib/db/schema";
import { API_ROUTES } from "./routes";
import { errorSchema, webhookPayloadSchema } from "./schemas";
import { ERROR_EXAMPLE, exampleFor, WEBHOOK_EXAMPLE } from "./examples";
import { SIGNATURE_HEADER } from "./signature";

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

function jsonSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, Json>): Json {
  const generated = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  const out = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json & {
    $defs?: Record<string, Json>;
    id?: string;
  };
  const { $schema: _schema, $defs, id, ...rest } = out;
  for (const [name, def] of Object.entries($defs ?? {})) {
    const { id: _id, ...body } = def as Json & { id?: string };
    components[name] ??= body;
  }
  if (typeof id === "string") {
    components[id] ??= rest;
    return { $ref: REF(id) };
  }
  return rest;
}

function parameters(query: z.ZodObject | undefined, pathParams: string[] = []): Json[] {
  const out: Json[] = pathParams.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  if (query)
    for (const [name, field] of Object.entries(query.shape)) {
      const schema = z.toJSONSchema(field as z.ZodType, { io: "input", unrepresentable: "any" }) as Json;
      const { $schema: _s, description, ...rest } = schema;
      out.push({ name, in: "query", required: false, ...(description ? { description } : {}), schema: rest });
    }
  return out;
}

export function openApiDocument(serverUrl: string): Json {
  const components: Record<string, Json> = {};
  const errorRef = jsonSchema(errorSchema, "output", components);
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of API_ROUTES) {
    const example = exampleFor(route);
    const responses: Record<string, Json> = {
      [String(route.response.status)]: {
        description: route.response.description,
        content: {
          "application/json": {
            schema: jsonSchema(route.response.schema, "output", components),
            ...(example ? { example: example.response } : {}),
          },
        },
      },
    };
    const byStatus = new Map<number, ApiErrorCode[]>();
    for (const code of route.errors) {
      const status = API_ERRORS[code].status;
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b))
      responses[String(status)] = {
        description: codes.map((c) => `\`${c}\`: ${API_ERRORS[c].description}`).join(" "),
        content: { "application/json": { schema: errorRef, example: ERROR_EXAMPLE } },
      };
    const params = parameters(route.query, route.pathParams);
    if (route.idempotent)
      params.push({
        name: "Idempotency-Key",
        in: "header",
        required: true,
        description: "A unique key per order (a UUID is ideal), kept 24 hours.",
        schema: { type: "string", minLength: 8, maxLength: 255 },
      });
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      security: [{ apiKey: [] }],
      "x-scope": route.scope,
      ...(params.length ? { parameters: params } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: jsonSchema(route.body, "input", components),
                  ...(example?.body !== undefined ? { example: example.body } : {}),
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  const webhookRef = jsonSchema(webhookPayloadSchema, "output", components);
  return {
    openapi: "3.1.0",
    info: {
      title: "Tern reseller API",
      version: "1.0.0",
      description:
        "Order eSIMs for your customers, paid from your prepaid balance or postpaid credit line. Authenticate " +
        "with `Authorization: Bearer <key>`; each route needs the scope named in `x-scope` (" +
        API_SCOPES.join(", ") +
        "). Errors are " +
        "`{ error: { code, message, requestId } }`.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key from the partner portal." },
      },
      schemas: components,
    },
    paths,
    webhooks: {
      partnerEvent: {
        post: {
          summary: "order.delivered, order.failed, order.refunded, balance.low (and test, from the portal)",
          description: `Signed with the header \`${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>\`. Answer 2xx; anything else is retried with backoff.`,
          requestBody: {
            required: true,
            content: { "application/json": { schema: webhookRef, example: WEBHOOK_EXAMPLE } },
          },
          responses: { "200": { description: "Received." } },
        },
      },
    },
  };
}
