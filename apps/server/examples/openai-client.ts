/**
 * The README's example: the official `openai` client pointed at a zai-server (run by `test/readme-example.test.ts`).
 */
import OpenAI from "openai"

/** One completion through the gateway at `baseURL` (`http://localhost:8787/v1`) with a server key. */
export const main = async (baseURL: string, apiKey: string): Promise<string> => {
  const openai = new OpenAI({ apiKey, baseURL })
  const completion = await openai.chat.completions.create({
    model: "glm-4.6",
    messages: [{ role: "user", content: "Hello GLM" }]
  })
  return completion.choices[0]?.message.content ?? ""
}
