#!/usr/bin/env bash
# Scaffolds packages/<name> with the repo's conventions: package.json, tsconfigs, README stub.
# Usage: scripts/new-package.sh <name> "<description>" [dep ...]
set -euo pipefail
name=$1; desc=$2; shift 2
dir="packages/$name"
mkdir -p "$dir/src" "$dir/test"
deps='"effect": "catalog:"'
for d in "$@"; do deps="$deps, \"@zai-kit/$d\": \"workspace:^\""; done
cat > "$dir/package.json" <<JSON
{
  "name": "@zai-kit/$name",
  "version": "0.0.0",
  "description": "$desc",
  "license": "MIT",
  "type": "module",
  "sideEffects": false,
  "repository": { "type": "git", "url": "git+https://github.com/zai-kit/zai-kit.git", "directory": "$dir" },
  "keywords": ["zai", "glm", "zhipu", "effect", "sdk"],
  "engines": { "node": ">=22.19" },
  "files": ["dist", "src", "README.md", "LICENSE"],
  "exports": {
    ".": {
      "@zai-kit/source": "./src/index.ts",
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    }
  },
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "typecheck": "tsc -p tsconfig.json --noEmit && effect-language-service diagnostics --project tsconfig.json",
    "test": "vitest run --root ../.. $dir/"
  },
  "dependencies": { $deps },
  "publishConfig": { "access": "public" }
}
JSON
cat > "$dir/tsconfig.json" <<'JSON'
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "noEmit": true, "rootDir": "." },
  "include": ["src", "test", "bench", "examples"]
}
JSON
cat > "$dir/tsconfig.build.json" <<'JSON'
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "outDir": "dist", "rootDir": "src", "customConditions": [] },
  "include": ["src"]
}
JSON
cp LICENSE "$dir/LICENSE"
[ -f "$dir/README.md" ] || printf '# @zai-kit/%s\n\n%s\n' "$name" "$desc" > "$dir/README.md"
echo "scaffolded $dir"
