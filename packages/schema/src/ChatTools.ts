/**
 * Chat request tools (strict input schemas, wire format): `function`, `retrieval`, `web_search` and `mcp`.
 * Re-exported by `ChatCompletions`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { openLiterals } from "./Models.js"

/**
 * A JSON Schema object (the `parameters` of a function). Any object is accepted as is.
 *
 * @since 0.1.0
 */
export const JsonSchemaObject = Schema.Record(Schema.String, Schema.Unknown).annotate({
  identifier: "JsonSchemaObject",
  description: "A JSON Schema object, e.g. { type: \"object\", properties: {...}, required: [...] }"
})

/**
 * A JSON Schema object.
 *
 * @since 0.1.0
 */
export type JsonSchemaObject = typeof JsonSchemaObject.Type

/**
 * `{ name, description?, parameters? }`: `name` is 1–64 characters of `a-z A-Z 0-9 _ -`.
 *
 * @since 0.1.0
 */
export const FunctionDefinition = Schema.Struct({
  name: Schema.String.check(
    Schema.isPattern(/^[a-zA-Z0-9_-]{1,64}$/, { expected: "1 to 64 characters among a-z, A-Z, 0-9, _ and -" })
  ),
  description: Schema.optionalKey(Schema.String),
  parameters: Schema.optionalKey(JsonSchemaObject)
}).annotate({ identifier: "FunctionDefinition" })

/**
 * A function definition.
 *
 * @since 0.1.0
 */
export type FunctionDefinition = typeof FunctionDefinition.Type

/**
 * `{ type: "function", function: { name, description, parameters } }`: a function the model may call.
 *
 * @since 0.1.0
 */
export const FunctionTool = Schema.Struct({
  type: Schema.Literal("function"),
  function: FunctionDefinition
}).annotate({ identifier: "FunctionTool" })

/**
 * A function tool.
 *
 * @since 0.1.0
 */
export type FunctionTool = typeof FunctionTool.Type

/**
 * `{ knowledge_id, prompt_template? }`: the template may use `{{ knowledge }}` and `{{ question }}`.
 *
 * @since 0.1.0
 */
export const RetrievalOptions = Schema.Struct({
  knowledge_id: Schema.String,
  prompt_template: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "RetrievalOptions" })

/**
 * Retrieval options.
 *
 * @since 0.1.0
 */
export type RetrievalOptions = typeof RetrievalOptions.Type

/**
 * `{ type: "retrieval", retrieval: { knowledge_id, prompt_template? } }`: answer from a knowledge base.
 *
 * @since 0.1.0
 */
export const RetrievalTool = Schema.Struct({
  type: Schema.Literal("retrieval"),
  retrieval: RetrievalOptions
}).annotate({ identifier: "RetrievalTool" })

/**
 * A retrieval tool.
 *
 * @since 0.1.0
 */
export type RetrievalTool = typeof RetrievalTool.Type

/**
 * Search engines of the `web_search` tool (any other string is accepted).
 *
 * @since 0.1.0
 */
export const SearchEngine = openLiterals(
  ["search_pro_jina", "search_std", "search_pro", "search_pro_sogou", "search_pro_quark"],
  { identifier: "SearchEngine", description: "A web search engine id" }
)

/**
 * A search engine id.
 *
 * @since 0.1.0
 */
export type SearchEngine = typeof SearchEngine.Type

/**
 * Recency windows of the `web_search` tool.
 *
 * @since 0.1.0
 */
export const SearchRecencyFilter = Schema.Literals(["oneDay", "oneWeek", "oneMonth", "oneYear", "noLimit"])

/**
 * A recency window.
 *
 * @since 0.1.0
 */
export type SearchRecencyFilter = typeof SearchRecencyFilter.Type

/**
 * The options of the `web_search` tool: `enable`, `search_engine`, `search_query`, `count` (1–50),
 * `search_domain_filter`, `search_recency_filter`, `content_size` (`medium` | `high`), `result_sequence`
 * (`before` | `after`), `search_result`, `require_search`, `search_prompt`.
 *
 * @since 0.1.0
 */
export const WebSearchOptions = Schema.Struct({
  enable: Schema.optionalKey(Schema.Boolean),
  search_engine: Schema.optionalKey(SearchEngine),
  search_query: Schema.optionalKey(Schema.String),
  count: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 50 }))),
  search_domain_filter: Schema.optionalKey(Schema.String),
  search_recency_filter: Schema.optionalKey(SearchRecencyFilter),
  content_size: Schema.optionalKey(Schema.Literals(["medium", "high"])),
  result_sequence: Schema.optionalKey(Schema.Literals(["before", "after"])),
  search_result: Schema.optionalKey(Schema.Boolean),
  require_search: Schema.optionalKey(Schema.Boolean),
  search_prompt: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "WebSearchOptions" })

/**
 * Web search options.
 *
 * @since 0.1.0
 */
export type WebSearchOptions = typeof WebSearchOptions.Type

/**
 * `{ type: "web_search", web_search: {...} }`: lets the model search the web; results come back in the
 * top-level `web_search` array of the response.
 *
 * @since 0.1.0
 */
export const WebSearchTool = Schema.Struct({
  type: Schema.Literal("web_search"),
  web_search: WebSearchOptions
}).annotate({ identifier: "WebSearchTool" })

/**
 * A web search tool.
 *
 * @since 0.1.0
 */
export type WebSearchTool = typeof WebSearchTool.Type

/**
 * Transports of a remote MCP server (any other string is accepted).
 *
 * @since 0.1.0
 */
export const McpTransportType = openLiterals(["sse", "streamable-http"], {
  identifier: "McpTransportType",
  description: "The transport of a remote MCP server"
})

/**
 * An MCP transport.
 *
 * @since 0.1.0
 */
export type McpTransportType = typeof McpTransportType.Type

/**
 * `{ server_label, server_url?, transport_type?, allowed_tools?, headers? }`: a remote MCP server
 * (e.g. `https://open.bigmodel.cn/api/mcp-broker/proxy/<name>/sse`).
 *
 * @since 0.1.0
 */
export const McpServer = Schema.Struct({
  server_label: Schema.String,
  server_url: Schema.optionalKey(Schema.String),
  transport_type: Schema.optionalKey(McpTransportType),
  allowed_tools: Schema.optionalKey(Schema.Array(Schema.String)),
  headers: Schema.optionalKey(Schema.Record(Schema.String, Schema.String))
}).annotate({ identifier: "McpServer" })

/**
 * An MCP server.
 *
 * @since 0.1.0
 */
export type McpServer = typeof McpServer.Type

/**
 * `{ type: "mcp", mcp: { server_label, server_url, ... } }`: tools of a remote MCP server.
 *
 * @since 0.1.0
 */
export const McpTool = Schema.Struct({
  type: Schema.Literal("mcp"),
  mcp: McpServer
}).annotate({ identifier: "McpTool" })

/**
 * An MCP tool.
 *
 * @since 0.1.0
 */
export type McpTool = typeof McpTool.Type

/**
 * Any tool, told apart by `type`: function, retrieval, web_search or mcp.
 *
 * @since 0.1.0
 */
export const Tool = Schema.Union([FunctionTool, RetrievalTool, WebSearchTool, McpTool])

/**
 * Any tool.
 *
 * @since 0.1.0
 */
export type Tool = typeof Tool.Type

/**
 * How the model picks tools. The API documents only `"auto"`.
 *
 * @since 0.1.0
 */
export const ToolChoice = Schema.Literals(["auto"])

/**
 * A tool choice.
 *
 * @since 0.1.0
 */
export type ToolChoice = typeof ToolChoice.Type
