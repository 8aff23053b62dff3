/**
 * Corpus articles: TypeScript and Effect.
 * @internal
 */
import type { Article } from "./article.js"

/** TypeScript and Effect articles. */
export const articles: ReadonlyArray<Article> = [
  {
    url: "https://sim.zai-kit.dev/dev/typed-errors-with-effect",
    title: "Typed Errors with Effect in TypeScript",
    description: "Effect puts failures in the type signature, so the compiler tells you which errors a function can produce and which you have handled.",
    site: "Typed Weekly",
    date: "2025-02-11",
    keywords: "TypeScript, Effect, typed errors, error handling, functional programming",
    headings: { 0: "The problem with throw", 2: "Errors in the signature", 4: "Handling by tag" },
    paragraphs: [
      "In plain TypeScript a function's signature says nothing about how it can fail. Any call might throw, the thrown value is typed as unknown, and the only way to know what to catch is to read the implementation or the documentation, if there is any.",
      "Promises make this worse, because a rejected promise carries the same untyped reason and is easy to forget entirely. Large codebases end up with defensive try and catch blocks that log and rethrow, or with failures that silently disappear.",
      "The Effect library takes a different approach. A value of type Effect with success type A, error type E and requirements R describes a computation that either succeeds with an A or fails with an E, and the compiler tracks E through every composition.",
      "Errors are usually defined as tagged classes, for example a RateLimitError with a retryAfter field and a NotFoundError with the id that was missing. Because each class has a literal tag, the union of possible failures is a discriminated union that editors can autocomplete.",
      "Handling then becomes explicit. catchTag recovers from one kind of error and removes it from the type; catchTags handles several at once; retry with a schedule re-runs the effect only for the failures you select. Unexpected defects, such as a bug that throws, are kept separate from expected errors.",
      "The result is that reading a signature tells you what can go wrong, and the compiler reminds you when a new failure mode is added upstream. Teams adopting Effect often say this, more than any other feature, is what changed how they write services."
    ]
  },
  {
    url: "https://sim.zai-kit.dev/dev/effect-services-and-layers",
    title: "Dependency Injection with Effect Services and Layers",
    description: "Services describe what a program needs, layers describe how to build it, and tests swap one layer for another.",
    site: "Typed Weekly",
    date: "2025-05-02",
    keywords: "Effect, TypeScript, dependency injection, services, layers, testing",
    paragraphs: [
      "Every non-trivial program depends on things it should not construct itself: an HTTP client, a database pool, a configuration source, a clock. Effect models each of these as a service, identified by a key and described by an interface.",
      "Code that needs a service simply asks for it, and the requirement appears in the third type parameter of the effect. A function that uses an HTTP client and a logger therefore advertises both needs in its type, and the program cannot run until both are provided.",
      "Layers are recipes for building services. A layer can read configuration, open connections and register cleanup, and it can depend on other layers. Composing layers produces a graph that Effect builds once, in the right order, sharing instances between the parts that need them.",
      "Because resources are acquired inside a scope, closing the application closes them in reverse order. A database pool opened by one layer is drained before the configuration it depended on is released, without any hand-written shutdown code.",
      "The payoff is most visible in tests. Replacing the production HTTP layer with one that talks to a local simulator, or a clock with a test clock that advances instantly, changes a single line and leaves the business logic untouched.",
      "Services and layers take a little getting used to, but they replace a surprising amount of framework code: containers, decorators and global singletons all become ordinary values that the type checker understands."
    ]
  },
  {
    url: "https://sim.zai-kit.dev/dev/typescript-strict-mode",
    title: "Getting the Most from TypeScript Strict Mode",
    description: "strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess catch whole classes of bugs before they ship.",
    site: "Typed Weekly",
    date: "2024-10-17",
    keywords: "TypeScript, strict mode, compiler options, type safety, exactOptionalPropertyTypes",
    paragraphs: [
      "TypeScript's strict flag is really a bundle of checks. It turns on strict null checks, so that undefined and null must be handled explicitly, and it forbids implicit any, so that every value has a type the compiler actually knows.",
      "Strict null checks alone eliminate a large share of runtime crashes. Accessing a property of something that might be undefined becomes a compile error, and the fix, a guard or a default, is written once instead of being discovered in production.",
      "exactOptionalPropertyTypes is not part of strict but is worth enabling in new code. It distinguishes a property that is absent from one that is present with the value undefined, a difference that matters when objects are serialised to JSON or merged with spread syntax.",
      "noUncheckedIndexedAccess makes every array index and record lookup possibly undefined. It is noisy at first, yet it mirrors reality: the element at position five of an array may not exist, and a record keyed by string has no idea which keys are present.",
      "Turning these options on in an existing codebase is best done gradually, one package or directory at a time, fixing errors as they appear. The compiler becomes a reviewer that never gets tired, and refactoring becomes noticeably less frightening."
    ]
  }
]
