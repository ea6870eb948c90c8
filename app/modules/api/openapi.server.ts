import { ignoreOverride, zodToJsonSchema } from "zod-to-json-schema";
import { ListQuerySchema } from "~/modules/customers/list-query";
import { addressSchema, customerSchema, OrderSchema, OrderStatusSchema, RatingSchema, RewardPointsSchema, TransactionSchema } from "~/modules/customers/schemas";
import { customFieldSchema } from "~/modules/custom-fields/schemas";
import { CriteriaSchema } from "~/modules/groups/criteria";
import { groupSchema } from "~/modules/groups/schemas";
import { z, type ZodTypeAny } from "zod";
import { MembersBody, MembersQuery, PreviewBody } from "./groups.server";
import { API_BASE, MAX_BODY_BYTES } from "./handler.server";
import { API_RATE_LIMIT } from "./rate-limit.server";
import {
  AddressResource,
  ConfirmQuery,
  Criteria,
  CriteriaCondition,
  CriteriaNode,
  CriteriaPreview,
  CustomerGroupsResource,
  CustomerList,
  CustomerResource,
  CustomFieldList,
  CustomFieldResource,
  CustomFieldValuesInput,
  ErrorResponse,
  GroupList,
  GroupMemberList,
  GroupMembersChanged,
  GroupResource,
  OrderResource,
  RatingResource,
  RewardPointsCreated,
  RewardPointsList,
  TransactionCreated,
  TransactionList,
  ValidationErrorResponse,
} from "./resources";

type JsonSchema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Schemas that are components of their own and referenced wherever they occur, by identity. The criteria tree is
 * recursive, so it can only be described this way; CriteriaSchema (which validates) is documented by Criteria (which
 * describes the same language in a shape a generator can read).
 */
const components = new Map<unknown, string>([
  [CriteriaSchema._def, "Criteria"],
  [Criteria._def, "Criteria"],
  [CriteriaNode._def, "CriteriaNode"],
  [CriteriaCondition._def, "CriteriaCondition"],
]);

/** Request schemas are described as clients send them (before transforms); ids are accepted as strings or integers. */
function jsonSchema(schema: ZodTypeAny): JsonSchema {
  const out = zodToJsonSchema(schema, {
    target: "jsonSchema7",
    $refStrategy: "none",
    effectStrategy: "input",
    override: (def, refs) => {
      const component = components.get(def);
      // The schema being generated is the component itself; any deeper occurrence is a reference to it.
      if (component && refs.currentPath.length > 1) return ref(component);
      return (def as { typeName?: string }).typeName === "ZodBigInt" ? { type: ["string", "integer"], pattern: "^[0-9]+$", minimum: 1 } : ignoreOverride;
    },
  }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** PATCH bodies: any subset of the create body's fields, null clearing an optional one; nothing is defaulted. */
function partial(schema: JsonSchema, description: string): JsonSchema {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const properties = Object.fromEntries(
    Object.entries(schema.properties as Record<string, JsonSchema>).map(([name, property]) => {
      const { default: _default, ...rest } = property;
      const nullable = (rest.anyOf as JsonSchema[] | undefined)?.some((branch) => branch.type === "null");
      return [name, required.has(name) || nullable ? rest : { anyOf: [rest, { type: "null" }] }];
    }),
  );
  const { required: _required, ...rest } = schema;
  return { ...rest, properties, description, minProperties: 1 };
}

const jsonContent = (name: string) => ({ "application/json": { schema: ref(name) } });
// Any country gives the same shape; only the checks of phone numbers and national IDs depend on the shop's country.
// Answers to custom fields travel beside the record's own fields, validated by the shop's definitions.
const withCustomFields = (schema: JsonSchema): JsonSchema => ({
  ...schema,
  properties: { ...(schema.properties as Record<string, JsonSchema>), customFields: jsonSchema(CustomFieldValuesInput) },
});
const customerInput = withCustomFields(jsonSchema(customerSchema("US")));
const addressInput = withCustomFields(jsonSchema(addressSchema("US")));
const customFieldInput = jsonSchema(customFieldSchema("en", { country: "US", timeZone: "UTC" }));
// The name is required in the shop's default language; any language gives the same shape.
const groupInput = jsonSchema(groupSchema("en"));

const schemas: Record<string, JsonSchema> = {
  Customer: jsonSchema(CustomerResource),
  CustomerList: jsonSchema(CustomerList),
  CustomerInput: customerInput,
  CustomerPatch: partial(customerInput, "Any subset of the customer's fields; the result is validated as a whole. null clears an optional field."),
  Address: jsonSchema(AddressResource),
  AddressList: jsonSchema(z.object({ data: z.array(AddressResource) })),
  AddressInput: addressInput,
  AddressPatch: partial(addressInput, "Any subset of the address's fields; the result is validated as a whole. null clears an optional field."),
  Order: jsonSchema(OrderResource),
  OrderInput: jsonSchema(OrderSchema),
  OrderStatusInput: jsonSchema(OrderStatusSchema),
  Rating: jsonSchema(RatingResource),
  RatingInput: jsonSchema(RatingSchema),
  TransactionInput: jsonSchema(TransactionSchema),
  TransactionList: jsonSchema(TransactionList),
  TransactionCreated: jsonSchema(TransactionCreated),
  RewardPointsInput: jsonSchema(RewardPointsSchema),
  RewardPointsList: jsonSchema(RewardPointsList),
  RewardPointsCreated: jsonSchema(RewardPointsCreated),
  CustomField: jsonSchema(CustomFieldResource),
  CustomFieldList: jsonSchema(CustomFieldList),
  CustomFieldInput: {
    ...customFieldInput,
    description:
      "name, and each option's label, are required in the shop's default language. Options are given in display order; an option with its id keeps it (and every answer that holds it), one without an id is new. key is the customFields key and the CSV column custom:<key>, fixed once created.",
  },
  CustomFieldPatch: partial(
    customFieldInput,
    "Any subset of the field's properties; the result is validated as a whole. null clears an optional property. name, placeholder, help and patternMessage are merged per language; options is replaced whole (send the ids of the options to keep). A new type is accepted only if every stored answer converts (422 on type with the count otherwise); removing options that customers chose needs ?confirm=true (409 confirmation_required otherwise).",
  ),
  Group: jsonSchema(GroupResource),
  GroupList: jsonSchema(GroupList),
  GroupInput: {
    ...groupInput,
    description: "name is required in the shop's default language; criteria is required unless kind is manual. A group with criteria starts a recompute of its members.",
  },
  GroupPatch: partial(
    groupInput,
    'Any subset of the group\'s fields; the result is validated as a whole. null clears an optional field. name and description are merged per language ("" removes a language); criteria is replaced whole. A change of the criteria or kind starts a recompute of the members.',
  ),
  Criteria: jsonSchema(Criteria),
  CriteriaNode: jsonSchema(CriteriaNode),
  CriteriaCondition: jsonSchema(CriteriaCondition),
  CriteriaPreviewInput: jsonSchema(PreviewBody),
  CriteriaPreview: jsonSchema(CriteriaPreview),
  GroupMemberList: jsonSchema(GroupMemberList),
  GroupMembersInput: jsonSchema(MembersBody),
  GroupMembersChanged: jsonSchema(GroupMembersChanged),
  CustomerGroups: jsonSchema(CustomerGroupsResource),
  Error: jsonSchema(ErrorResponse),
  ValidationError: jsonSchema(ValidationErrorResponse),
};

const errorResponse = (description: string, headers?: JsonSchema) => ({ description, content: jsonContent("Error"), ...(headers ? { headers } : {}) });

const responses = {
  BadRequest: errorResponse("The body is not valid JSON (code bad_request)."),
  Unauthorized: errorResponse("Missing, malformed, unknown or revoked API key (code unauthorized).", {
    "WWW-Authenticate": { schema: { type: "string" } },
  }),
  NotFound: errorResponse("No such resource in this shop (code not_found). Ids of other shops are not found either."),
  MethodNotAllowed: errorResponse("The path does not support this method (code method_not_allowed); the Allow header lists those it does.", {
    Allow: { schema: { type: "string" } },
  }),
  Conflict: errorResponse("The value is already used (code conflict); error.path names the field."),
  FieldConflict: errorResponse(
    "conflict: the key is taken (error.path key); field_in_use: group criteria use the field, so its type cannot change and it cannot be deleted; confirmation_required: customers hold answers that the change would remove; repeat with ?confirm=true.",
  ),
  AutomaticGroup: errorResponse("The group is automatic: its members follow its criteria and cannot be changed by hand (code automatic_group)."),
  PayloadTooLarge: errorResponse(`The body is larger than ${MAX_BODY_BYTES} bytes (code payload_too_large).`),
  UnsupportedMediaType: errorResponse("The body is not sent as application/json (code unsupported_media_type)."),
  ValidationFailed: { description: "The body is not valid; messages are in the language of Accept-Language.", content: jsonContent("ValidationError") },
  RateLimited: errorResponse(`More than ${API_RATE_LIMIT.requests} requests in ${API_RATE_LIMIT.windowSeconds} seconds with this key (code rate_limited).`, {
    "Retry-After": { description: "Seconds until the window resets", schema: { type: "integer" } },
  }),
  Internal: errorResponse("Unexpected error (code internal)."),
};

type ResponseName = keyof typeof responses;
const statusOf: Record<ResponseName, string> = {
  BadRequest: "400",
  Unauthorized: "401",
  NotFound: "404",
  MethodNotAllowed: "405",
  Conflict: "409",
  FieldConflict: "409",
  AutomaticGroup: "409",
  PayloadTooLarge: "413",
  UnsupportedMediaType: "415",
  ValidationFailed: "422",
  RateLimited: "429",
  Internal: "500",
};

interface Operation {
  summary: string;
  tag: string;
  /** The query string's schema. */
  query?: z.AnyZodObject;
  body?: string;
  ok: { status: 200 | 201 | 204; schema?: string; location?: boolean };
  errors?: ResponseName[];
}

const bodyErrors: ResponseName[] = ["BadRequest", "PayloadTooLarge", "UnsupportedMediaType", "ValidationFailed"];

const paths: Record<string, Record<string, Operation>> = {
  "/customers": {
    get: { summary: "List customers", tag: "Customers", query: ListQuerySchema, ok: { status: 200, schema: "CustomerList" } },
    post: { summary: "Create a customer", tag: "Customers", body: "CustomerInput", ok: { status: 201, schema: "Customer", location: true }, errors: [...bodyErrors, "Conflict"] },
  },
  "/customers/{id}": {
    get: { summary: "Get a customer with addresses and statistics", tag: "Customers", ok: { status: 200, schema: "Customer" }, errors: ["NotFound"] },
    patch: { summary: "Update a customer", tag: "Customers", body: "CustomerPatch", ok: { status: 200, schema: "Customer" }, errors: ["NotFound", ...bodyErrors, "Conflict"] },
    delete: { summary: "Delete a customer with everything attached", tag: "Customers", ok: { status: 204 }, errors: ["NotFound"] },
  },
  "/customers/{id}/addresses": {
    get: { summary: "List a customer's addresses (default first)", tag: "Addresses", ok: { status: 200, schema: "AddressList" }, errors: ["NotFound"] },
    post: { summary: "Add an address", tag: "Addresses", body: "AddressInput", ok: { status: 201, schema: "Address", location: true }, errors: ["NotFound", ...bodyErrors] },
  },
  "/customers/{id}/addresses/{addressId}": {
    get: { summary: "Get an address", tag: "Addresses", ok: { status: 200, schema: "Address" }, errors: ["NotFound"] },
    patch: { summary: "Update an address", tag: "Addresses", body: "AddressPatch", ok: { status: 200, schema: "Address" }, errors: ["NotFound", ...bodyErrors] },
    delete: { summary: "Delete an address (the next one becomes the default)", tag: "Addresses", ok: { status: 204 }, errors: ["NotFound"] },
  },
  "/customers/{id}/transactions": {
    get: { summary: "Store credit entries with running balances", tag: "Store credit", ok: { status: 200, schema: "TransactionList" }, errors: ["NotFound"] },
    post: { summary: "Add a store credit entry (negative to deduct)", tag: "Store credit", body: "TransactionInput", ok: { status: 201, schema: "TransactionCreated" }, errors: ["NotFound", ...bodyErrors] },
  },
  "/customers/{id}/reward-points": {
    get: { summary: "Reward point entries with running balances", tag: "Reward points", ok: { status: 200, schema: "RewardPointsList" }, errors: ["NotFound"] },
    post: {
      summary: "Add or (negative) redeem reward points; the balance cannot go below zero (422 on points)",
      tag: "Reward points",
      body: "RewardPointsInput",
      ok: { status: 201, schema: "RewardPointsCreated" },
      errors: ["NotFound", ...bodyErrors],
    },
  },
  "/customers/{id}/groups": {
    get: {
      summary: "A customer's groups in precedence order, why the customer is in each (conditions with the customer's values, or who added them), and the default group",
      tag: "Groups",
      ok: { status: 200, schema: "CustomerGroups" },
      errors: ["NotFound"],
    },
  },
  "/groups": {
    get: { summary: "List the groups in precedence order, with member counts", tag: "Groups", ok: { status: 200, schema: "GroupList" } },
    post: { summary: "Create a group", tag: "Groups", body: "GroupInput", ok: { status: 201, schema: "Group", location: true }, errors: bodyErrors },
  },
  "/groups/preview": {
    post: {
      summary: "How many customers match criteria now, and a sample of them (nothing is saved; 422 names the bad node)",
      tag: "Groups",
      body: "CriteriaPreviewInput",
      ok: { status: 200, schema: "CriteriaPreview" },
      errors: bodyErrors,
    },
  },
  "/groups/{id}": {
    get: { summary: "Get a group with its latest recompute", tag: "Groups", ok: { status: 200, schema: "Group" }, errors: ["NotFound"] },
    patch: {
      summary: "Update a group; a change of the criteria or kind starts a recompute (returned in recompute)",
      tag: "Groups",
      body: "GroupPatch",
      ok: { status: 200, schema: "Group" },
      errors: ["NotFound", ...bodyErrors],
    },
    delete: { summary: "Delete a group (customers pinned to it are unpinned)", tag: "Groups", ok: { status: 204 }, errors: ["NotFound"] },
  },
  "/groups/{id}/customers": {
    get: {
      summary: "A group's members by customer id, with how and when each joined",
      tag: "Groups",
      query: MembersQuery,
      ok: { status: 200, schema: "GroupMemberList" },
      errors: ["NotFound", "ValidationFailed"],
    },
  },
  "/groups/{id}/members": {
    post: {
      summary: "Add customers to a manual or hybrid group by hand (lifts an earlier removal from a hybrid group)",
      tag: "Groups",
      body: "GroupMembersInput",
      ok: { status: 200, schema: "GroupMembersChanged" },
      errors: ["NotFound", "AutomaticGroup", ...bodyErrors],
    },
    delete: {
      summary: "Remove customers from a manual or hybrid group by hand (in a hybrid group the removal holds until they are added again)",
      tag: "Groups",
      body: "GroupMembersInput",
      ok: { status: 200, schema: "GroupMembersChanged" },
      errors: ["NotFound", "AutomaticGroup", ...bodyErrors],
    },
  },
  "/custom-fields": {
    get: { summary: "List the shop's custom fields with their options (ids and labels in every language)", tag: "Custom fields", ok: { status: 200, schema: "CustomFieldList" } },
    post: { summary: "Create a custom field", tag: "Custom fields", body: "CustomFieldInput", ok: { status: 201, schema: "CustomField", location: true }, errors: [...bodyErrors, "FieldConflict"] },
  },
  "/custom-fields/{id}": {
    get: { summary: "Get a custom field", tag: "Custom fields", ok: { status: 200, schema: "CustomField" }, errors: ["NotFound"] },
    patch: {
      summary: "Update a custom field (renaming or reordering options keeps every answer)",
      tag: "Custom fields",
      query: ConfirmQuery,
      body: "CustomFieldPatch",
      ok: { status: 200, schema: "CustomField" },
      errors: ["NotFound", ...bodyErrors, "FieldConflict"],
    },
    delete: {
      summary: "Delete a custom field with its answers",
      tag: "Custom fields",
      query: ConfirmQuery,
      ok: { status: 204 },
      errors: ["NotFound", "FieldConflict", "ValidationFailed"],
    },
  },
  "/orders": {
    post: {
      summary: "Record an order with its items (422 on customerId for an unknown customer)",
      tag: "Orders",
      body: "OrderInput",
      ok: { status: 201, schema: "Order", location: true },
      errors: [...bodyErrors, "Conflict"],
    },
  },
  "/orders/{id}": {
    get: { summary: "Get an order with its items", tag: "Orders", ok: { status: 200, schema: "Order" }, errors: ["NotFound"] },
    patch: { summary: "Change an order's status", tag: "Orders", body: "OrderStatusInput", ok: { status: 200, schema: "Order" }, errors: ["NotFound", ...bodyErrors] },
  },
  "/ratings": {
    post: { summary: "Record a store rating (422 on customerId for an unknown customer)", tag: "Ratings", body: "RatingInput", ok: { status: 201, schema: "Rating" }, errors: bodyErrors },
  },
};

const queryDescriptions: Record<string, string> = {
  q: "Search in name, e-mail and phone",
  after: "Cursor: the `next` of the previous response",
  before: "Cursor: the `prev` of the previous response",
  count: "exact: count every match (else counting stops at 10,000 and count.capped is true)",
  from: "Registered on or after this day (YYYY-MM-DD, shop's time zone)",
  to: "Registered on or before this day (YYYY-MM-DD, shop's time zone)",
  size: "Page size",
  customFields:
    "Custom-field filters, each its own parameter: cf.<key>=<option id> (has the option), cf.<key>=yes|no, cf.<key>.min / cf.<key>.max (number), cf.<key>.from / cf.<key>.to (date or date-time, YYYY-MM-DD, shop's time zone), cf.<key>.has (text contains), cf.<key>.is (text equals)",
};

function queryParameters(query: z.AnyZodObject) {
  const schema = jsonSchema(query) as { properties: Record<string, JsonSchema> };
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: "query",
    required: false,
    schema: property,
    ...(queryDescriptions[name] ? { description: queryDescriptions[name] } : {}),
  }));
}

/** Group and custom field ids are UUIDs; every other id is a number (as a string). */
function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: (path.startsWith("/groups/") || path.startsWith("/custom-fields/")) && name === "id" ? { type: "string", format: "uuid" } : { type: "string", pattern: "^[0-9]+$" },
  }));
}

function operation(path: string, method: string, op: Operation) {
  const success =
    op.ok.status === 204
      ? { description: "Done; no body" }
      : {
          description: op.ok.status === 201 ? "Created" : "OK",
          content: jsonContent(op.ok.schema!),
          ...(op.ok.location ? { headers: { Location: { description: "Path of the new resource", schema: { type: "string" } } } } : {}),
        };
  const errors: ResponseName[] = ["Unauthorized", ...(op.errors ?? []), "RateLimited", "Internal"];
  return {
    operationId: `${method}${path.replace(/\{(\w+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)/g, (_m, ch: string) => ch.toUpperCase())}`,
    summary: op.summary,
    tags: [op.tag],
    parameters: [...pathParameters(path), ...(op.query ? queryParameters(op.query) : [])],
    ...(op.body ? { requestBody: { required: true, content: jsonContent(op.body) } } : {}),
    responses: {
      [op.ok.status]: success,
      ...Object.fromEntries(errors.map((name) => [statusOf[name], { $ref: `#/components/responses/${name}` }])),
    },
  };
}

function build() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Clientela API",
      version: "1.0.0",
      description: [
        "The JSON API for a shop's own systems. Authenticate with an API key from Settings → API keys:",
        "`Authorization: Bearer clt_<shop>_<secret>`. Every request and response body is JSON; ids are strings.",
        `Each key may make ${API_RATE_LIMIT.requests} requests per ${API_RATE_LIMIT.windowSeconds} seconds (429 with Retry-After beyond).`,
        "A method a path does not list is answered 405 with an Allow header. Error messages follow Accept-Language (en, el, ru, ar, fa).",
        "Customers and addresses carry `customFields`: the answers to the shop's custom fields by field key (GET /custom-fields describes them). Choices are returned as option ids, which stay valid when an option is renamed; they may be sent as ids or as labels in any of the shop's languages.",
      ].join("\n"),
    },
    security: [{ apiKey: [] }],
    tags: ["Customers", "Addresses", "Custom fields", "Store credit", "Reward points", "Groups", "Orders", "Ratings", "Meta"].map((name) => ({ name })),
    paths: {
      ...Object.fromEntries(
        Object.entries(paths).map(([path, methods]) => [
          `${API_BASE}${path}`,
          Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(path, method, op)])),
        ]),
      ),
      [`${API_BASE}/openapi.json`]: {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          tags: ["Meta"],
          security: [],
          responses: { 200: { description: "OpenAPI 3.1 document", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", bearerFormat: "clt_<shop>_<secret>", description: "An API key of the shop" } },
      schemas,
      responses,
    },
  };
}

let document: ReturnType<typeof build> | null = null;

/** The OpenAPI 3.1 description of API v1, generated from the same zod schemas that validate and shape it. */
export function openApiDocument() {
  document ??= build();
  return document;
}
