// `node --conditions=@zai-kit/source --import <repo>/scripts/ts/register.mjs script.ts`: runs this repository's
// TypeScript sources without a build (Node 22 strips the types; the hook maps the sources' `./X.js` imports to
// `./X.ts`). Used by the tests that start child processes (kill -9 resume tests, the main job).
import { register } from "node:module"
register("./hooks.mjs", import.meta.url)
