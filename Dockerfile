# The app image: API, worker and built builder UI in one Node process.
# Temporal comes from the compose topology (TEMPORAL_ADDRESS), so the local Temporal CLI
# download that `npm install` normally does is skipped.
FROM node:20-bookworm-slim
WORKDIR /app
ENV JOURNEY_SKIP_TOOL_SETUP=1
# Dependencies first, so the npm ci layer is reused until the lockfile changes.
# (No `npm prune --omit=dev`: the build and postinstall need dev tools; kept simple.)
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
# npm ci's postinstall runs `prisma generate`, which loads prisma.config.ts and what it imports.
COPY engine/db/pg-name-oid-workaround.ts ./engine/db/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
# The app runs unprivileged; only the embedded-state folder (PGlite, used when DATABASE_URL is
# unset) must be writable by it. Compose sets DATABASE_URL, so this is the fallback path.
RUN mkdir -p .data && chown -R node:node .data
USER node
EXPOSE 3000
CMD ["node", "dist/engine/main.js"]
