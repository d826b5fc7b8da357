/**
 * One chat completion request, streaming or not, reduced to what the tool loop needs: the text, the tool calls
 * (id, name, arguments text) and the tokens the endpoint reported. Streaming assembles the chunks (tool call
 * arguments arrive in pieces, by index) and hands each piece of a call's arguments to `onArguments` as it
 * arrives; a stream that ends before the model finished is a failure. Every response is validated with zod before use; anything else (a failed request after the
 * package's retries, a body that is not a completion, a broken stream) throws a ModelEndpointError. It waits no
 * longer than `signal` allows, even while the package sleeps between retries.
 */
import type OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import { z } from 'zod/v4';
import { raceAbort } from '../../clients/race-abort.js';
import { explainModelFailure, ModelEndpointError } from './model-endpoint-error.js';
import { readEventStream } from './read-event-stream.js';

/** A tool call the model made. */
export interface ModelToolCall {
  id: string;
  name: string;
  /** The arguments as the model wrote them (JSON text, unvalidated). */
  arguments: string;
}

/** What one model turn produced. */
export interface ModelTurn {
  content: string | null;
  toolCalls: ModelToolCall[];
  /** `usage.total_tokens` as reported; 0 when the endpoint reported none. */
  tokens: number;
  finishReason?: string;
}

/** One request. */
export interface ChatCompletionRequest {
  client: OpenAI;
  model: string;
  messages: ChatCompletionMessageParam[];
  tools: ChatCompletionTool[];
  toolChoice: ChatCompletionToolChoiceOption;
  signal: AbortSignal;
  /** Stream the response, calling this with each piece of each tool call's arguments (by call index). */
  onArguments?: (call: { index: number; name: string }, piece: string) => void;
}

const usageSchema = z.object({ total_tokens: z.number().nonnegative() }).nullish();

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                id: z.string(),
                function: z.object({ name: z.string(), arguments: z.string().nullish() }),
              }),
            )
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema,
});

const chunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z
          .object({
            content: z.string().nullish(),
            tool_calls: z
              .array(
                z.object({
                  index: z.number().int().nonnegative(),
                  id: z.string().nullish(),
                  function: z
                    .object({ name: z.string().nullish(), arguments: z.string().nullish() })
                    .nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: usageSchema,
});

/** Makes the request; throws a ModelEndpointError (or the signal's reason when it aborted). */
export async function requestChatCompletion(request: ChatCompletionRequest): Promise<ModelTurn> {
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: request.model,
    messages: request.messages,
    // A request without tools (a prompt skill's one completion) sends none: OpenAI refuses an empty list.
    ...(request.tools.length > 0 ? { tools: request.tools, tool_choice: request.toolChoice } : {}),
  };
  try {
    return await raceAbort(
      request.onArguments ? streamed(request, body) : whole(request, body),
      request.signal,
    );
  } catch (error) {
    if (request.signal.aborted) throw request.signal.reason;
    throw explainModelFailure(error, request.client.maxRetries);
  }
}

async function whole(request: ChatCompletionRequest, body: ChatCompletionCreateParamsNonStreaming) {
  const response: unknown = await request.client.chat.completions.create(body, { signal: request.signal });
  const completion = completionSchema.parse(response);
  const choice = completion.choices[0]!;
  return {
    content: choice.message.content ?? null,
    toolCalls: (choice.message.tool_calls ?? []).map((call) => ({
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments ?? '',
    })),
    tokens: completion.usage?.total_tokens ?? 0,
    finishReason: choice.finish_reason ?? undefined,
  };
}

async function streamed(request: ChatCompletionRequest, body: ChatCompletionCreateParamsNonStreaming) {
  // The raw response: the package's own stream reader prints events it cannot parse (model output).
  const response = await request.client.chat.completions
    .create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal: request.signal })
    .asResponse();
  if (!response.body) throw new ModelEndpointError('The model endpoint sent an empty stream');
  let content = '';
  let tokens = 0;
  let finishReason: string | undefined;
  let finished = false;
  const calls = new Map<number, ModelToolCall>();
  for await (const data of readEventStream(response.body as unknown as AsyncIterable<Uint8Array>)) {
    if (data === '[DONE]') {
      finished = true;
      break;
    }
    const chunk = chunkSchema.parse(JSON.parse(data));
    if (chunk.usage) tokens = chunk.usage.total_tokens;
    // One completion is requested (n = 1): only the first choice carries it.
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    if (choice.finish_reason) finishReason = choice.finish_reason;
    if (choice.delta?.content) content += choice.delta.content;
    for (const delta of choice.delta?.tool_calls ?? []) {
      let call = calls.get(delta.index);
      if (!call) {
        call = { id: '', name: '', arguments: '' };
        calls.set(delta.index, call);
      }
      if (delta.id && !call.id) call.id = delta.id;
      const name = delta.function?.name;
      // OpenAI sends the name once; some compatible servers repeat it on every delta.
      if (name) call.name = name.startsWith(call.name) ? name : call.name + name;
      const piece = delta.function?.arguments;
      if (piece) {
        call.arguments += piece;
        request.onArguments?.({ index: delta.index, name: call.name }, piece);
      }
    }
  }
  // `[DONE]` ends a stream; a finish reason is enough from endpoints that omit it.
  if (!finished && !finishReason)
    throw new ModelEndpointError('The model endpoint ended the stream before the answer was complete');
  return {
    content: content || null,
    toolCalls: [...calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({ ...call, id: call.id || `call_${index}` })),
    tokens,
    finishReason,
  };
}
