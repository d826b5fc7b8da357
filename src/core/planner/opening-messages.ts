/**
 * The conversation the model starts from: Ward's instructions (system), the last few turns of this
 * conversation (marked as data: their summaries hold tenant text), the analyst's question, and the facts
 * Ward fetched while grounding, as an assistant turn that called the tools and the tools' marked results, so
 * the model reads them exactly as it reads its own tool results.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { RememberedTurn } from '../memory/conversation-memory.js';
import type { PrefetchedFact } from './ground-question.js';
import { toolName } from './llm-tools.js';
import { spotlightData } from './spotlight-tool-output.js';
import type { ToolCallRunner } from './tool-call-runner.js';

/** How many remembered turns the model sees. */
export const HISTORY_TURNS = 4;

/** What the opening conversation is built from. */
export interface OpeningMessagesInput {
  system: string;
  nonce: string;
  history: readonly RememberedTurn[];
  question: string;
  facts: readonly PrefetchedFact[];
  runner: ToolCallRunner;
}

/** The messages of the first request: system, marked history, the question, the prefetched tool results. */
export function openingMessages(input: OpeningMessagesInput): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: input.system }];
  const recent = input.history.slice(-HISTORY_TURNS);
  if (recent.length) {
    messages.push({
      role: 'user',
      content: `Earlier in this conversation (context only, marked as data):\n${spotlightData(
        input.nonce,
        'history',
        recent.map((turn) => ({
          at: turn.at.toISOString(),
          question: turn.question,
          answerTitle: turn.title,
          answerSummary: turn.summary,
          ...(turn.subject ? { subject: turn.subject } : {}),
        })),
      )}`,
    });
  }
  messages.push({ role: 'user', content: input.question });
  if (input.facts.length) {
    const ids = input.facts.map((fact) => `ward_${fact.result.sourceId}`);
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: input.facts.map((fact, index) => ({
        id: ids[index]!,
        type: 'function',
        function: { name: toolName(fact.ref), arguments: JSON.stringify(fact.input) },
      })),
    });
    input.facts.forEach((fact, index) => {
      messages.push(input.runner.toolMessage(ids[index]!, fact.ref, fact.result));
    });
  }
  return messages;
}
