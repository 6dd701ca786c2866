# authline in a container: `docker build -t authline .`, then see
# docs/deployment.md. Written without a Docker engine at hand: a test lints
# it (test/release/container.test.ts), nothing has built or run it yet.

# Build: compile src/ to dist/, then keep only the runtime dependencies.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --ignore-scripts && npm run build && npm prune --omit=dev --ignore-scripts

# Run: Node, the compiled code and its dependencies; no compiler, no sources.
FROM node:20-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
# The working directory is the data volume: the embedded store's default
# ./.authline/data lands in it, and DATABASE_URL (PostgreSQL) needs no change.
RUN mkdir /data && chown node:node /data
WORKDIR /data
VOLUME /data
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/bin/authline.js"]
CMD ["serve"]
