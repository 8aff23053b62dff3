import { assert, describe, it } from "@effect/vitest"
import { deref, type JsonSchema, mergeAllOf, resolveRef, sample, samples } from "../src/sampleFromJsonSchema.js"

const root = {
  components: {
    schemas: {
      Pet: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string" }, kind: { type: "string", enum: ["cat", "dog"] }, age: { type: "integer" } }
      },
      Tree: { type: "object", properties: { label: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/Tree" } } } },
      Self: { $ref: "#/components/schemas/Self" },
      "a/b": { type: "boolean" }
    }
  }
}

describe("sample", () => {
  it("scalars: example, then default, then the first enum value, then a placeholder by type", () => {
    assert.strictEqual(sample({ type: "string", example: "hi", default: "d", enum: ["e"] }), "hi")
    assert.strictEqual(sample({ type: "string", default: "d", enum: ["e"] }), "d")
    assert.strictEqual(sample({ type: "string", enum: ["e", "f"] }), "e")
    assert.strictEqual(sample({ type: "string" }), "string")
    assert.strictEqual(sample({ type: "integer", enum: [30, 60] }), 30)
    assert.strictEqual(sample({ type: "boolean" }), true)
    assert.strictEqual(sample({ type: "null" }), null)
    assert.strictEqual(sample({ const: 7, example: 1 }), 7)
    assert.strictEqual(sample({ type: "string", examples: ["first", "second"] }), "first")
  })

  it("useExamples: false ignores example and default but keeps enum and const", () => {
    assert.strictEqual(sample({ type: "string", example: "hi", default: "d" }, { useExamples: false }), "string")
    assert.strictEqual(sample({ type: "string", example: "hi", enum: ["e"] }, { useExamples: false }), "e")
    assert.strictEqual(sample({ const: "c", example: "x" }, { useExamples: false }), "c")
  })

  it("strings follow format and length bounds; numbers their bounds", () => {
    assert.strictEqual(sample({ type: "string", format: "uri" }), "https://example.com/a")
    assert.strictEqual(sample({ type: "string", format: "date-time" }), "2025-01-01T00:00:00Z")
    assert.strictEqual(sample({ type: "string", minLength: 8 }), "stringxx")
    assert.strictEqual(sample({ type: "string", maxLength: 3 }), "str")
    const urls: JsonSchema = {
      properties: { url: { type: "string" }, image_url: { type: "array", items: { type: "string" } }, curl: { type: "string" } }
    }
    assert.deepStrictEqual(sample(urls), { url: "https://example.com/a", image_url: ["https://example.com/a"], curl: "string" })
    assert.strictEqual(sample({ type: "integer" }), 1)
    assert.strictEqual(sample({ type: "integer", minimum: 5, maximum: 9 }), 5)
    assert.strictEqual(sample({ type: "integer", exclusiveMinimum: 5 }), 6)
    assert.strictEqual(sample({ type: "number", minimum: 0.01 }), 0.01)
    assert.strictEqual(sample({ type: "number", maximum: 0 }), 0)
    assert.strictEqual(sample({ type: ["string", "null"] }), "string")
  })

  it("objects from properties, recursively; requiredOnly keeps the required ones; map-only objects get one entry", () => {
    const schema: JsonSchema = {
      type: "object",
      required: ["a"],
      properties: { a: { type: "string" }, b: { type: "object", properties: { c: { type: "number", example: 2.5 } } } }
    }
    assert.deepStrictEqual(sample(schema), { a: "string", b: { c: 2.5 } })
    assert.deepStrictEqual(sample(schema, { requiredOnly: true }), { a: "string" })
    assert.deepStrictEqual(sample({ type: "object", additionalProperties: { type: "integer" } }), { key: 1 })
    assert.deepStrictEqual(sample({ type: "object", additionalProperties: true }), {})
    assert.deepStrictEqual(sample({ properties: { x: { type: "boolean" } } }), { x: true })
  })

  it("arrays: one item, minItems items, tuples item by item, none when maxItems is 0", () => {
    assert.deepStrictEqual(sample({ type: "array", items: { type: "string" } }), ["string"])
    assert.deepStrictEqual(sample({ type: "array", items: { type: "integer" }, minItems: 3 }), [1, 1, 1])
    assert.deepStrictEqual(sample({ type: "array", items: [{ type: "string" }, { type: "boolean" }] }), ["string", true])
    assert.deepStrictEqual(sample({ type: "array", items: { type: "string" }, maxItems: 0 }), [])
    assert.deepStrictEqual(sample({ items: { type: "null" } }), [null])
    assert.deepStrictEqual(sample({ type: "array", items: { type: "array", items: { type: "integer" } } }), [[1]])
  })

  it("$ref resolves against the root, with sibling keywords on top; a cycle ends in the depth limit", () => {
    assert.deepStrictEqual(sample({ $ref: "#/components/schemas/Pet" }, { root }), { name: "string", kind: "cat", age: 1 })
    assert.deepStrictEqual(sample({ $ref: "#/components/schemas/Pet", example: { name: "Rex" } }, { root }), { name: "Rex" })
    assert.deepStrictEqual(sample({ $ref: "#/components/schemas/Tree" }, { root, maxDepth: 3 }), {
      label: "string",
      children: [{ label: "string", children: [] }]
    })
    assert.deepStrictEqual(sample({ $ref: "#/components/schemas/Self" }, { root }), {})
    assert.deepStrictEqual(sample({ $ref: "#/components/schemas/Missing" }, { root }), {})
    assert.deepStrictEqual(sample({ $ref: "#/components/schemas/Pet" }), {})
    assert.strictEqual(sample({ $ref: "#/components/schemas/a~1b" }, { root }), true)
  })

  it("oneOf / anyOf take the first branch, merged with the sibling keywords", () => {
    assert.strictEqual(sample({ oneOf: [{ type: "integer", example: 5 }, { type: "string" }] }), 5)
    assert.deepStrictEqual(sample({ anyOf: [{ $ref: "#/components/schemas/Pet" }, { type: "string" }] }, { root }), {
      name: "string",
      kind: "cat",
      age: 1
    })
    assert.strictEqual(sample({ type: "string", oneOf: [{ format: "uri" }, { format: "byte" }] }), "https://example.com/a")
    assert.deepStrictEqual(sample({ type: "object", properties: { a: { type: "string" } }, oneOf: [{ properties: { b: { type: "boolean" } } }] }), {
      a: "string",
      b: true
    })
    assert.deepStrictEqual(sample({ type: "array", anyOf: [{ items: { type: "integer" } }] }), [1])
    assert.deepStrictEqual(sample({ oneOf: [] }), {})
  })

  it("allOf merges properties and required of every member", () => {
    const schema: JsonSchema = {
      allOf: [
        { type: "object", required: ["model"], properties: { model: { type: "string", enum: ["m"] } } },
        { $ref: "#/components/schemas/Pet" },
        { allOf: [{ properties: { extra: { type: "integer", example: 3 } } }] }
      ]
    }
    assert.deepStrictEqual(sample(schema, { root }), { model: "m", name: "string", kind: "cat", age: 1, extra: 3 })
    assert.deepStrictEqual(sample(schema, { root, requiredOnly: true }), { model: "m", name: "string" })
  })

  it("does not share example objects between samples", () => {
    const schema: JsonSchema = { type: "object", example: { a: [1] } }
    const first = sample(schema)
    assert.deepStrictEqual(first, { a: [1] })
    assert.notStrictEqual(first, schema.example)
  })
})

describe("samples", () => {
  it("takes every enum value and every branch at least once, starting with sample's value", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: {
        model: { type: "string", enum: ["a", "b", "c"], example: "b" },
        tools: {
          type: "array",
          items: {
            oneOf: [
              { title: "Function", type: "object", properties: { type: { const: "function" } } },
              {
                title: "Search",
                type: "object",
                properties: { type: { const: "search" }, engine: { type: "string", enum: ["x", "y"] } }
              }
            ]
          }
        }
      }
    }
    const all = samples(schema)
    assert.deepStrictEqual(all[0], { label: "first choices", value: sample(schema) })
    assert.deepStrictEqual(
      all.map((v) => v.label),
      ["first choices", '/model = "a"', '/model = "c"', "/tools/0: Search", '/tools/0/engine = "y"']
    )
    assert.deepStrictEqual(all[3]?.value, { model: "b", tools: [{ type: "search", engine: "x" }] })
    assert.deepStrictEqual(all[4]?.value, { model: "b", tools: [{ type: "search", engine: "y" }] })
  })

  it("follows $ref and allOf, and stops at the limit", () => {
    const schema: JsonSchema = { allOf: [{ $ref: "#/components/schemas/Pet" }, { properties: { n: { type: "integer", enum: [1, 2] } } }] }
    assert.deepStrictEqual(
      samples(schema, { root }).map((v) => v.value),
      [
        { name: "string", kind: "cat", age: 1, n: 1 },
        { name: "string", kind: "dog", age: 1, n: 1 },
        { name: "string", kind: "cat", age: 1, n: 2 }
      ]
    )
    assert.lengthOf(samples(schema, { root, limit: 2 }), 2)
    assert.deepStrictEqual(samples({ type: "string" }), [{ label: "first choices", value: "string" }])
  })
})

describe("helpers", () => {
  it("resolveRef follows JSON pointers and rejects non-local references", () => {
    assert.deepStrictEqual(resolveRef(root, "#/components/schemas/a~1b"), { type: "boolean" })
    assert.isUndefined(resolveRef(root, "other.json#/x"))
    assert.isUndefined(resolveRef(root, "#/components/nothing/here"))
    assert.deepStrictEqual(resolveRef({ list: [{ type: "string" }] }, "#/list/0"), { type: "string" })
  })

  it("deref applies sibling keywords over the target; mergeAllOf unites required", () => {
    assert.deepStrictEqual(deref({ $ref: "#/components/schemas/a~1b", description: "flag" }, root), { type: "boolean", description: "flag" })
    const merged = mergeAllOf([{ required: ["a"], properties: { a: {} } }, { required: ["a", "b"], properties: { b: {} } }], root)
    assert.deepStrictEqual(merged.required, ["a", "b"])
    assert.deepStrictEqual(Object.keys(merged.properties ?? {}), ["a", "b"])
  })
})
