/**
 * The model's summary streamed to Teams: released a word behind, with secrets redacted, never a piece that
 * post-processing would later rewrite.
 */
import { describe, expect, it } from 'vitest';
import { createRedactingTextStream } from '../../../src/core/redacting-text-stream.js';

function streamed(pieces: string[]): string[] {
  const out: string[] = [];
  const stream = createRedactingTextStream((delta) => out.push(delta));
  for (const piece of pieces) stream.push(piece);
  return out;
}

describe('createRedactingTextStream', () => {
  it('releases whole words in order, holding back the word being written', () => {
    const out = streamed(['Adele Va', 'nce signed in ', 'from two coun', 'tries']);
    expect(out.join('')).toBe('Adele Vance signed in from two');
    expect(out[0]).toBe('Adele');
  });

  it('never releases a secret split across pieces', () => {
    const out = streamed([
      'The alert shows password=',
      'Hunter2',
      'Secret! in the ',
      'command line and more',
    ]);
    const text = out.join('');
    expect(text).not.toContain('Hunter2');
    expect(text).toContain('[redacted');
    expect(text).toContain('in the command line and');
  });

  it('stops when redaction would rewrite text already released', () => {
    // "-----BEGIN RSA" goes out as plain words before the rest makes it a private key.
    const out = streamed(['Found -----BEGIN RSA ', 'PRIVATE KEY----- MIIEow', 'IBAAKCAQEA more words here']);
    expect(out.join('')).toBe('Found -----BEGIN RSA');
    expect(out.join('')).not.toContain('MIIE');
  });

  it('ignores empty pieces', () => {
    expect(streamed(['', 'one two ', ''])).toEqual(['one two']);
  });
});
