import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

const complete = {
  DATABASE_URL: "postgresql://postgres@db.internal:5432/clientela",
  APP_DATABASE_URL: "postgresql://clientela_app:secret@db.internal:5432/clientela",
  REDIS_URL: "redis://cache.internal:6379",
};


/** The problems an "Invalid configuration: a; b" error lists. */
function problems(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid configuration: /);
    return message.replace(/^Invalid configuration: /, "").split("; ");
  }
  throw new Error("expected an error");
}

describe("parseEnv", () => {
  it("in production names every missing service URL instead of falling back to localhost", () => {
    const parse = parseEnv;
    expect(() => parse({ NODE_ENV: "production" })).toThrow(Error);
    expect(problems(() => parse({ NODE_ENV: "production" }))).toEqual(["DATABASE_URL is not set", "APP_DATABASE_URL is not set", "REDIS_URL is not set"]);
    expect(problems(() => parse({ NODE_ENV: "production", ...complete, DATABASE_URL: undefined }))).toEqual(["DATABASE_URL is not set"]);

    expect(parse({ NODE_ENV: "production", ...complete })).toMatchObject({ NODE_ENV: "production", ...complete });
  });

  it("names a malformed REDIS_URL", () => {
    for (const REDIS_URL of ["not a url", "127.0.0.1:6379", ""]) {
      expect(problems(() => parseEnv({ ...complete, REDIS_URL }))).toEqual(["REDIS_URL: Invalid url"]);
    }
  });

  it("requires SMTP_URL when MAILER=smtp", () => {
    expect(() => parseEnv({ ...complete, MAILER: "smtp" })).toThrow("SMTP_URL is not set");
    expect(parseEnv({ ...complete, MAILER: "smtp", SMTP_URL: "smtp://mail.internal:587" })).toMatchObject({
      MAILER: "smtp",
      SMTP_URL: "smtp://mail.internal:587",
    });
    expect(() => parseEnv({ ...complete, MAILER: "sendmail" })).toThrow(/MAILER: /);
  });

  it("outside production falls back to the local services on 127.0.0.1", () => {
    expect(parseEnv({ NODE_ENV: "development" })).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/clientela",
      APP_DATABASE_URL: "postgresql://clientela_app@127.0.0.1:5432/clientela",
      REDIS_URL: "redis://127.0.0.1:6379",
      QUEUE_PREFIX: "clientela",
      WORKER_CONCURRENCY: 4,
      MAILER: "capture",
      MAIL_FROM: "Clientela <no-reply@clientela.local>",
      TRUST_PROXY: false,
      SESSION_DAYS: 7,
      SESSION_ABSOLUTE_DAYS: 30,
      DATA_DIR: "var/data",
      WORKER_LOCK_MS: 30_000,
      RECOMPUTE_BATCH_SIZE: 50_000,
      RECOMPUTE_PARALLEL: 2,
      EVALUATION_BATCH_SIZE: 500,
      WEBHOOK_ALLOW_PRIVATE: true,
    });
    expect(parseEnv({}).NODE_ENV).toBe("development");
  });

  it("coerces and bounds numbers and flags", () => {
    expect(parseEnv({ PORT: "8080", WORKER_CONCURRENCY: "16", TRUST_PROXY: "1" })).toMatchObject({ PORT: 8080, WORKER_CONCURRENCY: 16, TRUST_PROXY: true });
    expect(() => parseEnv({ WORKER_CONCURRENCY: "0" })).toThrow(/WORKER_CONCURRENCY: /);
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY: /);
  });
});
