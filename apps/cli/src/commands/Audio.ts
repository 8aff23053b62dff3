/**
 * `zai transcribe FILE`, `zai speak TEXT -o FILE` and `zai voices list|clone|delete`.
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"

/**
 * The arguments and flags of `transcribe`.
 *
 * @since 0.1.0
 */
export const transcribeConfig = {
  file: Argument.String("file").pipe(Argument.withDescription("Audio file (wav, mp3, ...)")),
  model: Flag.String("model").pipe(Flag.withAlias("m"), Flag.withDescription("Speech recognition model"), Flag.withDefault("glm-asr-2512")),
  prompt: Flag.String("prompt").pipe(Flag.withDescription("Context that helps recognition"), Flag.optional),
  hotword: Flag.String("hotword").pipe(Flag.withDescription("A word to recognise (repeatable)"), Flag.atLeast(0))
}

/**
 * Parsed `transcribe` input.
 *
 * @since 0.1.0
 */
export type TranscribeArgs = Command.Command.Config.Infer<typeof transcribeConfig>

/**
 * `zai transcribe`.
 *
 * @since 0.1.0
 */
export const transcribe = Command.make("transcribe", transcribeConfig, Lazy.handler(() => import("../handlers/Transcribe.js"))).pipe(
  Command.withDescription("Transcribe an audio file to text"),
  Command.withExamples([{ command: "zai transcribe meeting.wav > meeting.txt", description: "Transcript to a file" }])
)

/**
 * The arguments and flags of `speak`.
 *
 * @since 0.1.0
 */
export const speakConfig = {
  text: Argument.String("text").pipe(Argument.withDescription("What to say (default: stdin)"), Argument.optional),
  output: Flag.String("output").pipe(Flag.withAlias("o"), Flag.withDescription("The audio file to write"), Flag.withMetavar("FILE")),
  model: Flag.String("model").pipe(Flag.withAlias("m"), Flag.withDescription("Speech model"), Flag.withDefault("glm-tts")),
  voice: Flag.String("voice").pipe(Flag.withDescription("Voice id (see zai voices list)"), Flag.withDefault("tongtong")),
  format: Flag.Literals("format", ["wav", "pcm"]).pipe(Flag.withDescription("Audio format"), Flag.withDefault("wav")),
  speed: Flag.Finite("speed").pipe(Flag.withDescription("Speed (0.5-2)"), Flag.optional)
}

/**
 * Parsed `speak` input.
 *
 * @since 0.1.0
 */
export type SpeakArgs = Command.Command.Config.Infer<typeof speakConfig>

/**
 * `zai speak`.
 *
 * @since 0.1.0
 */
export const speak = Command.make("speak", speakConfig, Lazy.handler(() => import("../handlers/Speak.js"))).pipe(
  Command.withDescription("Turn text into speech, written to a file"),
  Command.withExamples([{ command: 'zai speak "Hello there" -o hello.wav', description: "Say hello" }])
)

/**
 * The arguments and flags of `voices list`.
 *
 * @since 0.1.0
 */
export const voicesListConfig = {
  type: Flag.Literals("type", ["OFFICIAL", "PRIVATE"]).pipe(Flag.withDescription("System or cloned voices"), Flag.optional),
  name: Flag.String("name").pipe(Flag.withDescription("Filter by name"), Flag.optional)
}

/**
 * The arguments and flags of `voices clone`.
 *
 * @since 0.1.0
 */
export const voicesCloneConfig = {
  name: Argument.String("name").pipe(Argument.withDescription("Name of the new voice")),
  fileId: Flag.String("file-id").pipe(Flag.withDescription("Id of the uploaded sample (zai files upload --purpose voice-clone-input)")),
  text: Flag.String("text").pipe(Flag.withDescription("Text for the preview")),
  model: Flag.String("model").pipe(Flag.withDescription("Cloning model"), Flag.withDefault("glm-tts-clone"))
}

/**
 * The arguments and flags of `voices delete`.
 *
 * @since 0.1.0
 */
export const voicesDeleteConfig = {
  voice: Argument.String("voice").pipe(Argument.withDescription("Voice id"))
}

/**
 * Parsed `voices` inputs.
 *
 * @since 0.1.0
 */
export type VoicesArgs =
  | ({ readonly _tag: "list" } & Command.Command.Config.Infer<typeof voicesListConfig>)
  | ({ readonly _tag: "clone" } & Command.Command.Config.Infer<typeof voicesCloneConfig>)
  | ({ readonly _tag: "delete" } & Command.Command.Config.Infer<typeof voicesDeleteConfig>)

const voicesHandler = Lazy.handler(() => import("../handlers/Voices.js"))

/**
 * `zai voices`.
 *
 * @since 0.1.0
 */
export const voices = Command.make("voices").pipe(
  Command.withDescription("Speech voices: list system and cloned voices, clone one, delete one"),
  Command.withSubcommands([
    Command.make("list", voicesListConfig, (args) => voicesHandler({ _tag: "list", ...args })).pipe(
      Command.withDescription("List voices")
    ),
    Command.make("clone", voicesCloneConfig, (args) => voicesHandler({ _tag: "clone", ...args })).pipe(
      Command.withDescription("Clone a voice from an uploaded sample")
    ),
    Command.make("delete", voicesDeleteConfig, (args) => voicesHandler({ _tag: "delete", ...args })).pipe(
      Command.withDescription("Delete a cloned voice")
    )
  ])
)
