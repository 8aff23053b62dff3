/**
 * Test helpers: the simulator and a `ZaiClient` aimed at it (retries off) with `Documents` on top (and Node's
 * `FileSystem`, for paths); a `Documents` on a canned HTTP answer; a tiny uncompressed PDF; multipart decoding of a
 * recorded request.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Exits, type Faults, RecordingClient, Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { Layer } from "effect"
import { Documents } from "../src/Documents.js"

/** The simulator, a `ZaiClient` on it (retries off, so a fault surfaces at once), and `Documents` with a file system. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Documents | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  TestLayers.layerService(Documents.layer.pipe(Layer.provide(NodeFileSystem.layer)), { simulator: options })

/** `Documents` on an HTTP client that answers every request with `body`; `seen` collects the requests. */
export const canned = (body: string, contentType = "application/json") => {
  const seen: Array<RecordingClient.Recorded> = []
  const live = Documents.layer.pipe(
    Layer.provide(RecordingClient.layer({ body, headers: { "content-type": contentType } }, { seen }))
  )
  return { layer: live, seen }
}

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = Exits.failureOf

/** A minimal PDF with one uncompressed content stream per page; each page is a list of lines drawn with Tj / TJ. */
export const pdf = (pages: ReadonlyArray<ReadonlyArray<string>>): Uint8Array => {
  const escapePdf = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`)
  const objects: Array<string> = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${3 + 2 * i} 0 R`).join(" ")}] /Count ${pages.length} >>`
  ]
  pages.forEach((lines, i) => {
    const ops = lines
      .map((line, j) => {
        const words = line.split(" ")
        // every other line as a TJ array with word-space kerning, the rest as a plain Tj
        return j % 2 === 1 && words.length > 1
          ? `0 -16 Td [${words.map((w) => `(${escapePdf(w)})`).join(" -300 ")}] TJ`
          : `${j === 0 ? "72 720 Td" : "0 -16 Td"} (${escapePdf(line)}) Tj`
      })
      .join("\n")
    const stream = `BT\n/F1 12 Tf\n${ops}\nET`
    objects.push(`<< /Type /Page /Parent 2 0 R /Contents ${4 + 2 * i} 0 R >>`)
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`)
  })
  const body = objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj`).join("\n")
  return new TextEncoder().encode(`%PDF-1.4\n${body}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`)
}

/** Decodes the multipart body of a recorded request (as the server received it). */
export const formOf = Simulator.formData
