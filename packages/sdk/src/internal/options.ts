/** Checks the options of the Promise client and turns them into the transport's. */
import type { RequestOptions as Transport, ZaiConfig } from "@zai-kit/transport"
import { Duration } from "effect"
import * as Errors from "../Errors.js"
import type { ClientOptions, RequestOptions } from "../RequestOptions.js"

const regions: ReadonlyArray<string> = ["intl", "cn", "coding-intl", "coding-cn"]

const invalid = (subject: string, path: string, message: string): Errors.InvalidInputError =>
  new Errors.InvalidInputError(`${subject}: ${path}: ${message}`, {
    subject,
    issues: [{ path, message }],
    tag: "InvalidRequestInput",
    attempts: 0
  })

const checkMillis = (subject: string, path: string, value: unknown): void => {
  if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value <= 0)) {
    throw invalid(subject, path, `expected a positive number of milliseconds, got ${String(value)}`)
  }
}

const checkRetries = (subject: string, value: unknown): void => {
  if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < 0)) {
    throw invalid(subject, "maxRetries", `expected a whole number >= 0, got ${String(value)}`)
  }
}

const env = (name: string): string | undefined => {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name]
  return value === undefined || value.length === 0 ? undefined : value
}

/** The transport options of `new Zai(options)`; throws on a bad or missing option. */
export const clientOptions = (options: ClientOptions): ZaiConfig.Options => {
  const subject = "ClientOptions"
  checkMillis(subject, "timeout", options.timeout)
  checkMillis(subject, "connectTimeout", options.connectTimeout)
  checkMillis(subject, "streamIdleTimeout", options.streamIdleTimeout)
  checkRetries(subject, options.maxRetries)
  if (options.apiKey !== undefined && (typeof options.apiKey !== "string" || options.apiKey.length === 0)) {
    throw invalid(subject, "apiKey", "expected a non-empty string")
  }
  const apiKey = options.apiKey ?? env("ZAI_API_KEY")
  if (apiKey === undefined) {
    throw new Errors.AuthenticationError(
      "Missing API key: pass `apiKey` to `new Zai({ apiKey })` or set the ZAI_API_KEY environment variable.",
      { tag: "MissingApiKey", attempts: 0 }
    )
  }
  const region = options.region ?? (options.baseURL === undefined ? env("ZAI_REGION") : undefined)
  if (region !== undefined && !regions.includes(region)) {
    throw invalid(subject, "region", `expected one of ${regions.join(", ")}, got ${JSON.stringify(region)}`)
  }
  const baseUrl = options.baseURL ?? (options.region === undefined ? env("ZAI_BASE_URL") : undefined)
  if (baseUrl !== undefined && !/^https?:\/\//.test(baseUrl)) {
    throw invalid(subject, "baseURL", `expected an http(s) URL, got ${JSON.stringify(baseUrl)}`)
  }
  return {
    apiKey,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(region === undefined ? {} : { region: region as ZaiConfig.Region }),
    ...(options.timeout === undefined ? {} : { timeout: Duration.millis(options.timeout) }),
    ...(options.connectTimeout === undefined ? {} : { connectTimeout: Duration.millis(options.connectTimeout) }),
    ...(options.streamIdleTimeout === undefined ? {} : { streamIdleTimeout: Duration.millis(options.streamIdleTimeout) }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.defaultHeaders === undefined ? {} : { headers: options.defaultHeaders }),
    ...(options.auth === undefined ? {} : { auth: options.auth }),
    ...(options.acceptLanguage === undefined ? {} : { acceptLanguage: options.acceptLanguage }),
    ...(options.agentsBaseURL === undefined ? {} : { agentsBaseUrl: options.agentsBaseURL })
  }
}

/** The transport options of one call (the signal is given separately); throws on a bad option. */
export const requestOptions = (
  options: RequestOptions | undefined,
  signal: AbortSignal | undefined
): Transport.RequestOptions | undefined => {
  if (options === undefined && signal === undefined) return undefined
  const subject = "RequestOptions"
  checkMillis(subject, "timeout", options?.timeout)
  checkRetries(subject, options?.maxRetries)
  return {
    ...(signal === undefined ? {} : { signal }),
    ...(options?.timeout === undefined ? {} : { timeout: Duration.millis(options.timeout) }),
    ...(options?.headers === undefined ? {} : { headers: options.headers }),
    ...(options?.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options?.requestId === undefined ? {} : { requestId: options.requestId }),
    ...(options?.extraBody === undefined ? {} : { extraBody: options.extraBody }),
    ...(options?.acceptLanguage === undefined ? {} : { acceptLanguage: options.acceptLanguage })
  }
}
