/**
 * `audio.transcribe` and `audio.speak`: speech to text and text to speech with `@zai-kit/audio`.
 *
 * `audio.transcribe` reads a local audio file (relative paths against the current directory); `audio.speak` writes
 * a WAV file below the output directory.
 *
 * @since 0.1.0
 */
import { Audio } from "@zai-kit/audio"
import { type PipelineError, Step, StepContext } from "@zai-kit/workflow"
import { Effect, FileSystem, type Path, Schema } from "effect"
import * as Env from "./internal/env.js"
import { fileInput } from "./internal/files.js"
import { apiRetry } from "./internal/policies.js"
import { LocalFileError, type PathOutsideOutputDirError } from "./StepErrors.js"

/** Input of `audio.transcribe`. */
export const TranscribeInput = Schema.Struct({
  /** The audio file (`.wav` / `.mp3`), a local path. */
  file: Schema.String.check(Schema.isMinLength(1)),
  /** The model (default `glm-asr-2512`). */
  model: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** Context for the recognizer (e.g. the transcript so far). */
  prompt: Schema.optional(Schema.String),
  /** Names and terms to recognize, at most 100. */
  hotwords: Schema.optional(Schema.Array(Schema.String).check(Schema.isMaxLength(100)))
})

/** Output of `audio.transcribe`. */
export const TranscribeOutput = Schema.Struct({ text: Schema.String, file: Schema.String })

/** Input of `audio.speak`. */
export const SpeakInput = Schema.Struct({
  /** The text to speak, 1–1024 characters. */
  text: Schema.String.check(Schema.isBetweenLength(1, 1024)),
  /** Where to write the WAV file, relative to the output directory. */
  path: Schema.String.check(Schema.isMinLength(1)),
  /** A system voice (`tongtong`, the default, ...) or a cloned voice id. */
  voice: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** Speaking rate, 0.5–2. */
  speed: Schema.optional(Schema.Number.check(Schema.isBetween({ minimum: 0.5, maximum: 2 }))),
  /** Volume, (0, 10]. */
  volume: Schema.optional(Schema.Number.check(Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(10))),
  /** The model (default `glm-tts`). */
  model: Schema.optional(Schema.String.check(Schema.isMinLength(1)))
})

/** Output of `audio.speak`: the WAV file written (absolute path) and its size. */
export const SpeakOutput = Schema.Struct({ path: Schema.String, bytes: Schema.Number })

/** The `audio.*` steps, typed. */
export interface Steps {
  readonly "audio.transcribe": Step.Step<typeof TranscribeInput.Type, typeof TranscribeOutput.Type, Audio.AudioError | LocalFileError | PipelineError.StepTimeoutError>
  readonly "audio.speak": Step.Step<
    typeof SpeakInput.Type,
    typeof SpeakOutput.Type,
    Audio.AudioError | LocalFileError | PathOutsideOutputDirError | PipelineError.StepTimeoutError
  >
}

/** The `audio.*` steps. */
export const make = (options: Env.Options = {}): Effect.Effect<Steps, never, Audio.Audio | FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const audio = yield* Audio.Audio
    const env = yield* Env.make(options)
    return {
      "audio.transcribe": Step.make({
        name: "audio.transcribe",
        description: "Transcribe an audio file",
        input: TranscribeInput,
        output: TranscribeOutput,
        run: (input) =>
          Effect.gen(function* () {
            const file = yield* fileInput(env, "audio.transcribe", input.file)
            const result = yield* audio.transcribe({
              model: input.model ?? "glm-asr-2512",
              file,
              ...(input.prompt === undefined ? {} : { prompt: input.prompt }),
              ...(input.hotwords === undefined ? {} : { hotwords: input.hotwords })
            })
            const text = result.text ?? ""
            yield* StepContext.progress(`transcript of ${text.length} characters`)
            return { text, file: Env.inputPath(env, input.file) }
          }),
        retry: apiRetry,
        timeout: "10 minutes"
      }),
      "audio.speak": Step.make({
        name: "audio.speak",
        description: "Speak text into a WAV file",
        input: SpeakInput,
        output: SpeakOutput,
        run: (input) =>
          Effect.gen(function* () {
            const target = yield* Env.inside(env, "audio.speak", "path", input.path)
            yield* Env.ensureDir(env, "audio.speak", env.path.dirname(target))
            yield* audio
              .speechToFile(
                {
                  model: input.model ?? "glm-tts",
                  input: input.text,
                  response_format: "wav",
                  ...(input.voice === undefined ? {} : { voice: input.voice }),
                  ...(input.speed === undefined ? {} : { speed: input.speed }),
                  ...(input.volume === undefined ? {} : { volume: input.volume })
                },
                target
              )
              .pipe(
                Effect.provideService(FileSystem.FileSystem, env.fs),
                Effect.mapError((error) =>
                  error._tag === "PlatformError"
                    ? new LocalFileError({ step: "audio.speak", operation: "write", path: target, reason: error.message })
                    : error
                )
              )
            const info = yield* env.fs.stat(target).pipe(Effect.mapError(Env.localError("audio.speak", "stat", target)))
            yield* StepContext.progress(`wrote ${target}`)
            return { path: target, bytes: Number(info.size) }
          }),
        retry: apiRetry,
        timeout: "5 minutes"
      })
    }
  })
