#!/usr/bin/env bash
# Idempotent set-up for a fresh machine (Node 20 + npm, no pnpm):
# installs the pinned pnpm, the workspace (which brings Node 22 as node_modules/.bin/node),
# and builds the packages. Every later `pnpm run` script runs on that Node 22.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
have=$(pnpm --version 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  echo "bootstrap: installing pnpm@$want" >&2
  npm install -g --allow-scripts=pnpm "pnpm@$want" >&2
fi
if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ] || [ package.json -nt node_modules/.modules.yaml ]; then
  echo "bootstrap: pnpm install" >&2
  pnpm install --frozen-lockfile >&2
fi
echo "bootstrap: build" >&2
pnpm exec turbo run build --output-logs=errors-only >&2
