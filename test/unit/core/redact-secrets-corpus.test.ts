/**
 * Secret redaction over the corpus of secret formats (`test/fixtures/secret-formats.ts`): every format loses
 * its secret and keeps the text around it, every look-alike an analyst pastes (GUIDs, hashes, CVE ids, UPNs,
 * IPs, KQL) comes back byte for byte, also when it shares a line with a secret, and hostile text built to make
 * a pattern backtrack is handled in linear time.
 */
import { describe, expect, it } from 'vitest';
import { redactDeep, redactSecrets } from '../../../src/core/redact-secrets.js';
import { lookAlikes, secretFormats } from '../../fixtures/secret-formats.js';

describe('the secret-format corpus', () => {
  it('covers the formats Ward meets, each once', () => {
    expect(secretFormats.length).toBeGreaterThanOrEqual(60);
    expect(new Set(secretFormats.map((format) => format.id)).size).toBe(secretFormats.length);
    expect(lookAlikes.length).toBeGreaterThanOrEqual(35);
    // Every fixture really holds what it claims, so a test below cannot pass on a typo.
    for (const { id, text, secrets, keep = [] } of secretFormats) {
      for (const part of [...secrets, ...keep]) expect(text, `${id}: ${part}`).toContain(part);
    }
  });
});

describe.each(secretFormats)('redacting $format', ({ text, secrets, keep = [] }) => {
  const redacted = redactSecrets(text);

  it('removes the secret and says so', () => {
    for (const secret of secrets) expect(redacted).not.toContain(secret);
    expect(redacted).toMatch(/\[redacted[^\]]*\]/);
  });

  it('keeps the text around it', () => {
    for (const part of keep) expect(redacted).toContain(part);
  });

  it('is stable when run again', () => {
    expect(redactSecrets(redacted)).toBe(redacted);
  });

  it('finds it inside a sentence and inside JSON', () => {
    const sentence = redactSecrets(`Found this in the alert evidence:\n${text}\nIs it a real credential?`);
    const json = redactDeep({ evidence: [{ field: 'commandLine', value: text }] });
    for (const secret of secrets) {
      expect(sentence).not.toContain(secret);
      expect(JSON.stringify(json)).not.toContain(secret);
    }
  });
});

describe.each(lookAlikes)('a look-alike: $kind', ({ text }) => {
  it('comes back unchanged', () => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('comes back unchanged next to a secret on the same line', () => {
    const line = `${text} ; password=Vx7kQ2mZp9`;
    const redacted = redactSecrets(line);
    expect(redacted).toBe(`${text} ; password=[redacted]`);
  });
});

describe('redactDeep', () => {
  it('redacts strings at any depth and keeps dates, numbers and nulls', () => {
    const at = new Date('2026-11-21T09:00:00Z');
    expect(redactDeep({ at, n: 1, none: null, rows: [['pwd=Vx7kQ2mZp9']] })).toEqual({
      at,
      n: 1,
      none: null,
      rows: [['pwd=[redacted]']],
    });
  });
});

describe('hostile text', () => {
  // Shapes that make a careless pattern backtrack: long runs of a prefix's characters with no end.
  const shapes = [
    'a.'.repeat(50_000),
    `${'password '.repeat(10_000)}x`,
    `${'net user '.repeat(10_000)}`,
    `${'-----BEGIN PRIVATE KEY-----'.repeat(2_000)}`,
    `${'Authorization: '.repeat(8_000)}`,
    `${'x://'.repeat(20_000)}`,
    `${'a:1:'.repeat(20_000)}`,
    `Private-Lines: 1${'\nAAAA'.repeat(20_000)}-`,
    `${'password ('.repeat(10_000)}`,
    `${'sk-'.repeat(30_000)}`,
    `?code=${'a'.repeat(100_000)}`,
    `${'-u a:'.repeat(20_000)}`,
    // A megabyte of base64 (a file or a blob in tenant data): no space, no colon, for any pattern to stop at.
    Buffer.from(Array.from({ length: 750_000 }, (_, i) => (i * 7919) % 251)).toString('base64'),
  ];

  it.each(shapes.map((text) => ({ text, label: text.slice(0, 24) })))(
    'is redacted in linear time: $label…',
    ({ text }) => {
      const started = performance.now();
      redactSecrets(text);
      expect(performance.now() - started).toBeLessThan(1_000);
    },
  );
});
