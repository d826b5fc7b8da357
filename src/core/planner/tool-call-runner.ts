/**
 * Runs the model's tool calls for one question. Each call is checked before anything runs: the name must be a
 * read skill (never a write action), the arguments JSON, and the input valid for the skill's zod schema. A call
 * that fails a check goes back to the model as a tool error and is not executed, so it is not a source. Valid
 * calls of one turn run in parallel through the ledger (each gets its citation id); a turn is capped. The same
 * skill with the same input is answered once per question, whoever asks (the prefetch, the model, the fallback).
 */
import type { ChatCompletionToolMessageParam } from 'openai/resources/chat/completions';
import type { SkillCall, SkillLedger } from '../grounding/skill-ledger.js';
import type { PluginRegistry } from '../plugin-registry.js';
import { type SkillTools, toolName } from './llm-tools.js';
import type { ModelToolCall } from './request-chat-completion.js';
import type { SeenUsers } from './seen-users.js';
import { spotlightToolOutput } from './spotlight-tool-output.js';

/** What one turn's calls came to. */
export interface ToolTurn {
  /** One tool message per call, in the calls' order. */
  messages: ChatCompletionToolMessageParam[];
  /** Skills run (or answered from an identical earlier call). */
  executed: number;
  /** Calls refused before running. */
  rejected: number;
}

/** Runs skills for one question's model loop. */
export interface ToolCallRunner {
  /** Runs `plugin.skill` through the ledger, once per distinct valid input. Never throws. */
  call(ref: string, input: unknown): Promise<SkillCall<unknown>>;
  /** Checks and runs the model's calls of one turn. */
  runTurn(calls: readonly ModelToolCall[]): Promise<ToolTurn>;
  /** The question's ledger, with identical calls answered once: for a fallback planner. */
  ledger: SkillLedger;
  /** The tool message for a call already made (prefetched facts). */
  toolMessage(callId: string, ref: string, call: SkillCall<unknown>): ChatCompletionToolMessageParam;
}

/** What a runner needs: the question's ledger, the registry and tools, where seen users go, the nonce. */
export interface ToolCallRunnerOptions {
  ledger: SkillLedger;
  registry: PluginRegistry;
  tools: SkillTools;
  seen: SeenUsers;
  nonce: string;
  /** Calls beyond this in one turn are refused (default 8). */
  maxCallsPerTurn?: number;
}

const DEFAULT_MAX_CALLS_PER_TURN = 8;

/** Creates the runner for one question. */
export function createToolCallRunner(options: ToolCallRunnerOptions): ToolCallRunner {
  const { ledger, registry, seen, nonce } = options;
  const maxCalls = options.maxCallsPerTurn ?? DEFAULT_MAX_CALLS_PER_TURN;
  const made = new Map<string, Promise<SkillCall<unknown>>>();

  function call(ref: string, input: unknown): Promise<SkillCall<unknown>> {
    const key = callKey(registry, ref, input);
    if (key === undefined) return ledger.call(ref, input);
    let pending = made.get(key);
    if (!pending) {
      pending = ledger.call(ref, input).then((result) => {
        if (result.ok) seen.addFromData(result.data);
        // A failed source may answer next time: only answers are reused.
        else made.delete(key);
        return result;
      });
      made.set(key, pending);
    }
    return pending;
  }

  function toolMessage(
    callId: string,
    ref: string,
    result: SkillCall<unknown>,
  ): ChatCompletionToolMessageParam {
    return {
      role: 'tool',
      tool_call_id: callId,
      content: spotlightToolOutput(
        nonce,
        { sourceId: result.sourceId, tool: toolName(ref) },
        result.ok ? { ok: true, data: result.data } : { ok: false, error: result.error.message },
      ),
    };
  }

  const refusal = (callId: string, why: string): ChatCompletionToolMessageParam => ({
    role: 'tool',
    tool_call_id: callId,
    content: `Tool call refused, nothing was run: ${why}`,
  });

  return {
    call,
    toolMessage,
    ledger: {
      call: <T>(ref: string, input: unknown) => call(ref, input) as Promise<SkillCall<T>>,
      sources: () => ledger.sources(),
      count: () => ledger.count(),
    },
    async runTurn(calls) {
      let rejected = 0;
      let executed = 0;
      const messages = await Promise.all(
        calls.map(async (modelCall, position): Promise<ChatCompletionToolMessageParam> => {
          if (position >= maxCalls) {
            rejected += 1;
            return refusal(
              modelCall.id,
              `at most ${maxCalls} tool calls per turn; make this call next turn if you still need it.`,
            );
          }
          const checked = checkCall(options.tools, modelCall);
          if (!checked.ok) {
            rejected += 1;
            return refusal(modelCall.id, checked.error);
          }
          executed += 1;
          return toolMessage(modelCall.id, checked.ref, await call(checked.ref, checked.input));
        }),
      );
      return { messages, executed, rejected };
    },
  };
}

type CheckedCall = { ok: true; ref: string; input: unknown } | { ok: false; error: string };

/** Name, JSON and schema checks of one model call; nothing runs here. */
function checkCall(tools: SkillTools, modelCall: ModelToolCall): CheckedCall {
  const found = tools.lookup(modelCall.name);
  if (!found.ok) return found;
  let input: unknown;
  try {
    input = modelCall.arguments.trim() === '' ? {} : JSON.parse(modelCall.arguments);
  } catch {
    return { ok: false, error: `the arguments of ${modelCall.name} are not valid JSON.` };
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, error: `the arguments of ${modelCall.name} must be a JSON object.` };
  }
  let parsed: ReturnType<typeof found.skill.skill.input.safeParse>;
  try {
    parsed = found.skill.skill.input.safeParse(input);
  } catch {
    return { ok: false, error: `the arguments of ${modelCall.name} could not be checked.` };
  }
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`)
      .join('; ');
    return {
      ok: false,
      error: `invalid arguments for ${modelCall.name}: ${issues}. Fix them and call again.`,
    };
  }
  return { ok: true, ref: found.skill.ref, input };
}

/**
 * Identifies a call by its skill and its parsed input (defaults filled in), so `{ userId }` and
 * `{ userId, days: 30 }` are the same call; undefined when the input does not parse (the ledger records why).
 */
function callKey(registry: PluginRegistry, ref: string, input: unknown): string | undefined {
  const registered = registry.skill(ref);
  if (!registered) return undefined;
  try {
    const parsed = registered.skill.input.safeParse(input);
    return parsed.success ? `${ref} ${stableJson(parsed.data)}` : undefined;
  } catch {
    return undefined;
  }
}

/** JSON with object keys sorted, so equal inputs give equal text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : item,
  );
}
