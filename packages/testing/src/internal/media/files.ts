/**
 * Files the simulator serves itself (`GET /sim-files/<name>`): PNG images and MP4 videos whose content is derived
 * from their name, so a URL handed out in an answer keeps working without any stored state (even after a reset).
 * Names: `img-<hash>-<w>x<h>.png` (a generated image), `vid-<hash>-<w>x<h>.mp4` (a video) and
 * `cov-<hash>-<w>x<h>.png` (its cover), where `<hash>` is 16 hex digits derived from the request.
 * @internal
 */
import { digest, fnv1a } from "../hash.js"
import * as Mp4 from "./mp4.js"
import * as Png from "./png.js"

/** The path prefix (below the base) of served files. */
export const route = "/sim-files"

// the standard base path; files are served below it so that the same client (and key) can fetch them
const basePath = "/api/paas/v4"

type Kind = "img" | "vid" | "cov"

const pattern = /^(img|vid|cov)-([0-9a-f]{16})-([0-9]{1,3})x([0-9]{1,3})\.(png|mp4)$/

const hsv = (h: number, s: number, v: number): Png.Rgb => {
  const f = (n: number) => {
    const k = (n + h / 60) % 6
    return Math.round(255 * (v - v * s * Math.max(0, Math.min(k, 4 - k, 1))))
  }
  return [f(5), f(3), f(1)]
}

const mix = (a: Png.Rgb, b: Png.Rgb, t: number): Png.Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t)
]

/** A diagonal gradient between two colours picked from the hash; `phase` (0..1) shifts it (video frames). */
const painter = (hash: string, width: number, height: number, phase = 0) => {
  const n = fnv1a(hash)
  const from = hsv(n % 360, 0.65, 0.95)
  const to = hsv((n >>> 9) % 360, 0.8, 0.45)
  return (x: number, y: number): Png.Rgb => {
    const t = ((x / Math.max(1, width - 1) + y / Math.max(1, height - 1)) / 2 + phase) % 1
    return mix(from, to, t < 0.5 ? t * 2 : 2 - t * 2)
  }
}

const name = (kind: Kind, seed: string, width: number, height: number, ext: "png" | "mp4") =>
  `${kind}-${digest(seed)}-${width}x${height}.${ext}`

/** Thumbnail dimensions keeping the aspect ratio of a `WxH` size, the longer side `max`, rounded to `step`. */
export const thumbnail = (size: string | undefined, max: number, step: number): { width: number; height: number } => {
  const match = /^([0-9]+)x([0-9]+)$/.exec(size ?? "")
  const w = Number(match?.[1] ?? 1)
  const h = Number(match?.[2] ?? 1)
  const round = (v: number) => Math.max(step, Math.round(v / step) * step)
  return w >= h ? { width: max, height: round((max * h) / w) } : { width: round((max * w) / h), height: max }
}

/** The file name of a generated image. */
export const imageName = (seed: string, size: string | undefined): string => {
  const { width, height } = thumbnail(size, 64, 1)
  return name("img", seed, width, height, "png")
}

/** The file names of a generated video and its cover. */
export const videoNames = (seed: string, size: string | undefined): { video: string; cover: string } => {
  const { width, height } = thumbnail(size, 48, 16)
  return { video: name("vid", seed, width, height, "mp4"), cover: name("cov", seed, width, height, "png") }
}

/** The absolute URL of a served file, on the host the request came to. */
export const url = (host: string | undefined, file: string): string =>
  `http://${host ?? "127.0.0.1"}${basePath}${route}/${file}`

/** The bytes and content type of a file name, or `undefined` when the name is not one the simulator makes. */
export const content = (file: string): { readonly contentType: string; readonly body: Uint8Array } | undefined => {
  const match = pattern.exec(file)
  if (match === null) return undefined
  const [, kind, hash = "", w, h, ext] = match
  const width = Number(w)
  const height = Number(h)
  if (width < 1 || height < 1) return undefined
  if (kind === "vid") {
    if (ext !== "mp4" || width % 16 !== 0 || height % 16 !== 0) return undefined
    const frames = 8
    const painters = Array.from({ length: frames }, (_, frame) => painter(hash, width, height, frame / frames))
    const pixel = (x: number, y: number, frame: number) => (painters[frame] ?? painter(hash, width, height))(x, y)
    return { contentType: "video/mp4", body: Mp4.encode({ width, height, frames, fps: 8, pixel }) }
  }
  if (ext !== "png") return undefined
  return { contentType: "image/png", body: Png.encode(width, height, painter(hash, width, height)) }
}
