# The service's image, for compose.yaml (docs/operations.md, "Several nodes"). Not built by this
# project's tests or CI, which reach no image registry (docs/adr/0770).
FROM node:22-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY assets assets
COPY scripts/build-assets.mjs scripts/
RUN npm run build

FROM python:3.11-slim-bookworm
# WeasyPrint (PDF packs) needs Pango; pg_dump/pg_restore (hatecrime backup) the client tools.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --home-dir /var/lib/hatecrime hatecrime \
    && mkdir -p /srv/shared && chown hatecrime /srv/shared
WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY src src
COPY --from=assets /build/src/hatecrime/static/build src/hatecrime/static/build
RUN pip install --no-cache-dir . && rm -rf src
USER hatecrime
EXPOSE 8000
CMD ["hatecrime", "run_worker"]
