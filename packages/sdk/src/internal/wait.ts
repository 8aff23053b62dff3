/** Turns the Promise client's `WaitOptions` into the services' (and checks them). */
import type { RequestOptions as Transport } from "@zai-kit/transport"
import { Duration, Schedule } from "effect"
import * as Errors from "../Errors.js"
import type { RequestOptions } from "../RequestOptions.js"
import type { WaitOptions } from "../Tasks.js"
import * as Options from "./options.js"

/** What every service's `waitFor` takes. */
export interface EffectWaitOptions {
  readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined
  readonly timeout?: Duration.Input | undefined
  readonly requestOptions?: Transport.RequestOptions | undefined
}

const positive = (path: string, value: number | undefined): void => {
  if (value !== undefined && (!Number.isFinite(value) || value <= 0)) {
    throw new Errors.InvalidInputError(`WaitOptions: ${path}: expected a positive number of milliseconds, got ${value}`, {
      subject: "WaitOptions",
      issues: [{ path, message: `expected a positive number of milliseconds, got ${value}` }],
      tag: "InvalidRequestInput",
      attempts: 0
    })
  }
}

/** The services' wait options; the signal stays with the call. */
export const waitOptions = (options: WaitOptions | undefined): EffectWaitOptions => {
  positive("pollInterval", options?.pollInterval)
  positive("timeout", options?.timeout)
  const request = Options.requestOptions(options?.requestOptions, undefined)
  return {
    ...(options?.pollInterval === undefined ? {} : { schedule: Schedule.spaced(Duration.millis(options.pollInterval)) }),
    ...(options?.timeout === undefined ? {} : { timeout: Duration.millis(options.timeout) }),
    ...(request === undefined ? {} : { requestOptions: request })
  }
}

/** The call options of a wait: only its signal. */
export const callOptions = (options: WaitOptions | undefined): RequestOptions | undefined =>
  options?.signal === undefined ? undefined : { signal: options.signal }
