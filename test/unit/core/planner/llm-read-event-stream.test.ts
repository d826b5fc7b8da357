/**
 * Server-sent events are read as each event's data, whatever the network cuts: lines split anywhere (inside a
 * multi-byte character, between `\r` and `\n`), comments and other fields skipped, multi-line data joined.
 */
import { describe, expect, it } from 'vitest';
import { readEventStream } from '../../../../src/core/planner/read-event-stream.js';

async function events(chunks: (string | Uint8Array)[]): Promise<string[]> {
  const out: string[] = [];
  async function* body() {
    yield* chunks;
  }
  for await (const data of readEventStream(body())) out.push(data);
  return out;
}

/** `text` as UTF-8 bytes cut into pieces of `size` bytes. */
function bytes(text: string, size: number): Uint8Array[] {
  const all = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let start = 0; start < all.length; start += size) out.push(all.slice(start, start + size));
  return out;
}

describe('readEventStream', () => {
  const stream =
    ': keep-alive\n\nevent: message\ndata: {"a":"café 😀"}\n\ndata: first\r\ndata: second\r\n\r\nid: 7\ndata:[DONE]\n\n';
  const expected = ['{"a":"café 😀"}', 'first\nsecond', '[DONE]'];

  it('yields the data of each event, in order, however the bytes are cut', async () => {
    for (let size = 1; size <= 9; size++)
      expect(await events(bytes(stream, size)), `pieces of ${size}`).toEqual(expected);
  });

  it('yields an unterminated last event for the caller to judge', async () => {
    expect(await events(['data: {"choices": [{"delta": '])).toEqual(['{"choices": [{"delta": ']);
    expect(await events([])).toEqual([]);
  });
});
