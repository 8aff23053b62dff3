/**
 * The server keys that guard every route but health and docs. They come from `ZAI_SERVER_KEYS`; with none
 * configured, the first start generates one into the data folder (mode 0600) and prints it once. Keys are compared in
 * constant time and never logged.
 *
 * @since 0.1.0
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import { Console, Context, Effect, FileSystem, Layer, Option, Path, type PlatformError, Redacted } from "effect"
import { ServerConfig } from "./ServerConfig.js"

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** The id of the key (`key-1`, `key-2`, ...; never the key itself) when `token` is one of the keys. */
  readonly verify: (token: string) => Option.Option<string>
  /** Where the generated key is stored, when the key was generated rather than configured. */
  readonly keyFile: Option.Option<string>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class ServerKeys extends Context.Service<ServerKeys, Service>()("@zai-kit/server/ServerKeys") {
  /** Keys from the settings, or the one in (or generated into) the data folder. */
  static readonly layer: Layer.Layer<
    ServerKeys,
    PlatformError.PlatformError,
    ServerConfig | FileSystem.FileSystem | Path.Path
  > = Layer.effect(ServerKeys, Effect.suspend(() => load))
}

const digest = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest()

/**
 * A verifier over `keys`: every key is compared (SHA-256 digests, `timingSafeEqual`), so the time taken does not
 * depend on which key, or how much of one, matched.
 *
 * @since 0.1.0
 */
export const make = (keys: ReadonlyArray<Redacted.Redacted<string>>, keyFile: Option.Option<string> = Option.none()): Service => {
  const digests = keys.map((key) => digest(Redacted.value(key)))
  return {
    keyFile,
    verify: (token) => {
      const candidate = digest(token)
      let found = -1
      for (let i = 0; i < digests.length; i++) {
        const equal = timingSafeEqual(candidate, digests[i] as Buffer)
        if (equal && found === -1) found = i
      }
      return token.length > 0 && found >= 0 ? Option.some(`key-${found + 1}`) : Option.none()
    }
  }
}

/**
 * A fresh random key: `zsk_` and 32 random bytes in base64url.
 *
 * @since 0.1.0
 */
export const generate = (): string => `zsk_${randomBytes(32).toString("base64url")}`

/**
 * The name of the generated key's file inside the data folder.
 *
 * @since 0.1.0
 */
export const keyFileName = "server-key"

const load = Effect.gen(function*() {
  const settings = yield* ServerConfig
  if (settings.serverKeys.length > 0) return make(settings.serverKeys)
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  yield* fs.makeDirectory(settings.dataDir, { recursive: true, mode: 0o700 })
  const file = path.join(settings.dataDir, keyFileName)
  if (yield* fs.exists(file)) {
    const stored = (yield* fs.readFileString(file)).trim()
    if (stored.length > 0) return make([Redacted.make(stored)], Option.some(file))
  }
  const key = generate()
  yield* fs.writeFileString(file, `${key}\n`, { mode: 0o600 })
  yield* fs.chmod(file, 0o600)
  yield* Console.log(
    `zai-server: generated a server key, stored in ${file} (readable only by its owner). It is shown only this once:\n\n  ${key}\n`
  )
  return make([Redacted.make(key)], Option.some(file))
})
