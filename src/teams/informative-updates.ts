/**
 * The blue "what Ward is doing" line of a Teams stream (informative updates): each text shown once, a newer
 * text replacing one still waiting, and never more than one update a second, sent only when the stream has
 * nothing else in flight, so updates never pile up in front of the answer. It must never delay the answer:
 * closing drops whatever is waiting.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Teams refuses informative updates over 1,000 characters; a status line needs far fewer. */
const MAX_UPDATE_LENGTH = 200;

/** Teams allows a stream about one update a second. */
const MIN_GAP_MS = 1_000;

export interface InformativeUpdatesOptions {
  /** Queues one update on the stream. */
  send(text: string): void;
  /** Resolves when the stream has sent everything queued so far (never rejects). */
  idle(): Promise<void>;
  /** Least time between two updates; default 1 s. */
  minGapMs?: number;
  now?: () => number;
}

/** Paced, de-duplicated informative updates for one stream. */
export interface InformativeUpdates {
  /** Shows `text` as soon as the pace allows; skipped when it was shown already. */
  show(text: string): void;
  /** No more updates: one still waiting is dropped. */
  close(): void;
}

export function createInformativeUpdates(options: InformativeUpdatesOptions): InformativeUpdates {
  const minGapMs = options.minGapMs ?? MIN_GAP_MS;
  if (!Number.isFinite(minGapMs) || minGapMs < 0) throw new RangeError('minGapMs must be a number ≥ 0');
  const now = options.now ?? (() => performance.now());
  const shown = new Set<string>();
  const stop = new AbortController();
  let waiting: string | undefined;
  let pumping = false;
  /** Something this module sent may still be on its way (the stream has not been idle since). */
  let busy = false;
  let sends = 0;
  let lastSentAt = Number.NEGATIVE_INFINITY;

  const deliver = (text: string) => {
    waiting = undefined;
    shown.add(text);
    lastSentAt = now();
    busy = true;
    const send = ++sends;
    options.send(text);
    void options.idle().then(() => {
      if (send === sends) busy = false;
    });
  };

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting !== undefined && !stop.signal.aborted) {
        await options.idle();
        const wait = lastSentAt + minGapMs - now();
        if (wait > 0) await sleep(wait, undefined, { signal: stop.signal }).catch(() => undefined);
        if (waiting === undefined || stop.signal.aborted) break;
        deliver(waiting);
      }
    } finally {
      pumping = false;
    }
  };

  return {
    show(text) {
      const line = clip(text.trim());
      if (!line || stop.signal.aborted || shown.has(line)) return;
      waiting = line;
      // At once when the stream is idle and the pace allows (the first update always is); otherwise the
      // latest text waits its turn.
      if (!pumping && !busy && now() - lastSentAt >= minGapMs) deliver(line);
      else void pump();
    },
    close() {
      waiting = undefined;
      stop.abort();
    },
  };
}

/**
 * The update for a source being consulted: "Checking Microsoft Entra ID: a user's risk detections over the
 * last days…", from the plugin's display name and the skill's one-sentence description (its leading verb and
 * parenthesised details dropped).
 */
export function skillUpdateText(service: string, description: string): string {
  const what = description
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/^(lists|gets|finds|returns|reads|fetches|searches)\s+/i, '')
    .replace(/[.\s…]+$/, '')
    .trim();
  if (!what) return `Checking ${service}…`;
  // "Incidents opened…" reads as part of the sentence; "IP addresses…" keeps its capitals.
  const start = /^[A-Z][a-z]/.test(what) ? what.charAt(0).toLowerCase() : what.charAt(0);
  return `Checking ${service}: ${start}${what.slice(1)}…`;
}

function clip(text: string): string {
  return text.length <= MAX_UPDATE_LENGTH ? text : `${text.slice(0, MAX_UPDATE_LENGTH - 1).trimEnd()}…`;
}
