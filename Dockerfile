# The app image: API, worker and built builder UI in one Node process.
# Temporal comes from the compose topology (TEMPORAL_ADDRESS), so the local Temporal CLI
# download that `npm install` normally does is skipped.
FROM node:20-bookworm-slim
WORKDIR /app
ENV JOURNEY_SKIP_TOOL_SETUP=1
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY engine/db/pg-name-oid-workaround.ts ./engine/db/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
USER node
EXPOSE 3000
CMD ["node", "dist/engine/main.js"]
