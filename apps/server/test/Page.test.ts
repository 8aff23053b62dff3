/**
 * The page for people, in headless Chromium (Debian's `chromium`, driven by `playwright-core`): enter the key, start a
 * built-in pipeline, watch it finish over the live events, download the deck. When Chromium is missing the setup
 * installs it (`apt-get install -y chromium`); when that is impossible this test, and only this one, is skipped with
 * the reason. Launched with the flags that work on this machine kind, and a fresh user-data dir.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { chromium } from "playwright-core"
import { baseUrl, layerServer, serverKey } from "./support.js"

const executablePath = "/usr/bin/chromium"

/** Chromium, installed from Debian when missing; the reason when it cannot be. */
const ensureChromium = (): string | undefined => {
  if (existsSync(executablePath)) return undefined
  try {
    execFileSync("apt-get", ["install", "-y", "chromium"], { stdio: "ignore", timeout: 600_000 })
  } catch {
    try {
      execFileSync("apt-get", ["update"], { stdio: "ignore", timeout: 300_000 })
      execFileSync("apt-get", ["install", "-y", "chromium"], { stdio: "ignore", timeout: 600_000 })
    } catch (error) {
      return `Chromium is not installed and apt-get could not install it: ${String(error)}`
    }
  }
  return existsSync(executablePath) ? undefined : `apt-get ran but ${executablePath} is still missing`
}

const missing = ensureChromium()
if (missing !== undefined) console.warn(`Page.test.ts skipped: ${missing}`)

describe.skipIf(missing !== undefined)("the page in headless Chromium", () => {
  layer(layerServer(), { excludeTestServices: true, timeout: "60 seconds" })((it) => {
    it.effect("asks for the key, starts a run, shows it finish live, downloads the deck", () =>
      Effect.gen(function*() {
        const base = yield* baseUrl
        const result = yield* Effect.promise(async () => {
          const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "zai-chromium-")), {
            executablePath,
            acceptDownloads: true,
            args: [
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-quic",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync"
            ]
          })
          try {
            const page = await context.newPage()
            const errors: Array<string> = []
            page.on("pageerror", (error) => errors.push(error.message))
            await page.goto(`${base}/`)
            // A wrong key is refused and the form stays.
            await page.fill("#key", "wrong-key")
            await page.click("#login-form button[type=submit]")
            await page.waitForSelector("#login-error:has-text('refused')")
            // The right key opens the app; the key is in sessionStorage only.
            await page.fill("#key", serverKey)
            await page.click("#login-form button[type=submit]")
            await page.waitForSelector("#app:not([hidden])")
            const stored = await page.evaluate(() => [sessionStorage.getItem("zai-server-key"), localStorage.length])
            await page.selectOption("#pipeline", "research-slides")
            await page.fill("input[name=topic]", "Darjeeling tea")
            await page.click("#start")
            await page.waitForSelector("#detail:not([hidden])")
            await page.waitForSelector("#detail-status.status-succeeded", { timeout: 45_000 })
            await page.waitForSelector("#detail-events li:last-child:has-text('RunFinished')", { timeout: 15_000 })
            const events = await page.locator("#detail-events li").allTextContents()
            const progress = await page.textContent("#detail-progress")
            const row = await page.locator("#runs tbody tr").first().textContent()
            const [download] = await Promise.all([
              page.waitForEvent("download"),
              page.locator("button.download", { hasText: ".pdf" }).first().click()
            ])
            const path = join(mkdtempSync(join(tmpdir(), "zai-download-")), download.suggestedFilename())
            await download.saveAs(path)
            return { stored, events, progress, row, deck: readFileSync(path), name: download.suggestedFilename(), errors }
          } finally {
            await context.close()
          }
        })
        assert.deepStrictEqual(result.stored, [serverKey, 0])
        assert.strictEqual(result.events[0], "RunStarted")
        assert.strictEqual(result.events.at(-1), "RunFinished")
        assert.isTrue(result.events.some((e) => e.startsWith("StepSucceeded slides")))
        assert.match(result.progress ?? "", /(\d+) of \1 steps finished/)
        assert.include(result.row ?? "", "succeeded")
        assert.match(result.name, /\.pdf$/)
        assert.strictEqual(result.deck.subarray(0, 5).toString("latin1"), "%PDF-")
        assert.deepStrictEqual(result.errors, [])
      }), { timeout: 120_000 })
  })
})
