import { z } from "zod";

// Outside production the local services have defaults so a fresh clone runs; production names every setting.
const buildSchema = (production: boolean) => {
  const local = <T extends z.ZodTypeAny>(schema: T, fallback: z.input<T>) => (production ? schema : schema.default(fallback));
  return z.object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().positive().default(3000),
    DATABASE_URL: local(z.string().url(), "postgresql://postgres@127.0.0.1:5432/clientela"),
    APP_DATABASE_URL: local(z.string().url(), "postgresql://clientela_app@127.0.0.1:5432/clientela"),
    REDIS_URL: local(z.string().url(), "redis://127.0.0.1:6379"),
    APP_URL: z.string().url().optional(),
    QUEUE_PREFIX: z.string().min(1).default("clientela"),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    WORKER_LOCK_MS: z.coerce.number().int().min(500).default(30_000),
    // Outgoing webhooks may target private and loopback addresses only outside production (SSRF guard).
    WEBHOOK_ALLOW_PRIVATE: z.enum(["0", "1"]).default(production ? "0" : "1").transform((v) => v === "1"),
    RECOMPUTE_BATCH_SIZE: z.coerce.number().int().min(10).max(1_000_000).default(50_000),
    RECOMPUTE_PARALLEL: z.coerce.number().int().min(1).max(16).default(2),
    // Customers evaluated per transaction by the incremental path (decision 009).
    EVALUATION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
    MAILER: z.enum(["capture", "smtp"]).default("capture"),
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().default("Clientela <no-reply@clientela.local>"),
    TRUST_PROXY: z.enum(["0", "1"]).default("0").transform((v) => v === "1"),
    SESSION_DAYS: z.coerce.number().int().min(1).default(7),
    SESSION_ABSOLUTE_DAYS: z.coerce.number().int().min(1).default(30),
    DATA_DIR: z.string().min(1).default("var/data"),
  });
};

export type Env = z.infer<ReturnType<typeof buildSchema>>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = buildSchema(source.NODE_ENV === "production").safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join(".");
      return source[name] === undefined ? `${name} is not set` : `${name}: ${issue.message}`;
    });
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  if (result.data.MAILER === "smtp" && !result.data.SMTP_URL) {
    throw new Error("Invalid configuration: SMTP_URL is not set (required when MAILER=smtp)");
  }
  return result.data;
}

export const env = parseEnv(process.env);
