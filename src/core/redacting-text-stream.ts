/**
 * Streams a model's text to a host with secrets redacted. What a host has streamed it cannot take back (Teams
 * refuses a final message that does not start with the streamed text), so only text redaction can no longer
 * change is released: the redacted text up to its last whitespace, the word still being written held back.
 * If redaction ever rewrites text already released (a secret that only became recognisable later), streaming
 * stops: the card, which is always post-processed, carries the answer.
 * It never releases text that differs from the redacted prefix of what the model wrote.
 */
import { redactSecrets } from './redact-secrets.js';

export interface RedactingTextStream {
  /** Adds the model's next piece of text; releases what is now safe to show. */
  push(delta: string): void;
}

/** Creates a stream that calls `release` with redacted, stable pieces of text, in order. */
export function createRedactingTextStream(release: (delta: string) => void): RedactingTextStream {
  let written = '';
  let released = '';
  let stopped = false;
  return {
    push(delta) {
      if (stopped || !delta) return;
      written += delta;
      const redacted = redactSecrets(written);
      const boundary = Math.max(redacted.lastIndexOf(' '), redacted.lastIndexOf('\n'));
      if (boundary <= 0) return;
      const stable = redacted.slice(0, boundary);
      if (!stable.startsWith(released)) {
        stopped = true;
        return;
      }
      const next = stable.slice(released.length);
      if (!next) return;
      released = stable;
      release(next);
    },
  };
}
