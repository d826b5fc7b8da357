/**
 * One completion on the configured model for a custom prompt skill, through the same request path as the
 * LLM planner (`requestChatCompletion`: the model client's retries and timeout, the response validated, the
 * caller's signal honoured): a short system message saying what the text is for, the filled-in template as
 * the user message, no tools. Failures are ModelEndpointErrors, which name the endpoint's problem and never
 * the prompt. It never logs the prompt or the text.
 */
import type { ModelClient } from '../../clients/model-client.js';
import type { CompletePrompt } from '../../plugins/custom/prompt-skill.js';
import { requestChatCompletion } from './request-chat-completion.js';

const SYSTEM =
  "You write for security analysts in Ward, a SOC copilot. Do what the user message asks, in plain text, briefly. You have no tools and cannot see the analyst's tenant: say so rather than guess facts about it.";

/** The `complete` function prompt skills run on. */
export function createPromptCompletion(model: Pick<ModelClient, 'client' | 'model'>): CompletePrompt {
  return async (prompt, signal) => {
    const turn = await requestChatCompletion({
      client: model.client,
      model: model.model,
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: prompt },
      ],
      tools: [],
      toolChoice: 'none',
      signal,
    });
    return { text: turn.content ?? '', tokens: turn.tokens };
  };
}
