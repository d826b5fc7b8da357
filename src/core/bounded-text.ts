/**
 * Text a planner puts on an answer, made safe for post-processing: secrets redacted and the result within the
 * Answer schema's bound for the field. Post-processing redacts again before it validates, and a redaction
 * marker can be longer than what it replaces; text from here is already redacted, so it stays within bounds.
 */
import { redactSecrets } from './redact-secrets.js';

/**
 * `text` with secrets redacted, within `max` characters (an ellipsis marks a cut). A cut can split a redaction
 * marker, which redaction then reads as a secret again: redacted again and cut shorter until it holds.
 */
export function boundedText(text: string, max: number): string {
  let result = redactSecrets(text);
  for (let room = max; result.length > max && room > 1; room -= 32) {
    result = redactSecrets(`${result.slice(0, room - 1)}…`);
  }
  return result.length > max ? result.slice(0, max) : result;
}
