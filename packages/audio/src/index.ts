/**
 * `@zai-kit/audio`: audio for Z.ai on `ZaiClient`: speech recognition (GLM-ASR), text-to-speech (GLM-TTS, whole or
 * streamed), speech in the voice of a sample, and voice cloning.
 *
 * @since 0.1.0
 */

/**
 * The `Audio` service (`transcribe`, `transcribeStream`, `speech`, `speechToFile`, `speechStream`, `customize`), its
 * layer, and `writeFile` / `writeWavFile` for audio streams.
 *
 * @since 0.1.0
 */
export * as Audio from "./Audio.js"

/**
 * Audio to upload (path, bytes, `Blob`, byte `Stream`) and format detection.
 *
 * @since 0.1.0
 */
export * as AudioFile from "./AudioFile.js"

/**
 * The `Voices` service (`clone`, `delete`, `list`) and its layer.
 *
 * @since 0.1.0
 */
export * as Voices from "./Voices.js"

/**
 * WAV helpers: `fromPcm` (a header for raw PCM speech) and `parse`.
 *
 * @since 0.1.0
 */
export * as Wav from "./Wav.js"
