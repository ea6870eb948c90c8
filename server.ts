import crypto from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";

const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);

type AppBuild = ServerBuild & {
  entry: { module: ServerBuild["entry"]["module"] & { createLoadContext: (req: Request, res: Response) => Promise<AppLoadContext> } };
};

const viteDevServer = production
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const loadBuild = async (): Promise<AppBuild> =>
  viteDevServer
    ? ((await viteDevServer.ssrLoadModule("virtual:remix/server-build")) as AppBuild)
    : ((await import(new URL("./build/server/index.js", import.meta.url).href)) as AppBuild);

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);
app.use(compression());

app.use((_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${res.locals.cspNonce}'${viteDevServer ? " 'unsafe-inline'" : ""}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      `connect-src 'self'${viteDevServer ? " ws:" : ""}`,
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (production && process.env.APP_URL?.startsWith("https://")) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  next();
});

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// The JSON API authenticates with API keys and webhooks with signatures; neither rides on the session cookie.
const ORIGIN_EXEMPT = /^\/(api|webhooks)\//;

/** Refuses any state-changing request whose Origin is not this site (cross-site request forgery). */
function originGuard(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method) || ORIGIN_EXEMPT.test(req.path)) return next();
  const expected = `${req.protocol}://${req.get("host")}`;
  if (req.get("origin") !== expected) {
    res.status(403).type("text/plain").send("Forbidden: cross-origin request");
    return;
  }
  next();
}
app.use(originGuard);

app.get("/healthz", (_req, res) => {
  res.type("text/plain").send("ok");
});

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // Dashboard and API URLs are never files: they skip the file lookup.
  app.use(/^(?!\/(m|api)\/)/, express.static("build/client", { maxAge: "1h" }));
}

// In production the build is imported once: a dynamic import() per request still goes through the module loader's
// hooks (a round trip to the loader thread under tsx), about 0.7 ms of every request.
const productionBuild = viteDevServer ? null : await loadBuild();
app.all(
  "*",
  createRequestHandler({
    build: productionBuild ?? (() => loadBuild()),
    mode: production ? "production" : "development",
    getLoadContext: async (req, res) => (productionBuild ?? (await loadBuild())).entry.module.createLoadContext(req, res),
  }),
);

const server = app.listen(port, () => {
  console.log(`Clientela web listening on http://localhost:${port}`);
});

let closing = false;
function shutdown() {
  if (closing) return;
  closing = true;
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
