/**
 * Finds `{{name}}` placeholders in a custom skill's KQL query or prompt template, with their offsets (for
 * problems located inside the text), and fills them in: each placeholder is replaced by what `write` makes of
 * its parameter's value, which for KQL is always a literal. Anything that looks like a placeholder but is not
 * one (`{{user name}}`, an unclosed `{{`) is reported, never left for the query to trip over.
 * It never evaluates the text around the placeholders.
 */

/** A placeholder in a template: the parameter it names and where it is (offsets, end exclusive). */
export interface Placeholder {
  name: string;
  start: number;
  end: number;
}

/** Something written like a placeholder that is not a valid one. */
export interface MalformedPlaceholder {
  text: string;
  start: number;
  end: number;
}

const OPENING = '{{';
const CLOSING = '}}';
const NAME = /^[a-z][a-zA-Z0-9]*$/;

/** The placeholders in `template`, in order, and the malformed ones. */
export function findPlaceholders(template: string): {
  placeholders: Placeholder[];
  malformed: MalformedPlaceholder[];
} {
  const placeholders: Placeholder[] = [];
  const malformed: MalformedPlaceholder[] = [];
  let from = 0;
  for (;;) {
    const start = template.indexOf(OPENING, from);
    if (start < 0) break;
    const close = template.indexOf(CLOSING, start + OPENING.length);
    const nextOpen = template.indexOf(OPENING, start + OPENING.length);
    const lineEnd = template.indexOf('\n', start);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close) || (lineEnd >= 0 && lineEnd < close)) {
      const end = lineEnd < 0 ? template.length : lineEnd;
      malformed.push({ text: template.slice(start, Math.min(end, start + 40)), start, end });
      from = start + OPENING.length;
      continue;
    }
    const end = close + CLOSING.length;
    const name = template.slice(start + OPENING.length, close).trim();
    if (NAME.test(name)) placeholders.push({ name, start, end });
    else malformed.push({ text: template.slice(start, end), start, end });
    from = end;
  }
  return { placeholders, malformed };
}

/** The text with every placeholder replaced, and a map from an offset in it back to the template. */
export interface FilledTemplate {
  text: string;
  /** The template offset an offset of `text` comes from (inside a filled-in value: the placeholder's start). */
  templateOffset(offset: number): number;
}

/**
 * Replaces each placeholder with `write(name)`. Every placeholder must name a known parameter (callers check
 * with `findPlaceholders` first); malformed ones are left as they are.
 */
export function fillPlaceholders(template: string, write: (name: string) => string): FilledTemplate {
  const { placeholders } = findPlaceholders(template);
  const pieces: string[] = [];
  /** For each filled-in value: where it starts and ends in the output, and the placeholder's template span. */
  const spans: { outStart: number; outEnd: number; start: number; end: number }[] = [];
  let cursor = 0;
  let length = 0;
  for (const placeholder of placeholders) {
    const before = template.slice(cursor, placeholder.start);
    pieces.push(before);
    length += before.length;
    const value = write(placeholder.name);
    pieces.push(value);
    spans.push({
      outStart: length,
      outEnd: length + value.length,
      start: placeholder.start,
      end: placeholder.end,
    });
    length += value.length;
    cursor = placeholder.end;
  }
  pieces.push(template.slice(cursor));
  return {
    text: pieces.join(''),
    templateOffset(offset) {
      let shift = 0;
      for (const span of spans) {
        if (offset < span.outStart) break;
        if (offset < span.outEnd) return span.start;
        shift = span.end - span.outEnd;
      }
      return offset + shift;
    },
  };
}

/** The 1-based line and column of `offset` in `text`. */
export function positionInText(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text[index] === '\n') {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
