/**
 * The model in the loop: a chat-completions tool loop (OpenAI, Azure OpenAI or any compatible endpoint) behind
 * the Planner contract. It grounds first (the user and the obvious facts, through the ledger), gives the model
 * the plugins' read skills as tools with every result marked as untrusted data, checks every tool call before
 * it runs, and takes the answer only through a validated `submit_answer` call (one repair when invalid). Steps,
 * tokens and time are budgeted per question. Whatever goes wrong with the model (endpoint failures, two invalid
 * answers, no time left) ends in the fallback planner's answer with a notice saying why: never a crash.
 * It has no way to run an action, and never logs prompts, tool data or answers.
 */
import type OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import type { Logger } from 'pino';
import type { AnswerNotice } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import { ConfigError } from '../errors.js';
import type { PluginRegistry } from '../plugin-registry.js';
import { groundQuestion } from './ground-question.js';
import { systemPrompt } from './llm-prompt.js';
import { buildSkillTools } from './llm-tools.js';
import { checkModelAnswer, SUBMIT_ANSWER, submitAnswerTool } from './model-answer.js';
import { draftFromModelAnswer } from './model-answer-draft.js';
import { ModelEndpointError } from './model-endpoint-error.js';
import { openingMessages } from './opening-messages.js';
import type { ModelUsage, PlanInput, Planner, PlanOutcome } from './planner.js';
import { type ModelToolCall, type ModelTurn, requestChatCompletion } from './request-chat-completion.js';
import { createSeenUsers } from './seen-users.js';
import { createSpotlightNonce } from './spotlight-tool-output.js';
import { createSummaryStream, type SummaryStream } from './stream-summary.js';
import { createToolCallRunner } from './tool-call-runner.js';

/** What the LLM planner needs. */
export interface LlmPlannerOptions {
  client: OpenAI;
  /** The model (the deployment on Azure OpenAI); also the planner's name on answers. */
  model: string;
  registry: PluginRegistry;
  /** Answers when the model cannot: the rules planner. */
  fallback: Planner;
  /** Model calls per question (a last forced answer may follow when they run out). */
  maxSteps: number;
  /** Tokens per question, as the endpoint reports them. */
  maxTokens: number;
  /** Wall-clock time for the model part of one question. */
  deadlineMs: number;
  /** Tool calls per model turn; more are refused (default 8). */
  maxToolCallsPerTurn?: number;
  log?: Logger;
}

const FORCE_SUBMIT: ChatCompletionToolChoiceOption = { type: 'function', function: { name: SUBMIT_ANSWER } };
const NOTICE_MAX = 600;

/** Creates the LLM planner. Throws a ConfigError for impossible budgets. */
export function createLlmPlanner(options: LlmPlannerOptions): Planner {
  if (!options.model.trim()) throw new ConfigError('The LLM planner needs a model name.');
  for (const [name, value] of [
    ['maxSteps', options.maxSteps],
    ['maxTokens', options.maxTokens],
    ['deadlineMs', options.deadlineMs],
    ['maxToolCallsPerTurn', options.maxToolCallsPerTurn ?? 8],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new ConfigError(`The LLM planner's ${name} must be a positive whole number, got ${value}.`);
  }
  const tools = buildSkillTools(options.registry);
  return {
    name: options.model,
    plan: (input) => planWithModel(options, tools, input),
  };
}

/** How the model's turn ended when it did not produce a valid answer. */
type Rejection = { problems: string[]; reply: ChatCompletionMessageParam[] };

async function planWithModel(
  options: LlmPlannerOptions,
  tools: ReturnType<typeof buildSkillTools>,
  input: PlanInput,
): Promise<PlanOutcome> {
  const usage: ModelUsage = { tokens: 0, modelCalls: 0 };
  if (input.intent.intent === 'help') return { kind: 'help', usage };

  const log = options.log?.child({ planner: options.model });
  const maxToolCalls = options.maxToolCallsPerTurn ?? 8;
  const nonce = createSpotlightNonce();
  const seen = createSeenUsers();
  const runner = createToolCallRunner({
    ledger: input.ledger,
    registry: options.registry,
    tools,
    seen,
    nonce,
    maxCallsPerTurn: maxToolCalls,
  });

  const fallBack = async (notices: AnswerNotice[]): Promise<PlanOutcome> => {
    log?.warn(
      { notices: notices.map((notice) => notice.kind), ...usage },
      'model planner fell back to rules',
    );
    const outcome = await options.fallback.plan({ ...input, ledger: runner.ledger });
    if (outcome.kind !== 'answer') return { ...outcome, usage };
    return {
      kind: 'answer',
      draft: { ...outcome.draft, notices: [...notices, ...(outcome.draft.notices ?? [])] },
      usage,
    };
  };
  const fromRules = (text: string): AnswerNotice => ({
    kind: 'fallback',
    text: boundedText(`${text}; this answer is from Ward's rules.`, NOTICE_MAX),
  });
  const timeNotice = (): AnswerNotice =>
    input.signal.aborted
      ? fromRules('The question ran out of time before the model finished')
      : {
          kind: 'budget',
          text: `The model's time budget (${seconds(options.deadlineMs)}) ran out after ${calls(usage.modelCalls)} and ${usage.tokens} tokens; this answer is from Ward's rules.`,
        };

  const grounding = await groundQuestion(input, options.registry, runner, seen);
  if (grounding.kind === 'help') return { ...grounding.outcome, usage };
  if (grounding.kind === 'lookup-failed') {
    return fallBack([
      fromRules(`The directory lookup of "${grounding.query}" failed, so the model was not asked`),
    ]);
  }

  // The model's time starts now: grounding is the tenant's time, and its facts serve the fallback as well.
  const deadline = AbortSignal.any([input.signal, AbortSignal.timeout(options.deadlineMs)]);
  const messages = openingMessages({
    system: systemPrompt({
      nonce,
      now: input.now,
      registry: options.registry,
      maxToolCallsPerTurn: maxToolCalls,
    }),
    nonce,
    history: input.history,
    question: input.turn.text,
    facts: grounding.facts,
    runner,
  });
  const streamSummary = summaryStreamer(input.onText);
  const allTools = [...tools.tools, submitAnswerTool];
  let mode: 'explore' | 'repair' | 'budget' = 'explore';
  /** What the spent budget came to, once one is spent. */
  let budgetUsed: string | undefined;
  const budgetNotice = (ending: string): AnswerNotice[] =>
    budgetUsed
      ? [{ kind: 'budget', text: boundedText(`${budgetUsed} before it finished${ending}`, NOTICE_MAX) }]
      : [];

  for (;;) {
    if (mode === 'explore') {
      const spent = budgetSpent(options, usage);
      if (spent) {
        budgetUsed = spent.used;
        messages.push({
          role: 'user',
          content: `Ward's ${spent.budget} budget for this question is used up. Do not call more tools: call ${SUBMIT_ANSWER} now with what the tool results show, and say what could not be checked.`,
        });
        mode = 'budget';
      }
    }
    if (deadline.aborted) return fallBack([timeNotice()]);

    const step = usage.modelCalls + 1;
    const started = performance.now();
    let turn: ModelTurn;
    try {
      turn = await requestChatCompletion({
        client: options.client,
        model: options.model,
        messages,
        tools: allTools,
        toolChoice: mode === 'explore' ? 'required' : FORCE_SUBMIT,
        signal: deadline,
        onArguments: streamSummary?.forRequest(),
      });
    } catch (error) {
      usage.modelCalls += 1;
      log?.warn(
        {
          step,
          ms: Math.round(performance.now() - started),
          error:
            error instanceof ModelEndpointError
              ? { message: error.message, status: error.status }
              : 'aborted',
        },
        'model call failed',
      );
      if (deadline.aborted) return fallBack([timeNotice()]);
      const message = error instanceof ModelEndpointError ? error.message : 'The model request failed';
      return fallBack([fromRules(message)]);
    }
    usage.modelCalls += 1;
    usage.tokens += turn.tokens;
    log?.info(
      {
        step,
        tokens: turn.tokens,
        toolCalls: turn.toolCalls.map((call) => call.name),
        ms: Math.round(performance.now() - started),
        streamed: Boolean(streamSummary),
      },
      'model call',
    );

    const submitted = turn.toolCalls.find((call) => call.name === SUBMIT_ANSWER);
    let rejection: Rejection;
    if (submitted) {
      const known = new Set(input.ledger.sources().map((source) => source.id));
      const check = checkModelAnswer(submitted.arguments, known);
      if (check.ok) {
        return {
          kind: 'answer',
          draft: draftFromModelAnswer(check.answer, {
            intent: input.intent.intent,
            model: options.model,
            registry: options.registry,
            user: grounding.user,
            seen,
            sources: input.ledger.sources(),
            notices: budgetNotice('; this answer holds what it knew by then.'),
          }),
          usage,
        };
      }
      rejection = rejectedTurn(turn, check.problems, submitted);
    } else if (turn.toolCalls.length === 0) {
      rejection = rejectedTurn(turn, [`you replied with text instead of calling ${SUBMIT_ANSWER}`]);
    } else if (mode !== 'explore') {
      rejection = rejectedTurn(turn, [
        `you called ${turn.toolCalls.map((call) => call.name).join(', ')} instead of ${SUBMIT_ANSWER}`,
      ]);
    } else {
      messages.push(assistantTurn(turn));
      const results = await runner.runTurn(turn.toolCalls);
      messages.push(...results.messages);
      continue;
    }

    if (mode !== 'explore') {
      const what =
        mode === 'repair' ? "The model's answer was invalid twice" : "The model's last answer was invalid";
      return fallBack([
        ...budgetNotice('.'),
        fromRules(`${what} (${rejection.problems.slice(0, 3).join('; ')})`),
      ]);
    }
    messages.push(...rejection.reply);
    mode = 'repair';
  }
}

/** Which budget is spent, if one is, and what was used (the start of the budget notice). */
function budgetSpent(
  options: LlmPlannerOptions,
  usage: ModelUsage,
): { budget: string; used: string } | undefined {
  if (usage.modelCalls >= options.maxSteps) {
    return {
      budget: 'step',
      used: `The model used all ${calls(options.maxSteps)} of its step budget (${usage.tokens} tokens)`,
    };
  }
  if (usage.tokens >= options.maxTokens) {
    return {
      budget: 'token',
      used: `The model used ${usage.tokens} tokens of its ${options.maxTokens}-token budget in ${calls(usage.modelCalls)}`,
    };
  }
  return undefined;
}

/** The assistant message for a turn, as the model sent it (for the conversation's next request). */
function assistantTurn(turn: ModelTurn): ChatCompletionMessageParam {
  return {
    role: 'assistant',
    content: turn.content,
    ...(turn.toolCalls.length
      ? {
          tool_calls: turn.toolCalls.map((call) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments },
          })),
        }
      : {}),
  };
}

/**
 * The messages that tell the model what was wrong: the turn itself, then a reply to each of its tool calls
 * (the submission's says what to fix; others were not run), or a user message when it wrote text.
 */
function rejectedTurn(turn: ModelTurn, problems: string[], submitted?: ModelToolCall): Rejection {
  const fix = `Your answer was not accepted: ${problems.join('; ')}. Call ${SUBMIT_ANSWER} again with a corrected, complete answer.`;
  const reply: ChatCompletionMessageParam[] = [assistantTurn(turn)];
  if (turn.toolCalls.length === 0) {
    reply.push({ role: 'user', content: fix });
  } else {
    for (const call of turn.toolCalls) {
      reply.push({
        role: 'tool',
        tool_call_id: call.id,
        content:
          call === submitted
            ? fix
            : `Not run: ${submitted ? `${SUBMIT_ANSWER} was called in the same turn` : `call ${SUBMIT_ANSWER} now`}.`,
      });
    }
    if (!submitted) reply.push({ role: 'user', content: fix });
  }
  return { problems, reply };
}

/**
 * Streams the summary of the first `submit_answer` the model writes in this question: each request gets a
 * fresh reader, but once one request has streamed text, later ones (a repair) stay silent, so the host never
 * shows the summary twice. Undefined when the host does not stream.
 */
function summaryStreamer(onText: ((delta: string) => void) | undefined) {
  if (!onText) return undefined;
  let streamed = false;
  return {
    forRequest() {
      if (streamed) return () => {};
      const readers = new Map<number, SummaryStream>();
      let emitting: number | undefined;
      return (call: { index: number; name: string }, piece: string) => {
        if (call.name !== SUBMIT_ANSWER || (emitting !== undefined && emitting !== call.index)) return;
        let reader = readers.get(call.index);
        if (!reader) {
          reader = createSummaryStream();
          readers.set(call.index, reader);
        }
        const text = reader.push(piece);
        if (!text) return;
        emitting = call.index;
        streamed = true;
        try {
          onText(text);
        } catch {
          // Streaming is a courtesy to the host; a failing listener must not cost the answer.
        }
      };
    },
  };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function calls(count: number): string {
  return count === 1 ? '1 model call' : `${count} model calls`;
}
