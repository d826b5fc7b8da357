/**
 * Spotlighting: everything from the tenant (tool results, remembered answers) reaches the model wrapped
 * between markers carrying a per-question random nonce, with the citation id and tool name on the opening
 * marker and the content JSON-encoded inside, so the model can tell tenant data (which an attacker can write
 * into: a display name, an alert title) from Ward's instructions. Tenant data is never put into system text;
 * an attacker who does not know the nonce cannot close the block early.
 */
import { randomBytes } from 'node:crypto';
import { boundToolData } from './bound-tool-data.js';

/** Characters of one tool result's JSON the model gets at most. */
export const MAX_TOOL_DATA_CHARS = 16_000;

/** A fresh random nonce for one question's markers. */
export function createSpotlightNonce(): string {
  return randomBytes(8).toString('hex');
}

/** The opening marker's fixed part, e.g. `<<data-1a2b3c4d5e6f7a8b` (attributes and `>>` follow). */
export function openingMarker(nonce: string): string {
  return `<<data-${nonce}`;
}

/** The closing marker, e.g. `<</data-1a2b3c4d5e6f7a8b>>`. */
export function closingMarker(nonce: string): string {
  return `<</data-${nonce}>>`;
}

/** What a skill call gave: its data, or the error Ward recorded. */
export type SpotlightedResult = { ok: true; data: unknown } | { ok: false; error: string };

/**
 * The content of a tool message: a marked block with the source's citation id and the tool's name, holding
 * `{"ok":true,"data":...}` or `{"ok":false,"error":"..."}` as JSON (shortened when very large).
 */
export function spotlightToolOutput(
  nonce: string,
  source: { sourceId: string; tool: string },
  result: SpotlightedResult,
): string {
  const body = result.ok
    ? (() => {
        const bounded = boundToolData(result.data, MAX_TOOL_DATA_CHARS);
        return `{"ok":true,${bounded.shortened ? '"shortened":true,' : ''}"data":${bounded.json}}`;
      })()
    : JSON.stringify({ ok: false, error: result.error });
  return wrap(nonce, `source=${source.sourceId} tool=${source.tool}`, body);
}

/** A marked block of other untrusted context (earlier turns of the conversation), labelled `label`. */
export function spotlightData(nonce: string, label: string, data: unknown): string {
  return wrap(nonce, `context=${label}`, boundToolData(data, MAX_TOOL_DATA_CHARS).json);
}

function wrap(nonce: string, attributes: string, json: string): string {
  // JSON.stringify escapes quotes and line breaks; the nonce is removed should the data ever contain it.
  const safe = json.replaceAll(nonce, '[removed]');
  return `${openingMarker(nonce)} ${attributes}>>\n${safe}\n${closingMarker(nonce)}`;
}
