/**
 * Corpus articles: large language models.
 * @internal
 */
import type { Article } from "./article.js"

/** Large language model articles. */
export const articles: ReadonlyArray<Article> = [
  {
    url: "https://sim.zai-kit.dev/ai/how-large-language-models-work",
    title: "How Large Language Models Work, Without the Hype",
    description: "Tokens, transformers and next-token prediction: a plain explanation of what a large language model actually computes.",
    site: "Model Matters",
    date: "2025-01-20",
    keywords: "large language models, LLM, transformer, tokens, attention, training",
    headings: { 0: "Predicting the next token", 2: "Attention", 4: "Training and tuning" },
    paragraphs: [
      "A large language model is, at its core, a function that takes a sequence of tokens and returns a probability for every token that could come next. Tokens are pieces of text, often whole words for common English and fragments for rarer words, code or other languages.",
      "Generating an answer is simply repeating that step: pick a token from the predicted distribution, append it to the input, and predict again. Settings such as temperature and top-p control how adventurous that pick is; at temperature zero the model always takes the most likely token.",
      "The architecture behind almost every modern model is the transformer, introduced in 2017. Its key idea is attention: for each position in the text, the model computes how much every earlier position should influence it, which lets it connect a pronoun to a name several paragraphs back.",
      "Attention is also why long inputs are expensive. Comparing every token with every other grows quadratically with length, so models with context windows of hundreds of thousands of tokens rely on engineering tricks such as caching, sparse patterns and careful memory layout.",
      "Training happens in stages. Pre-training on a vast amount of text teaches grammar, facts and reasoning patterns. Instruction tuning on curated examples teaches the model to follow requests, and reinforcement learning from human or automated feedback shapes tone, safety and helpfulness.",
      "None of this gives the model access to the world at answer time. It cannot know today's news unless a tool such as web search or a retrieval system puts that information into its context, which is why grounding answers in retrieved documents has become standard practice."
    ]
  },
  {
    url: "https://sim.zai-kit.dev/ai/retrieval-augmented-generation",
    title: "Retrieval-Augmented Generation in Practice",
    description: "Chunking, embeddings, reranking and citations: what it takes to make a language model answer from your own documents.",
    site: "Model Matters",
    date: "2025-04-08",
    keywords: "retrieval augmented generation, RAG, embeddings, vector search, reranking, large language models",
    paragraphs: [
      "Retrieval-augmented generation, usually shortened to RAG, answers a question in two steps. First a search system finds the passages most likely to contain the answer; then a language model writes a response using those passages as its context.",
      "The quality of the whole system is bounded by the retrieval step. If the right passage never reaches the model, no amount of clever prompting will produce a correct, grounded answer, so most of the engineering effort goes into search rather than generation.",
      "Documents are first split into chunks of a few hundred tokens. Chunks that are too small lose context, while chunks that are too large dilute the relevant sentence with noise. Splitting along headings and paragraphs usually works better than cutting at a fixed character count.",
      "Each chunk is turned into an embedding, a vector of numbers that captures its meaning, and stored in a vector index. At query time the question is embedded the same way and the nearest chunks are returned. Combining this with classic keyword search catches exact names and codes that embeddings tend to blur.",
      "A reranker, a smaller model that reads the question and each candidate together, then reorders the top results. Reranking is slower than vector search but far more precise, so it is applied only to the few dozen best candidates.",
      "Finally, the answer should cite its sources. Asking the model to reference passage numbers, and checking that every cited passage exists, makes hallucinations easier to spot and gives users a way to verify the response themselves."
    ]
  },
  {
    url: "https://sim.zai-kit.dev/ai/evaluating-language-models",
    title: "Evaluating Language Models Beyond Benchmarks",
    description: "Public leaderboards say little about your use case. Building a small task-specific evaluation set says a lot.",
    site: "Model Matters",
    date: "2024-09-30",
    keywords: "evaluation, benchmarks, large language models, testing, LLM-as-judge",
    paragraphs: [
      "Public benchmarks measure something real, but rarely the thing you care about. A model that tops a leaderboard of exam questions may still format dates wrongly, ignore your house style or stumble on the jargon of your field.",
      "The most useful evaluation set is small and specific: fifty to two hundred examples drawn from real requests, each with a reference answer or a clear rubric. Writing them forces a team to agree on what a good answer looks like, which is valuable in itself.",
      "Automatic checks cover a surprising amount. Whether the output is valid JSON, whether it mentions a required field, whether it stays under a length limit and whether it refuses what it should refuse can all be tested with ordinary code.",
      "For open-ended answers, a second model can act as a judge, scoring each response against the rubric. Judges are biased toward longer answers and toward their own style, so their scores should be spot-checked against human ratings before anyone trusts them.",
      "Evaluations belong in continuous integration. Every change to a prompt, a retrieval setting or a model version should rerun the set, so that regressions are caught before users notice them rather than after."
    ]
  }
]
