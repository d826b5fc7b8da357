/**
 * A scripted model endpoint for tests: a real HTTP server on 127.0.0.1 speaking the OpenAI chat completions
 * wire format, at `POST /v1/chat/completions` (any path ending in `/chat/completions`, for OpenAI-compatible
 * base URLs) and Azure OpenAI's `POST /openai/deployments/{deployment}/chat/completions?api-version=...`.
 * A script (a function of the request body and the call index) decides each answer: tool calls, text, an
 * HTTP status (429 with Retry-After, 500), a garbage body, a delay or no answer at all; requests with
 * `stream: true` get server-sent events (role, content pieces, tool call deltas with index/id/name/argument
 * pieces, a finish chunk, a usage chunk when asked for, `[DONE]`). Every request is recorded (method, URL,
 * headers, parsed body) before it is answered. No network beyond loopback, no model.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat message as requests carry it (only what tests read). */
export interface WireMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content?: string | null | { type: string; text?: string }[];
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

/** A chat completions request body (only what tests read). */
export interface ChatRequestBody {
  model?: string;
  messages: WireMessage[];
  tools?: { type: 'function'; function: { name: string; description?: string; parameters?: unknown } }[];
  tool_choice?: 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [key: string]: unknown;
}

/** One request as the server saw it. */
export interface ScriptedRequest {
  /** 0-based, in arrival order (retries count). */
  index: number;
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  query: Record<string, string>;
  /** The Azure deployment named in the path, when there is one. */
  deployment?: string;
  headers: IncomingHttpHeaders;
  body: ChatRequestBody;
  /** `performance.now()` on arrival. */
  at: number;
}

/** A tool call the scripted model makes; `arguments` as text (sent as is, even if not JSON) or an object. */
export interface ScriptedToolCall {
  id?: string;
  name: string;
  arguments: string | Record<string, unknown>;
}

/** Tokens to report; defaults estimate a quarter token per character. */
export interface ScriptedUsage {
  promptTokens: number;
  completionTokens: number;
}

/** What the server does for one request. */
export type ModelStep =
  | {
      kind: 'reply';
      content?: string;
      toolCalls?: ScriptedToolCall[];
      usage?: ScriptedUsage;
      finishReason?: string;
      /** Wait before answering. */
      delayMs?: number;
      /** Characters per streamed piece of content or arguments (default 7: escapes get split). */
      chunkSize?: number;
      /** Wait between streamed events. */
      chunkDelayMs?: number;
    }
  | {
      kind: 'status';
      status: number;
      headers?: Record<string, string>;
      body?: unknown;
      delayMs?: number;
    }
  | { kind: 'garbage'; body: string; contentType?: string; status?: number; delayMs?: number }
  /** Never answers: the client's timeout or abort ends the request. */
  | { kind: 'hang' };

/** Decides the answer to a request; `index` counts every request the server received, from 0. */
export type ModelScript = (
  body: ChatRequestBody,
  index: number,
  request: ScriptedRequest,
) => ModelStep | Promise<ModelStep>;

/** A running scripted model server. */
export interface ScriptedModelServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The OpenAI-style base URL: `${url}/v1`. */
  baseUrl: string;
  requests: ScriptedRequest[];
  /** Replaces the script (requests already answered are kept). */
  setScript(script: ModelScript): void;
  close(): Promise<void>;
}

/**
 * Starts a server answering with `script`. For example, a model that looks up sign-ins once and then answers
 * from what it was given (see `scripted-model-server-requests.ts` for reading Ward's marked tool results):
 *
 * ```ts
 * const server = await startScriptedModelServer((body, index) =>
 *   index === 0
 *     ? callTools(toolCall('entra_signIns', { userId, hours: 24 }))
 *     : submitAnswer({ summary: '…', title: '…', riskLevel: 'high', findings: [...] }),
 * );
 * ```
 */
export async function startScriptedModelServer(script: ModelScript): Promise<ScriptedModelServer> {
  const requests: ScriptedRequest[] = [];
  let current = script;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.method !== 'POST' || !url.pathname.endsWith('/chat/completions')) {
        writeJson(response, 404, {
          error: { message: `No route ${request.method} ${url.pathname}`, type: 'invalid_request_error' },
        });
        return;
      }
      let body: ChatRequestBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
      } catch {
        writeJson(response, 400, {
          error: { message: 'The body is not JSON.', type: 'invalid_request_error' },
        });
        return;
      }
      const recorded: ScriptedRequest = {
        index: requests.length,
        method: request.method,
        url: request.url ?? '/',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        deployment: /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url.pathname)?.[1],
        headers: request.headers,
        body,
        at: performance.now(),
      };
      requests.push(recorded);
      Promise.resolve()
        .then(() => current(body, recorded.index, recorded))
        .then((step) => answer(step, recorded, response))
        .catch((error: unknown) => {
          if (!response.headersSent)
            writeJson(response, 500, {
              error: { message: `script failed: ${String(error)}`, type: 'server_error' },
            });
          else response.destroy();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    requests,
    setScript(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A script that plays `list` in order and answers 500 when it runs out. */
export function steps(...list: ModelStep[]): ModelScript {
  return (_body, index) =>
    list[index] ?? {
      kind: 'status',
      status: 500,
      body: { error: { message: `the script has no step ${index}` } },
    };
}

/** A reply with tool calls. */
export function callTools(...toolCalls: ScriptedToolCall[]): ModelStep {
  return { kind: 'reply', toolCalls };
}

/** A tool call; `arguments` may be an object (sent as JSON) or any text. */
export function toolCall(
  name: string,
  args: string | Record<string, unknown> = {},
  id?: string,
): ScriptedToolCall {
  return { name, arguments: args, ...(id ? { id } : {}) };
}

/** A reply calling `submit_answer` with `answer` (an object, or raw text for broken JSON). */
export function submitAnswer(
  answer: string | Record<string, unknown>,
  extra: Partial<Extract<ModelStep, { kind: 'reply' }>> = {},
): ModelStep {
  return { kind: 'reply', toolCalls: [{ name: 'submit_answer', arguments: answer }], ...extra };
}

/** A reply in plain text. */
export function say(content: string): ModelStep {
  return { kind: 'reply', content };
}

/** An HTTP error; `retryAfterSeconds` sets Retry-After, `retryAfterMs` the `retry-after-ms` header. */
export function httpStatus(
  status: number,
  options: { retryAfterSeconds?: number; retryAfterMs?: number; body?: unknown } = {},
): ModelStep {
  return {
    kind: 'status',
    status,
    headers: {
      ...(options.retryAfterSeconds !== undefined
        ? { 'retry-after': String(options.retryAfterSeconds) }
        : {}),
      ...(options.retryAfterMs !== undefined ? { 'retry-after-ms': String(options.retryAfterMs) } : {}),
    },
    body: options.body ?? {
      error: { message: `scripted ${status}`, type: status === 429 ? 'rate_limit_exceeded' : 'server_error' },
    },
  };
}

async function answer(step: ModelStep, request: ScriptedRequest, response: ServerResponse): Promise<void> {
  if (step.kind === 'hang') return;
  if (step.delayMs) await delay(step.delayMs, response);
  if (response.destroyed || response.writableEnded) return;
  switch (step.kind) {
    case 'status':
      writeJson(
        response,
        step.status,
        step.body ?? { error: { message: `scripted ${step.status}` } },
        step.headers,
      );
      return;
    case 'garbage':
      response.writeHead(step.status ?? 200, { 'content-type': step.contentType ?? 'application/json' });
      response.end(step.body);
      return;
    case 'reply':
      if (request.body.stream) await writeStream(step, request, response);
      else writeJson(response, 200, completion(step, request));
      return;
  }
}

function toolCallsOf(step: Extract<ModelStep, { kind: 'reply' }>, request: ScriptedRequest) {
  return (step.toolCalls ?? []).map((call, position) => ({
    id: call.id ?? `call_${request.index}_${position}`,
    type: 'function' as const,
    function: {
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
}

function usageOf(step: Extract<ModelStep, { kind: 'reply' }>, request: ScriptedRequest, output: string) {
  const prompt = step.usage?.promptTokens ?? Math.ceil(JSON.stringify(request.body.messages).length / 4);
  const completionTokens = step.usage?.completionTokens ?? Math.max(1, Math.ceil(output.length / 4));
  return {
    prompt_tokens: prompt,
    completion_tokens: completionTokens,
    total_tokens: prompt + completionTokens,
  };
}

function completion(step: Extract<ModelStep, { kind: 'reply' }>, request: ScriptedRequest) {
  const toolCalls = toolCallsOf(step, request);
  const output = (step.content ?? '') + toolCalls.map((call) => call.function.arguments).join('');
  return {
    id: `chatcmpl-scripted-${request.index}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.body.model ?? request.deployment ?? 'scripted',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: step.content ?? null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
          refusal: null,
        },
        logprobs: null,
        finish_reason: step.finishReason ?? (toolCalls.length ? 'tool_calls' : 'stop'),
      },
    ],
    usage: usageOf(step, request, output),
  };
}

async function writeStream(
  step: Extract<ModelStep, { kind: 'reply' }>,
  request: ScriptedRequest,
  response: ServerResponse,
) {
  const toolCalls = toolCallsOf(step, request);
  const size = Math.max(1, step.chunkSize ?? 7);
  const base = {
    id: `chatcmpl-scripted-${request.index}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: request.body.model ?? request.deployment ?? 'scripted',
  };
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const send = async (data: unknown) => {
    if (response.destroyed) return;
    response.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    if (step.chunkDelayMs) await delay(step.chunkDelayMs, response);
  };
  const delta = (value: Record<string, unknown>, finishReason: string | null = null) =>
    send({ ...base, choices: [{ index: 0, delta: value, logprobs: null, finish_reason: finishReason }] });

  await delta({ role: 'assistant', content: step.content === undefined ? null : '' });
  for (const piece of pieces(step.content ?? '', size)) await delta({ content: piece });
  for (const [index, call] of toolCalls.entries()) {
    await delta({
      tool_calls: [
        { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
      ],
    });
    for (const piece of pieces(call.function.arguments, size))
      await delta({ tool_calls: [{ index, function: { arguments: piece } }] });
  }
  await delta({}, step.finishReason ?? (toolCalls.length ? 'tool_calls' : 'stop'));
  if (request.body.stream_options?.include_usage) {
    const output = (step.content ?? '') + toolCalls.map((call) => call.function.arguments).join('');
    await send({ ...base, choices: [], usage: usageOf(step, request, output) });
  }
  await send('[DONE]');
  response.end();
}

/** `text` in pieces of `size` code units (a piece may end inside an escape sequence, on purpose). */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let start = 0; start < text.length; start += size) out.push(text.slice(start, start + size));
  return out;
}

function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  response.end(payload);
}

/** Waits `ms`, or less when the client goes away. */
function delay(ms: number, response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      response.off('close', done);
      resolve();
    }
    response.on('close', done);
  });
}
