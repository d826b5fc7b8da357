/**
 * `@Ward feedback report`: recognises the command (`feedback report`, `show the feedback report`, `/feedback
 * report please`, in any case, with punctuation). A question that merely mentions feedback ("feedback on
 * adele's sign-ins") is not the command.
 */
const FEEDBACK_REPORT_COMMAND =
  /^(?:(?:show|display|get|see|view|open)\s+)?(?:me\s+)?(?:(?:the|wards?|our)\s+)?feedback\s+(?:report|summary)(?:\s+(?:please|now))?$/;

/** True when the whole message asks for the feedback report. */
export function parseFeedbackReportCommand(text: string): boolean {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return FEEDBACK_REPORT_COMMAND.test(words);
}
