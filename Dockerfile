# syntax=docker/dockerfile:1
# One image for every process of the supergraph. The role is the argument:
#   docker run IMAGE gateway | users | catalog | library | lyrics | streaming | analytics
#   docker run IMAGE users-workers | catalog-workers | library-workers | lyrics-workers | analytics-workers
# Stages: deps (all dependencies, for tsc) -> build (dist/) ; prod-deps (production dependencies
# only, on the same base so argon2's native addon matches) -> runtime (dist/ + prod node_modules).
# platform/build/dockerfile.test.ts checks that every path copied here exists and what the runtime needs.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# argon2 ships prebuilt N-API binaries (linux x64/arm64, glibc and musl) that node-gyp-build picks at
# install; no compiler is needed. For another platform add: apt-get install -y python3 make g++.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci

FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY platform ./platform
COPY providers ./providers
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
# tsc, then the runtime assets (SDL, supergraph, Lua) into dist/ and a check that dist/ imports
# nothing outside package.json dependencies.
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    LOG_FORMAT=json
# package.json: "type": "module" makes dist/*.js ES modules. Files stay owned by root: the process
# (uid 1000, `node` in the official image) can read but not change them.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER 1000:1000
# gateway 4000, subgraphs 4001-4006, worker pools 4051-4056 (subgraph port + 50).
EXPOSE 4000 4001 4002 4003 4004 4005 4006 4051 4052 4053 4054 4056
# Node is PID 1: it handles SIGTERM itself (platform/http/shutdown.ts); no shell in between.
# The tracing preload loads nothing unless OTEL_EXPORTER_OTLP_ENDPOINT is set (platform/observability).
ENTRYPOINT ["node", "--import", "./dist/platform/observability/tracing.js", "dist/platform/runtime/role.js"]
CMD ["gateway"]
