import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createShop } from "../../../tests/factories";
import { env } from "~/utils/env.server";
import { withTenant } from "~/utils/db.server";
import { deliverMail } from "./deliver-mail.server";

// A mutable copy of the parsed settings, so one test can switch the mailer to SMTP.
vi.mock("~/utils/env.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/utils/env.server")>();
  return { ...actual, env: { ...actual.env } };
});

let shopA: Awaited<ReturnType<typeof createShop>>;
let shopB: Awaited<ReturnType<typeof createShop>>;

beforeAll(async () => {
  [shopA, shopB] = await Promise.all([createShop(), createShop()]);
});

/** A message in the shop's outbox (written directly: no delivery job is queued). */
function writeMessage(merchantId: string) {
  return withTenant(merchantId, (db) =>
    db.mailMessage.create({ data: { merchantId, to: "someone@example.test", subject: "Hello", text: "Body" } }),
  );
}

const readMessage = (merchantId: string, id: string) =>
  withTenant(merchantId, (db) => db.mailMessage.findUniqueOrThrow({ where: { merchantId_id: { merchantId, id } } }));

describe("deliverMail", () => {
  it("with MAILER=capture marks the message sent, and a second delivery is skipped", async () => {
    expect(env.MAILER).toBe("capture");
    const message = await writeMessage(shopA.merchant.id);
    const before = Date.now();
    expect(await deliverMail({ merchantId: shopA.merchant.id, messageId: message.id })).toBe("captured");
    const delivered = await readMessage(shopA.merchant.id, message.id);
    expect(delivered.sentAt?.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(delivered).toMatchObject({ attempts: 1, lastError: null });

    expect(await deliverMail({ merchantId: shopA.merchant.id, messageId: message.id })).toBe("skipped");
    expect(await readMessage(shopA.merchant.id, message.id)).toEqual(delivered);
  });

  it("finds nothing when another shop's id is given, and leaves that shop's message alone", async () => {
    const messageOfB = await writeMessage(shopB.merchant.id);
    expect(await deliverMail({ merchantId: shopA.merchant.id, messageId: messageOfB.id })).toBe("skipped");
    expect(await readMessage(shopB.merchant.id, messageOfB.id)).toMatchObject({ sentAt: null, attempts: 0 });

    // The same message is deliverable through its own shop.
    expect(await deliverMail({ merchantId: shopB.merchant.id, messageId: messageOfB.id })).toBe("captured");
    expect((await readMessage(shopB.merchant.id, messageOfB.id)).sentAt).toBeInstanceOf(Date);
  });

  it("an unknown message id is skipped", async () => {
    expect(await deliverMail({ merchantId: shopA.merchant.id, messageId: randomUUID() })).toBe("skipped");
  });

  it("a failed SMTP delivery throws (so the job retries) and records the attempt and the error", async () => {
    const message = await writeMessage(shopA.merchant.id);
    Object.assign(env, { MAILER: "smtp", SMTP_URL: "smtp://127.0.0.1:1" }); // nothing listens on port 1
    try {
      await expect(deliverMail({ merchantId: shopA.merchant.id, messageId: message.id })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      Object.assign(env, { MAILER: "capture", SMTP_URL: undefined });
    }
    const failed = await readMessage(shopA.merchant.id, message.id);
    expect(failed).toMatchObject({ sentAt: null, attempts: 1 });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);

    // The next attempt (captured here) clears the error and counts both attempts.
    expect(await deliverMail({ merchantId: shopA.merchant.id, messageId: message.id })).toBe("captured");
    expect(await readMessage(shopA.merchant.id, message.id)).toMatchObject({ attempts: 2, lastError: null });
  });
});
