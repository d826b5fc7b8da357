/**
 * Reads what Ward sent a (scripted) model: the system prompt, the analyst's question, and the tool results,
 * unwrapped from Ward's spotlighting markers (`<<data-<nonce> source=S2 tool=entra_riskyUser>>` …
 * `<</data-<nonce>>>`) into the citation id, tool name and JSON payload, so a script can answer from the data
 * it was given, as a model would. Tool messages without markers (refused calls) are returned as text.
 */
import type { ChatRequestBody, WireMessage } from './scripted-model-server.js';

/** A tool result as the model received it. */
export interface ReceivedToolResult {
  toolCallId: string;
  /** The tool the call named (from the assistant message that made it). */
  calledTool?: string;
  /** The marker's nonce, source id and tool name; undefined for a message without markers (a refusal). */
  nonce?: string;
  sourceId?: string;
  tool?: string;
  /** `{ ok, data }` or `{ ok: false, error }`, parsed from the marked JSON. */
  payload?: { ok: boolean; data?: unknown; error?: string; shortened?: boolean };
  /** The message's text as sent. */
  text: string;
}

const MARKED = /^<<data-([0-9a-f]+) source=(S\d+) tool=(\S+)>>\n([\s\S]*)\n<<\/data-\1>>$/;

/** The text of a message (string content, or its text parts joined). */
export function messageText(message: WireMessage | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
  return '';
}

/** The system message's text. */
export function systemText(body: ChatRequestBody): string {
  return body.messages
    .filter((message) => message.role === 'system' || message.role === 'developer')
    .map(messageText)
    .join('\n');
}

/** Every tool message of the request, in order, unwrapped. */
export function toolResults(body: ChatRequestBody): ReceivedToolResult[] {
  const calledTools = new Map<string, string>();
  for (const message of body.messages)
    for (const call of message.tool_calls ?? []) calledTools.set(call.id, call.function.name);
  return body.messages
    .filter((message) => message.role === 'tool')
    .map((message) => {
      const text = messageText(message);
      const toolCallId = message.tool_call_id ?? '';
      const calledTool = calledTools.get(toolCallId);
      const marked = MARKED.exec(text);
      if (!marked) return { toolCallId, calledTool, text };
      return {
        toolCallId,
        calledTool,
        nonce: marked[1],
        sourceId: marked[2],
        tool: marked[3],
        payload: JSON.parse(marked[4] ?? 'null') as ReceivedToolResult['payload'],
        text,
      };
    });
}

/** The data of the latest successful result of `tool` (e.g. `entra_riskyUser`), with its source id. */
export function latestData<T = unknown>(
  body: ChatRequestBody,
  tool: string,
): { sourceId: string; data: T } | undefined {
  const found = toolResults(body)
    .filter((result) => result.tool === tool && result.payload?.ok)
    .at(-1);
  return found?.sourceId ? { sourceId: found.sourceId, data: found.payload?.data as T } : undefined;
}

/** The source ids of every successful tool result the request carries. */
export function citableIds(body: ChatRequestBody): string[] {
  return toolResults(body).flatMap((result) =>
    result.sourceId && result.payload?.ok ? [result.sourceId] : [],
  );
}
