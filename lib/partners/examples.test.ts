// The examples on /docs/api and in the OpenAPI document are what the API accepts and answers: each is parsed
// with the route's own zod schemas, so changing a schema without its example fails here.
import { describe, expect, it } from "vitest";
import { API_ROUTES } from "./routes";
import { errorSchema, webhookPayloadSchema } from "./schemas";
import { curlFor, ERROR_EXAMPLE, exampleFor, ROUTE_EXAMPLES, WEBHOOK_EXAMPLE } from "./examples";
import { openApiDocument } from "./openapi";

describe("API examples", () => {
  it("covers every route, and nothing else", () => {
    expect(Object.keys(ROUTE_EXAMPLES).sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(API_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))("%s: body and answer validate", (_, route) => {
    const example = exampleFor(route)!;
    if (route.body) expect(route.body.safeParse(example.body).error).toBeUndefined();
    else expect(example.body).toBeUndefined();
    expect(route.response.schema.safeParse(example.response).error).toBeUndefined();
    if (route.query) {
      const query = Object.fromEntries(new URL(`http://x${example.call}`).searchParams);
      expect(route.query.safeParse(query).error).toBeUndefined();
    }
    // The call is the route's path with its parameters filled in.
    const pattern = new RegExp(`^${route.path.replace(/\{\w+\}/g, "[^/?]+")}(\\?|$)`);
    expect(example.call).toMatch(pattern);
  });

  it("the error and webhook examples validate", () => {
    expect(errorSchema.safeParse(ERROR_EXAMPLE).error).toBeUndefined();
    expect(webhookPayloadSchema.safeParse(WEBHOOK_EXAMPLE).error).toBeUndefined();
    expect(webhookPayloadSchema.safeParse({ ...WEBHOOK_EXAMPLE, type: "test" }).error).toBeUndefined();
  });

  it("a drifted example would fail: the schemas are not rubber stamps", () => {
    const post = API_ROUTES.find((r) => r.method === "POST" && r.path === "/orders")!;
    expect(post.body!.safeParse({ bundle: "esim_1GB_7D_GB_V2" }).success).toBe(false);
    expect(
      post.response.schema.safeParse({ ...(exampleFor(post)!.response as object), status: "shipped" }).success,
    ).toBe(false);
  });

  it("the OpenAPI document carries the same examples", () => {
    const doc = openApiDocument("https://shop.example") as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { example?: unknown }> };
            responses: Record<string, { content: Record<string, { example?: unknown }> }>;
          }
        >
      >;
    };
    for (const route of API_ROUTES) {
      const op = doc.paths[route.path]![route.method.toLowerCase()]!;
      const example = exampleFor(route)!;
      expect(op.responses[String(route.response.status)]!.content["application/json"]!.example).toEqual(
        example.response,
      );
      if (route.body) expect(op.requestBody!.content["application/json"]!.example).toEqual(example.body);
    }
  });

  it("curl lines name the base URL, the key as a variable, and the body", () => {
    const post = API_ROUTES.find((r) => r.method === "POST" && r.path === "/orders")!;
    expect(curlFor(post, "https://shop.example")).toBe(
      [
        'curl -X POST "https://shop.example/api/v1/orders"',
        '  -H "Authorization: Bearer $TERN_KEY"',
        '  -H "Idempotency-Key: $(uuidgen)"',
        '  -H "Content-Type: application/json"',
        `  -d '{"bundle":"esim_1GB_7D_GB_V2","reference":"booking-4711"}'`,
      ].join(" \\\n"),
    );
    const install = API_ROUTES.find((r) => r.path === "/orders/{id}/install")!;
    expect(curlFor(install, "https://shop.example")).toMatch(
      /^curl "https:\/\/shop\.example\/api\/v1\/orders\/ord_\w+\/install"/,
    );
  });
});
