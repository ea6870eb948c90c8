# syntax=docker/dockerfile:1
# Clientela image: one image, two roles.
#   web (default):  docker run -p 3000:3000 -e DATABASE_URL=... -e APP_DATABASE_URL=... -e REDIS_URL=... clientela
#   worker:         docker run ... clientela npx tsx workers/index.ts
#   migrations:     docker run ... clientela npx tsx scripts/db-setup.ts
# docker-compose.yml wires all three together with PostgreSQL and Redis.

FROM node:20-bookworm-slim AS base
WORKDIR /app
# openssl: Prisma's CLI probes it to pick its platform (and warns without it).
RUN apt-get update \
  && apt-get install -y --no-install-recommends openssl ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
  CHECKPOINT_DISABLE=1 \
  NPM_CONFIG_FUND=false \
  NPM_CONFIG_AUDIT=false

# --- dependencies (all of them: the build needs the dev tools) ----------------------------------------------------
FROM base AS deps
COPY package.json package-lock.json ./
# postinstall runs `prisma generate`, which reads the config and schema; it does not connect, but wants a URL.
COPY prisma.config.ts ./
COPY prisma ./prisma
# `npm ci` is not usable for this project: `npm install` still follows package-lock.json.
RUN DATABASE_URL=postgresql://build:build@localhost:5432/build npm install

# --- build --------------------------------------------------------------------------------------------------------
FROM deps AS build
COPY . .
RUN npm run build \
  && npm prune --omit=dev

# --- runtime ------------------------------------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production \
  PORT=3000
# Read-only for the app user: everything stays owned by root. tsx caches compiled files under /tmp.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json /app/prisma.config.ts /app/server.ts ./
# The worker (and server.ts) import app/ sources at runtime through tsx; app/generated/prisma comes from the deps stage.
COPY --from=build /app/app ./app
COPY --from=build /app/workers ./workers
COPY --from=build /app/locales ./locales
COPY --from=build /app/prisma ./prisma
# scripts/db-setup.ts is the one-shot migration command (docker-compose.yml's migrate service).
COPY --from=build /app/scripts ./scripts

USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["npx", "tsx", "server.ts"]
