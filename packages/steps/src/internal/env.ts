/**
 * What every family of steps shares: the output directory, the file system, polling options, the default chat
 * model, and path checks.
 * @internal
 */
import { type Duration, Effect, FileSystem, Option, Path, type PlatformError, type Schedule } from "effect"
import { LocalFileError, PathOutsideOutputDirError } from "../StepErrors.js"

/** Options shared by every family (see `Registry.Options`). */
export interface Options {
  readonly outputDir?: string | undefined
  readonly chatModel?: string | undefined
  readonly poll?:
    | { readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined; readonly timeout?: Duration.Input | undefined }
    | undefined
}

/** The resolved environment of the steps. */
export interface Env {
  /** Absolute output directory. */
  readonly outputDir: string
  readonly chatModel: string
  readonly poll: {
    readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined
    readonly timeout?: Duration.Input | undefined
  }
  readonly fs: FileSystem.FileSystem
  readonly path: Path.Path
}

/** The default chat model of the steps. */
export const defaultChatModel = "glm-4.6"

/** Resolve the options against the file system services. */
export const make = (options: Options = {}): Effect.Effect<Env, never, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    return {
      outputDir: path.resolve(options.outputDir ?? "."),
      chatModel: options.chatModel ?? defaultChatModel,
      poll: options.poll ?? {},
      fs,
      path
    }
  })

/**
 * The absolute path of `relative` inside the output directory (`Path.resolveWithin`: lexical, no symlinks
 * followed); fails when it resolves outside it or is absolute.
 */
export const inside = (
  env: Env,
  step: string,
  field: string,
  relative: string
): Effect.Effect<string, PathOutsideOutputDirError> =>
  Option.match(env.path.resolveWithin(env.outputDir, relative), {
    onNone: () => Effect.fail(new PathOutsideOutputDirError({ step, field, path: relative, outputDir: env.outputDir })),
    onSome: Effect.succeed
  })

/** A path for reading an input file: relative paths resolve against the current directory. */
export const inputPath = (env: Env, file: string): string => env.path.resolve(file)

/** Map a platform error to a `LocalFileError`. */
export const localError =
  (step: string, operation: string, path: string) =>
  (error: PlatformError.PlatformError): LocalFileError =>
    new LocalFileError({ step, operation, path, reason: error.message })

/** Create a directory (and its parents). */
export const ensureDir = (env: Env, step: string, dir: string): Effect.Effect<void, LocalFileError> =>
  env.fs.makeDirectory(dir, { recursive: true }).pipe(Effect.mapError(localError(step, "create directory", dir)))

/** Write a UTF-8 file (creating its directory); returns the number of bytes written. */
export const writeText = (env: Env, step: string, file: string, content: string): Effect.Effect<number, LocalFileError> =>
  Effect.gen(function* () {
    yield* ensureDir(env, step, env.path.dirname(file))
    const bytes = new TextEncoder().encode(content)
    yield* env.fs.writeFile(file, bytes).pipe(Effect.mapError(localError(step, "write", file)))
    return bytes.length
  })

/** Read a file's bytes. */
export const readBytes = (env: Env, step: string, file: string): Effect.Effect<Uint8Array, LocalFileError> =>
  env.fs.readFile(file).pipe(Effect.mapError(localError(step, "read", file)))

/** The file name of a path. */
export const baseName = (env: Env, file: string): string => env.path.basename(file)
