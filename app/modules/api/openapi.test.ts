import { readdirSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { apiMethods } from "./handler.server";
import { apiRoutes, call } from "./test-client";

type Document = {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; requestBody?: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, unknown> }>>;
  components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: Record<string, { properties?: Record<string, unknown> }> };
  security: Array<Record<string, unknown>>;
};

/** app/routes/api.v1.customers.$id.addresses.tsx → /api/v1/customers/{id}/addresses */
function pathOfRouteFile(file: string) {
  return `/${file
    .replace(/\.tsx$/, "")
    .replace("[.]", "\u0000")
    .split(".")
    .map((segment) => (segment.startsWith("$") ? `{${segment.slice(1)}}` : segment))
    .join("/")
    .replace("\u0000", ".")}`;
}

async function fetchDocument() {
  const res = await call("GET", "/api/v1/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  return res.body as Document;
}

describe("OpenAPI document", () => {
  it("is public, valid OpenAPI 3.1, with the bearer scheme", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths["/api/v1/openapi.json"]?.get?.security).toEqual([]);
  });

  it("lists exactly the API's route files, and each path's methods are exactly those the route answers", async () => {
    const doc = await fetchDocument();
    const files = readdirSync("app/routes").filter((f) => f.startsWith("api.v1."));
    expect(Object.keys(doc.paths).sort()).toEqual(files.map(pathOfRouteFile).sort());
    expect(apiRoutes.map(([pattern]) => pattern.replace(/:(\w+)/g, "{$1}")).sort()).toEqual(Object.keys(doc.paths).sort());

    for (const [path, operations] of Object.entries(doc.paths)) {
      const concrete = path.replace(/\{\w+\}/g, "1");
      const documented = Object.keys(operations).map((m) => m.toUpperCase());
      for (const method of apiMethods) {
        const res = await call(method, concrete, method === "GET" || method === "DELETE" ? {} : { body: {} });
        const expected = !documented.includes(method) ? 405 : path.endsWith("openapi.json") ? 200 : 401;
        expect({ method, path, status: res.status }).toEqual({ method, path, status: expected });
      }
    }
  });

  it("describes bodies, responses and errors from the zod schemas", async () => {
    const doc = await fetchDocument();
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.CustomerInput!.properties!)).toEqual(expect.arrayContaining(["firstName", "lastName", "email", "phone", "status", "approval"]));
    expect(Object.keys(schemas.OrderInput!.properties!)).toEqual(expect.arrayContaining(["number", "customerId", "items", "total"]));
    expect(Object.keys(schemas.Customer!.properties!)).toEqual(expect.arrayContaining(["id", "addresses", "stats", "pointsBalance"]));
    expect(schemas.CustomerPatch).not.toHaveProperty("required");

    const post = doc.paths["/api/v1/customers"]!.post!;
    expect(post.requestBody!.content["application/json"]!.schema.$ref).toBe("#/components/schemas/CustomerInput");
    expect(Object.keys(post.responses).sort()).toEqual(["201", "400", "401", "409", "413", "415", "422", "429", "500"]);
    expect(Object.keys(doc.paths["/api/v1/customers/{id}"]!.get!.responses)).toEqual(expect.arrayContaining(["200", "401", "404", "429"]));
    expect(Object.keys(doc.paths["/api/v1/customers/{id}"]!.delete!.responses)).toContain("204");
    expect(Object.keys(doc.paths["/api/v1/orders"]!.post!.responses)).toEqual(expect.arrayContaining(["201", "409", "422"]));

    const list = doc.paths["/api/v1/customers"]!.get as unknown as { parameters: Array<{ name: string; in: string }> };
    expect(list.parameters.filter((p) => p.in === "query").map((p) => p.name)).toEqual(expect.arrayContaining(["q", "status", "sort", "dir", "size", "after", "before", "count"]));
  });
});
