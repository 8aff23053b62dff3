/**
 * A minimal, real MP4 writer: an H.264 (Constrained Baseline) elementary stream made of intra frames whose
 * macroblocks are all `I_PCM` (raw samples, so no transform or entropy coder is needed), in an ISO BMFF file
 * `ftyp` + `moov` (`mvhd`, one video `trak` with `tkhd`, `mdia`/`mdhd`/`hdlr`/`minf`/`vmhd`/`dinf`/`stbl` with
 * `stsd` → `avc1` → `avcC`, `stts`, `stsc`, `stsz`, `stco`) + `mdat`. Small (a few KB) and playable.
 * @internal
 */
import { join, type Rgb } from "./png.js"

// ---------------------------------------------------------------------------------------------------------------
// H.264 bitstream
// ---------------------------------------------------------------------------------------------------------------

class BitWriter {
  private readonly bytes: Array<number> = []
  private current = 0
  private used = 0

  /** `n` bits of `value`, most significant first. */
  u(n: number, value: number): this {
    for (let i = n - 1; i >= 0; i--) this.bit((value >>> i) & 1)
    return this
  }

  /** Unsigned Exp-Golomb. */
  ue(value: number): this {
    const code = value + 1
    const length = Math.floor(Math.log2(code))
    this.u(length, 0)
    return this.u(length + 1, code)
  }

  /** Signed Exp-Golomb. */
  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value)
  }

  /** Zero bits up to the next byte boundary. */
  align(): this {
    while (this.used !== 0) this.bit(0)
    return this
  }

  /** `rbsp_trailing_bits`: a one, then zeros up to the byte boundary. */
  trailing(): this {
    this.bit(1)
    return this.align()
  }

  /** Whole bytes (the writer must be aligned). */
  raw(values: ArrayLike<number>): this {
    for (let i = 0; i < values.length; i++) this.u(8, values[i] ?? 0)
    return this
  }

  done(): Uint8Array {
    return new Uint8Array(this.bytes)
  }

  private bit(b: number): void {
    this.current = (this.current << 1) | b
    this.used++
    if (this.used === 8) {
      this.bytes.push(this.current)
      this.current = 0
      this.used = 0
    }
  }
}

/** A NAL unit: header byte, then the RBSP with emulation-prevention bytes inserted. */
const nal = (refIdc: number, type: number, rbsp: Uint8Array): Uint8Array => {
  const out: Array<number> = [(refIdc << 5) | type]
  let zeros = 0
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3)
      zeros = 0
    }
    out.push(byte)
    zeros = byte === 0 ? zeros + 1 : 0
  }
  return new Uint8Array(out)
}

const profileIdc = 66 // Baseline
const constraintFlags = 0xc0 // constraint_set0 and constraint_set1: Constrained Baseline
const levelIdc = 10 // level 1.0 (up to 99 macroblocks per frame)

const sps = (widthMbs: number, heightMbs: number): Uint8Array =>
  nal(
    3,
    7,
    new BitWriter()
      .u(8, profileIdc)
      .u(8, constraintFlags)
      .u(8, levelIdc)
      .ue(0) // seq_parameter_set_id
      .ue(0) // log2_max_frame_num_minus4
      .ue(2) // pic_order_cnt_type: output order = decoding order
      .ue(1) // max_num_ref_frames
      .u(1, 0) // gaps_in_frame_num_value_allowed_flag
      .ue(widthMbs - 1)
      .ue(heightMbs - 1)
      .u(1, 1) // frame_mbs_only_flag
      .u(1, 1) // direct_8x8_inference_flag
      .u(1, 0) // frame_cropping_flag
      .u(1, 0) // vui_parameters_present_flag
      .trailing()
      .done()
  )

const pps = (): Uint8Array =>
  nal(
    3,
    8,
    new BitWriter()
      .ue(0) // pic_parameter_set_id
      .ue(0) // seq_parameter_set_id
      .u(1, 0) // entropy_coding_mode_flag: CAVLC
      .u(1, 0) // bottom_field_pic_order_in_frame_present_flag
      .ue(0) // num_slice_groups_minus1
      .ue(0) // num_ref_idx_l0_default_active_minus1
      .ue(0) // num_ref_idx_l1_default_active_minus1
      .u(1, 0) // weighted_pred_flag
      .u(2, 0) // weighted_bipred_idc
      .se(0) // pic_init_qp_minus26
      .se(0) // pic_init_qs_minus26
      .se(0) // chroma_qp_index_offset
      .u(1, 0) // deblocking_filter_control_present_flag
      .u(1, 0) // constrained_intra_pred_flag
      .u(1, 0) // redundant_pic_cnt_present_flag
      .trailing()
      .done()
  )

const clampSample = (v: number): number => Math.max(1, Math.min(254, Math.round(v)))

const yuv = ([r, g, b]: Rgb): readonly [number, number, number] => [
  clampSample(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255),
  clampSample(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255),
  clampSample(128 + (112 * r - 93.786 * g - 18.214 * b) / 255)
]

/** One IDR picture: a single I slice whose macroblocks are all I_PCM. */
const idrSlice = (
  widthMbs: number,
  heightMbs: number,
  idrPicId: number,
  pixel: (x: number, y: number) => Rgb
): Uint8Array => {
  const w = new BitWriter()
    .ue(0) // first_mb_in_slice
    .ue(7) // slice_type: I (all slices of the picture)
    .ue(0) // pic_parameter_set_id
    .u(4, 0) // frame_num (log2_max_frame_num = 4)
    .ue(idrPicId)
    .u(1, 0) // no_output_of_prior_pics_flag
    .u(1, 0) // long_term_reference_flag
    .se(0) // slice_qp_delta
  for (let mby = 0; mby < heightMbs; mby++) {
    for (let mbx = 0; mbx < widthMbs; mbx++) {
      w.ue(25).align() // mb_type I_PCM, pcm_alignment_zero_bits
      const luma: Array<number> = []
      const cb: Array<number> = []
      const cr: Array<number> = []
      for (let y = 0; y < 16; y++) {
        for (let x = 0; x < 16; x++) luma.push(yuv(pixel(mbx * 16 + x, mby * 16 + y))[0])
      }
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const [, u, v] = yuv(pixel(mbx * 16 + 2 * x, mby * 16 + 2 * y))
          cb.push(u)
          cr.push(v)
        }
      }
      w.raw(luma).raw(cb).raw(cr)
    }
  }
  return nal(3, 5, w.trailing().done())
}

// ---------------------------------------------------------------------------------------------------------------
// ISO BMFF boxes
// ---------------------------------------------------------------------------------------------------------------

const u8 = (...values: ReadonlyArray<number>) => new Uint8Array(values)
const u16 = (n: number) => u8((n >>> 8) & 0xff, n & 0xff)
const u32 = (n: number) => u8((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff)
const zeros = (n: number) => new Uint8Array(n)
const ascii = (text: string) => new TextEncoder().encode(text)

const box = (type: string, ...payload: ReadonlyArray<Uint8Array>): Uint8Array => {
  const body = join(payload)
  return join([u32(body.length + 8), ascii(type), body])
}

const fullBox = (type: string, version: number, flags: number, ...payload: ReadonlyArray<Uint8Array>): Uint8Array =>
  box(type, u8(version, (flags >>> 16) & 0xff, (flags >>> 8) & 0xff, flags & 0xff), ...payload)

const matrix = join([u32(0x00010000), u32(0), u32(0), u32(0), u32(0x00010000), u32(0), u32(0), u32(0), u32(0x40000000)])

/** What to encode. */
export interface VideoSpec {
  /** Width in pixels, a multiple of 16. */
  readonly width: number
  /** Height in pixels, a multiple of 16. */
  readonly height: number
  readonly frames: number
  readonly fps: number
  /** The colour of pixel (x, y) in frame `frame`. */
  readonly pixel: (x: number, y: number, frame: number) => Rgb
}

/** Encodes a short H.264 video in an MP4 file. */
export const encode = (spec: VideoSpec): Uint8Array => {
  const widthMbs = Math.max(1, Math.floor(spec.width / 16))
  const heightMbs = Math.max(1, Math.floor(spec.height / 16))
  const width = widthMbs * 16
  const height = heightMbs * 16
  const timescale = 1000
  const delta = Math.max(1, Math.round(timescale / spec.fps))
  const duration = delta * spec.frames
  const spsNal = sps(widthMbs, heightMbs)
  const ppsNal = pps()
  const samples = Array.from({ length: spec.frames }, (_, frame) => {
    const slice = idrSlice(widthMbs, heightMbs, frame % 2, (x, y) => spec.pixel(x, y, frame))
    return join([u32(slice.length), slice])
  })

  const avcC = box(
    "avcC",
    u8(1, profileIdc, constraintFlags, levelIdc, 0xff, 0xe1),
    u16(spsNal.length),
    spsNal,
    u8(1),
    u16(ppsNal.length),
    ppsNal
  )
  const name = "zai-sim h264"
  const compressor = join([u8(name.length), ascii(name), zeros(31 - name.length)])
  const avc1 = box(
    "avc1",
    zeros(6),
    u16(1), // data_reference_index
    zeros(16), // pre_defined, reserved
    u16(width),
    u16(height),
    u32(0x00480000),
    u32(0x00480000),
    u32(0),
    u16(1), // frame_count
    compressor,
    u16(0x0018),
    u16(0xffff),
    avcC
  )

  const moov = (chunkOffset: number) =>
    box(
      "moov",
      fullBox("mvhd", 0, 0, u32(0), u32(0), u32(timescale), u32(duration), u32(0x00010000), u16(0x0100), zeros(10), matrix, zeros(24), u32(2)),
      box(
        "trak",
        fullBox("tkhd", 0, 3, u32(0), u32(0), u32(1), u32(0), u32(duration), zeros(8), u16(0), u16(0), u16(0), u16(0), matrix, u32(width << 16), u32(height << 16)),
        box(
          "mdia",
          fullBox("mdhd", 0, 0, u32(0), u32(0), u32(timescale), u32(duration), u16(0x55c4), u16(0)),
          fullBox("hdlr", 0, 0, u32(0), ascii("vide"), zeros(12), ascii("VideoHandler"), u8(0)),
          box(
            "minf",
            fullBox("vmhd", 0, 1, zeros(8)),
            box("dinf", fullBox("dref", 0, 0, u32(1), fullBox("url ", 0, 1))),
            box(
              "stbl",
              fullBox("stsd", 0, 0, u32(1), avc1),
              fullBox("stts", 0, 0, u32(1), u32(spec.frames), u32(delta)),
              fullBox("stsc", 0, 0, u32(1), u32(1), u32(spec.frames), u32(1)),
              fullBox("stsz", 0, 0, u32(0), u32(spec.frames), ...samples.map((s) => u32(s.length))),
              fullBox("stco", 0, 0, u32(1), u32(chunkOffset))
            )
          )
        )
      )
    )

  const ftyp = box("ftyp", ascii("isom"), u32(0x200), ascii("isom"), ascii("iso2"), ascii("avc1"), ascii("mp41"))
  const moovSize = moov(0).length
  return join([ftyp, moov(ftyp.length + moovSize + 8), box("mdat", ...samples)])
}
