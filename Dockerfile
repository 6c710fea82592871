# syntax=docker/dockerfile:1
# Switchyard's image: one image, three process types, chosen by the command (see docs/run-in-production.md):
#   web      node --conditions=react-server --import tsx scripts/web.ts   (the default CMD; what `npm start` runs as its web child)
#   worker   node --conditions=react-server --import tsx scripts/worker.ts (what `npm run worker` runs)
#   migrate  npm run db:migrate                                            (one-shot, before new web/worker processes start)
# Every process needs DATABASE_URL (an external PostgreSQL) and the same AUTH_SECRET. `npm start` is not used in
# a container: it is the single-machine supervisor (embedded PostgreSQL, migrations, the demo, web + one worker).

# ---- build: the repo's own steps --------------------------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# npm ci's postinstall runs `npm run db:generate`, which needs the Prisma schema and config; copied first so
# that the dependency layer is rebuilt only when the lockfile or the schema changes.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY . .
RUN npm run build
# The runtime keeps tsx (a dependency: the server and worker entries are TypeScript) and drops the build and test tools.
RUN npm prune --omit=dev

# ---- runtime -----------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000
# Owned by root, so the processes cannot rewrite their own code; only Next's cache is theirs to write.
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.js /app/tsconfig.json /app/tsconfig.build.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY --from=build /app/app ./app
COPY --from=build /app/components ./components
COPY --from=build /app/lib ./lib
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
RUN mkdir -p /app/.next/cache && chown -R node:node /app/.next/cache
# The node image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
CMD ["node", "--conditions=react-server", "--import", "tsx", "scripts/web.ts"]
