// The OpenAPI document validates as OpenAPI 3.1 (a maintained validator), is served at /api/v1/openapi.json,
// lists exactly the routes under app/api/v1, and its request schemas are the ones the routes enforce.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "@readme/openapi-parser";
import { GET } from "@/app/api/v1/openapi.json/route";
import { openApiDocument } from "./openapi";
import { createOrderSchema } from "./schemas";

const ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");

function routeFilePaths(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name === "route.ts") {
        const rel = path.relative(ROOT, dir).split(path.sep).join("/");
        const source = fs.readFileSync(path.join(dir, e.name), "utf8");
        for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"])
          if (new RegExp(`export (const|async function|function) ${m}\\b`).test(source))
            out.push(`${m} /${rel.replace(/\[([^\]]+)\]/g, "{$1}")}`);
      }
    }
  };
  walk(ROOT);
  return out.filter((r) => r !== "GET /openapi.json").sort();
}

describe("OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    const doc = openApiDocument("https://shop.example");
    const result = await validate(structuredClone(doc) as never);
    expect("errors" in result ? result.errors : [], JSON.stringify(result)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
    // The validator is not a rubber stamp: a dangling reference fails it.
    const broken = JSON.parse(
      JSON.stringify(doc).replace('"#/components/schemas/Order"', '"#/components/schemas/Nope"'),
    );
    const failed = await validate(broken as never);
    expect(failed.valid).toBe(false);
  });

  it("has exactly the routes under app/api/v1, each with its scope and error responses", () => {
    const doc = openApiDocument("https://shop.example") as {
      paths: Record<string, Record<string, { "x-scope": string; responses: Record<string, unknown> }>>;
    };
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(documented).toEqual(routeFilePaths());
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops)) {
        expect(op["x-scope"]).toMatch(/^(catalogue|orders|ledger|topups):(read|write)$/);
        expect(op.responses["401"]).toBeDefined();
        expect(op.responses["403"]).toBeDefined();
        expect(op.responses["429"]).toBeDefined();
      }
  });

  it("documents the order request exactly as the route validates it", () => {
    const doc = openApiDocument("https://shop.example") as {
      components: { schemas: Record<string, { required?: string[]; additionalProperties?: boolean }> };
    };
    const request = doc.components.schemas.CreateOrderRequest!;
    expect(request.required?.sort()).toEqual(["bundle", "reference"]);
    expect(request.additionalProperties).toBe(false);
    expect(createOrderSchema.safeParse({ bundle: "b", reference: "r", extra: 1 }).success).toBe(false);
  });

  it("documents order paging: limit up to 100, starting_after, has_more", () => {
    const doc = openApiDocument("https://shop.example") as {
      paths: Record<string, Record<string, { parameters: { name: string; schema: Record<string, unknown> }[] }>>;
      components: { schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }> };
    };
    const params = doc.paths["/orders"]!.get!.parameters;
    expect(params.map((p) => p.name).sort()).toEqual(["limit", "reference", "starting_after"]);
    expect(params.find((p) => p.name === "limit")!.schema).toMatchObject({ maximum: 100, minimum: 1, default: 50 });
    expect(doc.components.schemas.OrderList!.required).toContain("has_more");
  });

  it("is served at /api/v1/openapi.json", async () => {
    const res = GET();
    expect(res.status).toBe(200);
    const served = await res.json();
    expect(served.openapi).toBe("3.1.0");
    expect(Object.keys(served.paths)).toContain("/orders/{id}/install");
  });
});
