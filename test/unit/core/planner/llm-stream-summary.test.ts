/**
 * The summary reader: `submit_answer` arguments arrive as JSON cut anywhere, and each piece must yield exactly
 * the decoded summary text it adds, in order, whatever the cut: inside keys, escapes, \u sequences and
 * surrogate pairs, with other fields before or after, nested objects with a `summary` key of their own.
 */
import { describe, expect, it } from 'vitest';
import { createSummaryStream } from '../../../../src/core/planner/stream-summary.js';

/** Feeds `json` in pieces of `size` and returns the pieces of summary text. */
function feed(json: string, size: number): string[] {
  const reader = createSummaryStream();
  const out: string[] = [];
  for (let start = 0; start < json.length; start += size) {
    const text = reader.push(json.slice(start, start + size));
    if (text) out.push(text);
  }
  return out;
}

/** Every way of cutting `json` into pieces of 1 to 12 characters joins to `expected`. */
function expectEveryCut(json: string, expected: string) {
  for (let size = 1; size <= 12; size++)
    expect(feed(json, size).join(''), `pieces of ${size}`).toBe(expected);
}

describe('createSummaryStream', () => {
  it('yields the summary as it arrives, first field or not', () => {
    const answer = { summary: 'Adele is at high risk.', title: 'Adele', riskLevel: 'high' };
    expectEveryCut(JSON.stringify(answer), answer.summary);
    const later = { title: 'Adele', facts: [{ label: 'summary', value: 'not this' }], summary: 'This one.' };
    expectEveryCut(JSON.stringify(later), later.summary);
  });

  it('decodes escapes cut anywhere: quotes, backslashes, line breaks, \\u sequences and surrogate pairs', () => {
    const summary = 'Line one\nHe said "hi" \\ back\tslash — café 😀 end';
    expectEveryCut(JSON.stringify({ summary }), summary);
    // The same text with every non-ASCII character escaped, as some endpoints send it.
    const escaped = JSON.stringify({ summary }).replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    expect(escaped).toContain('\\ud83d\\ude00');
    expectEveryCut(escaped, summary);
  });

  it('never yields half a character: a surrogate pair split across pieces comes out whole', () => {
    const json = JSON.stringify({ summary: '😀😀' }).replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    for (const piece of feed(json, 1)) {
      const last = piece.charCodeAt(piece.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff, JSON.stringify(piece)).toBe(false);
    }
  });

  it('ignores keys, other fields and nested summaries, and stops after the first summary', () => {
    const json = JSON.stringify({
      title: 'summary',
      evidence: [{ summary: 'nested' }],
      summary: 'top',
      followUps: ['summary'],
    });
    expectEveryCut(json, 'top');
    const reader = createSummaryStream();
    expect(reader.push('{"summary":"a"')).toBe('a');
    expect(reader.done).toBe(true);
    expect(reader.push(',"summary":"b"}')).toBe('');
  });

  it('yields nothing when there is no summary string', () => {
    expectEveryCut('{"title":"x","summary":42}', '');
    expectEveryCut('{"title":"x"', '');
  });
});
