# One image for both apps: `api` (default command) and `worker`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# A Japanese font for the disclosure report PDFs.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-ipaexfont-gothic && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# DATA_DIR in service mode: the key files (audit chain, second-factor secrets) and the audit
# checkpoints, shared by the API and worker containers through one volume.
RUN mkdir -p /var/lib/madoguchi && chown node:node /var/lib/madoguchi
ENV DATA_DIR=/var/lib/madoguchi
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
