import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { BusinessCodes, categoryForStatus, ErrorCategory, isRetryable, lookup } from "../src/BusinessCodes.js"

describe("BusinessCodes", () => {
  it("has unique codes, all numeric strings, all with a valid category", () => {
    const codes = BusinessCodes.map((entry) => entry.code)
    assert.strictEqual(new Set(codes).size, codes.length)
    for (const entry of BusinessCodes) {
      assert.match(entry.code, /^\d+$/)
      assert.isTrue(Schema.is(ErrorCategory)(entry.category), entry.code)
      assert.isNotEmpty(entry.meaning)
    }
  })

  it("looks up string, number and padded codes", () => {
    assert.deepStrictEqual(lookup("1113"), {
      code: "1113",
      httpStatus: 429,
      meaning: "Account in arrears: insufficient balance or no resource package",
      category: "insufficient_balance",
      retryable: false
    })
    assert.strictEqual(lookup(1113)?.category, "insufficient_balance")
    assert.strictEqual(lookup(" 1302 ")?.category, "rate_limit")
    assert.isUndefined(lookup("9999"))
    assert.isUndefined(lookup(undefined))
    assert.strictEqual(lookup("1003")?.httpStatus, 401)
    assert.isUndefined(lookup("1261")?.httpStatus)
  })

  it("categorizes each documented code", () => {
    const expected: Record<string, ErrorCategory> = {
      "500": "internal",
      "1000": "authentication",
      "1005": "authentication",
      "1100": "account",
      "1121": "account",
      "1113": "insufficient_balance",
      "1200": "internal",
      "1210": "invalid_request",
      "1211": "not_found",
      "1215": "invalid_request",
      "1220": "permission",
      "1222": "permission",
      "1230": "internal",
      "1231": "conflict",
      "1234": "internal",
      "1261": "context_length",
      "1300": "content_filter",
      "1301": "content_filter",
      "1302": "rate_limit",
      "1304": "quota_exceeded",
      "1308": "quota_exceeded",
      "1309": "quota_exceeded",
      "1310": "quota_exceeded",
      "1311": "permission",
      "1312": "server_overloaded",
      "1313": "rate_limit"
    }
    for (const [code, category] of Object.entries(expected)) {
      assert.strictEqual(lookup(code)?.category, category, code)
    }
  })

  it("marks exactly the transient codes as retryable", () => {
    const retryable = BusinessCodes.filter((entry) => entry.retryable).map((entry) => entry.code)
    assert.deepStrictEqual(retryable, ["500", "1200", "1230", "1234", "1302", "1303", "1305", "1312"])
    for (const code of ["1000", "1113", "1210", "1231", "1261", "1301", "1304", "1308", "1313"]) {
      assert.isFalse(lookup(code)?.retryable, code)
    }
  })

  it("falls back to the HTTP status", () => {
    assert.strictEqual(categoryForStatus(401), "authentication")
    assert.strictEqual(categoryForStatus(403), "permission")
    assert.strictEqual(categoryForStatus(404), "not_found")
    assert.strictEqual(categoryForStatus(429), "rate_limit")
    assert.strictEqual(categoryForStatus(422), "invalid_request")
    assert.strictEqual(categoryForStatus(529), "server_overloaded")
    assert.strictEqual(categoryForStatus(502), "internal")
    assert.isUndefined(categoryForStatus(200))
    assert.isTrue(isRetryable(429))
    assert.isFalse(isRetryable(429, "1113"))
    assert.isTrue(isRetryable(400, 1312))
    assert.isFalse(isRetryable(400))
    assert.isTrue(isRetryable(503, "unknown-code"))
    assert.isFalse(isRetryable(undefined))
  })
})
