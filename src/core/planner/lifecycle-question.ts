/**
 * Whether an identity posture question is about joiners, movers and leavers ("are leavers being offboarded?",
 * "people who left", "lifecylce workflows"): a word of the `lifecycle` keyword topic, alone or as a two-word
 * form ("who left", "terminated employees"), typos forgiven as the intent classifier forgives them. The
 * identity posture planner uses it to pick its lifecycle branch. It only reads words; it never calls anything.
 */
import { cleanMessageText } from '../grounding/clean-message-text.js';
import { NAME_STOP_WORDS } from '../grounding/name-stop-words.js';
import { tokenizeMessage } from '../grounding/tokenize-message.js';
import { keywordForm, matchIntentKeyword } from './intent-keywords.js';

const isLifecycle = (form: string, allowTypos: boolean) =>
  matchIntentKeyword(form, { allowTypos })?.topics.includes('lifecycle') ?? false;

/** True when `text` asks about lifecycle workflows, joiners, movers or leavers. */
export function asksAboutLifecycle(text: string): boolean {
  let previous: string | undefined;
  for (const token of tokenizeMessage(cleanMessageText(text).text)) {
    if (token.kind !== 'word') {
      previous = undefined;
      continue;
    }
    const form = keywordForm(token.text.replace(/'s$/i, ''));
    if (isLifecycle(form, !NAME_STOP_WORDS.has(form))) return true;
    if (previous !== undefined && !token.breakBefore && isLifecycle(previous + form, false)) return true;
    previous = form;
  }
  return false;
}
