# syntax=docker/dockerfile:1

# Build: compile TypeScript with the dev dependencies, which never reach the runtime image.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# Runtime: production dependencies and the compiled output only.
FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# The OpenAPI contract served at /v2/openapi.json is read from here at run time.
COPY apps/api/spec ./apps/api/spec
# The embedded database (no DATABASE_URL) writes to DATA_DIR, ./data by default.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node flags as in apps/api/src/node-flags.ts (ADR 024).
CMD ["node", "--max-semi-space-size=32", "dist/apps/api/src/main.js"]
