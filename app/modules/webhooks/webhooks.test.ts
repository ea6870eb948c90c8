import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShop, uniq } from "../../../tests/factories";
import { closeQueues } from "~/jobs/queues.server";
import { createGroup } from "~/modules/groups/groups.server";
import { addToGroup, removeFromGroup, runRecompute } from "~/modules/groups/membership.server";
import { groupSchema } from "~/modules/groups/schemas";
import { prisma, withTenant } from "~/utils/db.server";
import { addEndpoint, deliverWebhook, verifySignature } from "./webhooks.server";

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let url: string;
const received: Received[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(503).end();
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await closeQueues();
});

const actor = { staffId: null, name: "test" };

async function shopWithEndpoint() {
  const shop = await createShop();
  await withTenant(shop.merchant.id, (db) => addEndpoint({ db, merchant: shop.merchant, actor }, { url, events: ["customer.group.joined", "customer.group.left"] }));
  const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: shop.merchant.id } });
  return { shop: { ...shop, merchant }, secret: merchant.webhookSecret! };
}

const pending = (merchantId: string) => withTenant(merchantId, (db) => db.webhookDelivery.findMany({ where: { merchantId }, orderBy: { createdAt: "asc" } }));

describe("outgoing webhooks", () => {
  it("a recompute writes one signed delivery per join, in the same transaction", async () => {
    const { shop, secret } = await shopWithEndpoint();
    await withTenant(shop.merchant.id, (db) =>
      db.customer.createMany({ data: [0, 1, 2].map((i) => ({ merchantId: shop.merchant.id, firstName: "W", lastName: String(i), email: `w${i}-${uniq()}@example.test`, newsletter: i !== 1 })) }),
    );
    const input = groupSchema("en").parse({ name: { en: "News" }, kind: "automatic", criteria: { version: 1, root: { type: "condition", field: "newsletter", op: "is_true" } } });
    const { group, recompute } = await withTenant(shop.merchant.id, (db) => createGroup({ db, merchant: shop.merchant, actor }, input));
    await runRecompute(shop.merchant.id, recompute!.id);
    const deliveries = await pending(shop.merchant.id);
    expect(deliveries).toHaveLength(2);
    expect(deliveries.every((d) => d.event === "customer.group.joined" && d.status === "pending")).toBe(true);

    received.length = 0;
    await deliverWebhook({ merchantId: shop.merchant.id, deliveryId: deliveries[0]!.id }, { number: 1, last: false });
    const [hit] = received;
    expect(hit!.headers["x-clientela-event"]).toBe("customer.group.joined");
    expect(verifySignature(secret, String(hit!.headers["x-clientela-signature"]), hit!.body)).toBe(true);
    expect(verifySignature(secret, String(hit!.headers["x-clientela-signature"]), hit!.body.replace("joined", "left"))).toBe(false);
    expect(JSON.parse(hit!.body)).toMatchObject({ id: deliveries[0]!.id, type: "customer.group.joined", groupId: group.id });
    expect((await pending(shop.merchant.id))[0]).toMatchObject({ status: "succeeded", attempts: 1, lastStatus: 204 });
    // A delivered webhook is not sent twice.
    expect(await deliverWebhook({ merchantId: shop.merchant.id, deliveryId: deliveries[0]!.id }, { number: 2, last: false })).toBe("skipped");
  });

  it("failed attempts are recorded and retried; the last failure marks the delivery failed", async () => {
    const { shop } = await shopWithEndpoint();
    const [customer] = await withTenant(shop.merchant.id, async (db) => {
      const c = await db.customer.create({ data: { merchantId: shop.merchant.id, firstName: "M", lastName: "N", email: `m-${uniq()}@example.test` } });
      return [c.id];
    });
    const input = groupSchema("en").parse({ name: { en: "Hand-picked" }, kind: "manual" });
    const { group } = await withTenant(shop.merchant.id, (db) => createGroup({ db, merchant: shop.merchant, actor }, input));
    await withTenant(shop.merchant.id, (db) => addToGroup({ db, merchant: shop.merchant, actor }, group.id, [customer!]));
    await withTenant(shop.merchant.id, (db) => removeFromGroup({ db, merchant: shop.merchant, actor }, group.id, [customer!]));
    const [joined, left] = await pending(shop.merchant.id);
    expect([joined!.event, left!.event]).toEqual(["customer.group.joined", "customer.group.left"]);

    failuresLeft = 2;
    await expect(deliverWebhook({ merchantId: shop.merchant.id, deliveryId: joined!.id }, { number: 1, last: false })).rejects.toThrow(/HTTP 503/);
    expect((await pending(shop.merchant.id))[0]).toMatchObject({ status: "pending", attempts: 1, lastStatus: 503 });
    await expect(deliverWebhook({ merchantId: shop.merchant.id, deliveryId: joined!.id }, { number: 2, last: true })).rejects.toThrow();
    expect((await pending(shop.merchant.id))[0]).toMatchObject({ status: "failed", attempts: 2 });
    expect(await deliverWebhook({ merchantId: shop.merchant.id, deliveryId: left!.id }, { number: 1, last: false })).toBe("delivered");
  });
});
