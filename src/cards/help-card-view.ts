/**
 * View-model for the help card (`adaptiveCards/help.json`): why Ward is showing help, what it can do now,
 * example prompts and "did you mean" candidates, each a button that asks Ward that question.
 * It must never put markdown from tenant data into the card, nor anything but the question into a button.
 */
import { escapeCardText, sanitizePlainText } from './escape-card-text.js';

/** A button that asks Ward a question (verb `ward.ask`); `question` is submitted as-is, `title` is shown. */
export interface AskButtonView {
  title: string;
  question: string;
}

/** What `adaptiveCards/help.json` binds to. */
export interface HelpCardView {
  /** Empty hides the reason line. */
  reason: string;
  capabilities: { text: string }[];
  examples: AskButtonView[];
  candidates: AskButtonView[];
}

/** A person Ward found that may be who the analyst meant. */
export interface HelpCandidate {
  displayName: string;
  upn: string;
  /** What clicking the candidate asks; default `Is <upn> at risk?`. */
  question?: string;
}

/** Input of {@link toHelpCardView}. */
export interface HelpCardInput {
  /** Why help is shown, e.g. "I couldn't find a user called 'zed' in contoso.com." */
  reason?: string;
  /** Example prompts; each becomes a button that asks it. */
  examples: string[];
  candidates?: HelpCandidate[];
  /** What Ward can do in this deployment; defaults to {@link defaultCapabilities}. */
  capabilities?: string[];
}

/** Adaptive Card hosts show at most 5 buttons in a row (`hostConfig.actions.maxActions`). */
export const maxHelpButtons = 5;

/** What Ward can do with only the built-in plugins; callers pass their own list when plugins differ. */
export const defaultCapabilities: readonly string[] = [
  "Check a user's risk: risk level, risk detections and recent sign-ins, with sources.",
  'List the riskiest users in the tenant.',
  'Propose remediation (revoke sessions, reset password, confirm or dismiss risk); nothing changes until you click and confirm.',
];

/** Builds the help card's view-model; tenant text is escaped, button titles and questions sanitised. */
export function toHelpCardView(input: HelpCardInput): HelpCardView {
  return {
    reason:
      input.reason === undefined ? '' : escapeCardText(input.reason, { maxLength: 500, multiline: true }),
    capabilities: (input.capabilities ?? defaultCapabilities).map((text) => ({
      text: `• ${escapeCardText(text, { maxLength: 300 })}`,
    })),
    examples: input.examples.slice(0, maxHelpButtons).map((example) => ({
      title: sanitizePlainText(example, { maxLength: 80 }),
      question: sanitizePlainText(example, { maxLength: 500 }),
    })),
    candidates: (input.candidates ?? []).slice(0, maxHelpButtons).map((candidate) => {
      const name = sanitizePlainText(candidate.displayName, { maxLength: 80 });
      const upn = sanitizePlainText(candidate.upn, { maxLength: 120 });
      return {
        title: name === '' || name === upn ? upn : `${name} (${upn})`,
        question: sanitizePlainText(candidate.question ?? `Is ${upn} at risk?`, { maxLength: 500 }),
      };
    }),
  };
}
