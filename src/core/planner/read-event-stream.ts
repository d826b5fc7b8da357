/**
 * Reads a server-sent events body (`text/event-stream`) as the `data` of each event, in order, decoding UTF-8
 * across network chunks and joining multi-line data. Ward reads the model's stream with this instead of the
 * `openai` package's reader, which prints an unparseable event (model output) to the console: nothing here
 * logs or prints, and nothing is parsed as JSON (the caller validates each event).
 */

/** Limit on one event, so a body that never sends a blank line cannot grow without end. */
const MAX_EVENT_CHARS = 1_000_000;

/** The `data` of every event in `body`, as text. */
export async function* readEventStream(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const take = (line: string): string | undefined => {
    if (line === '') {
      const event = data.length ? data.join('\n') : undefined;
      data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    return undefined;
  };
  for await (const chunk of body) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline = buffer.search(/\r\n|\r|\n/);
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      const width = buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone `\r` at the end of a chunk may be the first half of `\r\n`: wait for the next chunk.
      if (buffer[newline] === '\r' && width === 1 && newline === buffer.length - 1) break;
      buffer = buffer.slice(newline + width);
      const event = take(line);
      if (event !== undefined) yield event;
      newline = buffer.search(/\r\n|\r|\n/);
    }
    if (buffer.length + data.reduce((total, line) => total + line.length, 0) > MAX_EVENT_CHARS) {
      throw new Error('An event in the model stream is too large.');
    }
  }
  buffer += decoder.decode();
  for (const line of [...buffer.split(/\r\n|\r|\n/), '']) {
    const event = take(line);
    if (event !== undefined) yield event;
  }
}
