import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema, SchemaAST } from "effect"
import {
  describeExpected,
  formatIssues,
  formatPath,
  fromSchemaError,
  InvalidRequestInput,
  issuesOf,
  makeValidator,
  strictParseOptions
} from "../src/InputValidation.js"

const Shape = Schema.Union([
  Schema.Struct({ kind: Schema.Literal("circle"), radius: Schema.Number }),
  Schema.Struct({ kind: Schema.Literal("square"), side: Schema.Number })
])
const Drawing = Schema.Struct({
  title: Schema.String,
  shapes: Schema.Array(Shape),
  "odd key": Schema.optionalKey(Schema.Boolean),
  tags: Schema.optionalKey(Schema.Record(Schema.String, Schema.String))
})
const validateDrawing = makeValidator(Drawing, "Drawing")

describe("InputValidation", () => {
  it("formats paths", () => {
    assert.strictEqual(formatPath([]), "")
    assert.strictEqual(formatPath(["messages", 0, "content", 2, "image_url", "url"]), "messages[0].content[2].image_url.url")
    assert.strictEqual(formatPath(["meta", "odd key", "x-y"]), "meta[\"odd key\"][\"x-y\"]")
    assert.strictEqual(formatPath([0, "a"]), "[0].a")
  })

  it("describes what a schema accepts", () => {
    assert.strictEqual(describeExpected(Schema.String.ast), "string")
    assert.strictEqual(describeExpected(Schema.Literals(["a", "b"]).ast), "\"a\" | \"b\"")
    assert.strictEqual(describeExpected(Schema.NullOr(Schema.Number).ast), "number | null")
    assert.strictEqual(describeExpected(Schema.Array(Schema.String).ast), "array")
    assert.strictEqual(describeExpected(Schema.Struct({}).ast), "object")
    assert.strictEqual(describeExpected(Schema.Struct({}).annotate({ identifier: "Thing" }).ast), "Thing")
    assert.strictEqual(describeExpected(Schema.Unknown.ast), "any value")
    assert.strictEqual(describeExpected(new SchemaAST.Literal(1n)), "1n")
  })

  it.effect("passes valid input through", () =>
    Effect.gen(function*() {
      const input = { title: "t", shapes: [{ kind: "circle", radius: 1 }], tags: { a: "b" } }
      assert.deepStrictEqual<unknown>(yield* validateDrawing(input), input)
    }))

  it.effect("reports every problem with its path", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(validateDrawing({
        titel: "t",
        shapes: [{ kind: "triangle" }, { kind: "square", side: "2" }, { radius: 1 }, 7],
        "odd key": "yes",
        tags: { a: 1 }
      }))
      assert.instanceOf(error, InvalidRequestInput)
      assert.strictEqual(error._tag, "InvalidRequestInput")
      assert.deepStrictEqual(error.issues, [
        { path: "titel", message: "unknown key \"titel\" (did you mean \"title\"?)" },
        { path: "title", message: "missing (required)" },
        { path: "shapes[0].kind", message: "expected \"circle\" | \"square\", got \"triangle\"" },
        { path: "shapes[1].side", message: "expected number, got \"2\"" },
        { path: "shapes[2].kind", message: "missing; expected \"circle\" | \"square\"" },
        { path: "shapes[3]", message: "expected object, got 7" },
        { path: "[\"odd key\"]", message: "expected boolean, got \"yes\"" },
        { path: "tags.a", message: "expected string, got 1" }
      ])
      assert.strictEqual(error.message.split("\n")[0], "Invalid Drawing (8 problems):")
    }))

  it.effect("caps long quoted values", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(validateDrawing({ title: "x".repeat(500), shapes: "y".repeat(500) }))
      const message = error.issues[0]?.message ?? ""
      assert.isTrue(message.startsWith("expected array, got \"yyy"))
      assert.isTrue(message.endsWith("…"))
      assert.isBelow(message.length, 100)
    }))

  it("converts a SchemaError built elsewhere", () => {
    const error = Schema.decodeUnknownResult(Drawing)({ title: 1, shapes: [] }, strictParseOptions)
    if (error._tag !== "Failure") return assert.fail("expected a failure")
    const converted = fromSchemaError("Drawing", error.failure)
    assert.deepStrictEqual(converted.issues, [{ path: "title", message: "expected string, got 1" }])
    assert.strictEqual(converted.message, "Invalid Drawing: title: expected string, got 1")
    assert.deepStrictEqual(issuesOf(error.failure.issue), converted.issues)
  })

  it("formats zero, one and many issues", () => {
    assert.strictEqual(formatIssues("X", []), "Invalid X")
    assert.strictEqual(formatIssues("X", [{ path: "", message: "expected object" }]), "Invalid X: expected object")
    assert.strictEqual(
      formatIssues("X", [{ path: "a", message: "m1" }, { path: "b", message: "m2" }]),
      "Invalid X (2 problems):\n  - a: m1\n  - b: m2"
    )
  })
})
