/**
 * The process logger never writes a secret: every format of the secret-format corpus, logged as a message, as
 * an interpolated argument, as a field at any depth, inside an error's message, stack, cause or own fields,
 * and in a child logger's bindings, comes out redacted; known secret fields are censored whole; look-alikes
 * (GUIDs, hashes, UPNs, KQL) come out as they went in; every line stays one valid JSON object, and the objects
 * a caller logs are not changed.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { lookAlikes, secretFormats } from '../fixtures/secret-formats.js';

/** A logger at `trace` writing into an array of parsed lines. */
function capture() {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger('trace', stream);
  return {
    log,
    raw,
    text: () => raw.join(''),
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe.each(secretFormats)('logging $format', ({ text, secrets }) => {
  it('never writes the secret, however it is logged', () => {
    const { log, text: written, raw } = capture();
    log.info(text);
    log.info({ question: text }, 'asked');
    log.warn('source failed: %s', text);
    log.debug({ request: { body: { items: [{ note: text }] } } }, 'nested');
    const error = new Error(`Graph answered 400: ${text}`, { cause: new Error(`caused by ${text}`) });
    Object.assign(error, { response: { data: text } });
    log.error({ err: error }, 'question failed');
    log.error(error);
    log.child({ context: text }).info('child');
    for (const secret of secrets) expect(written()).not.toContain(secret);
    for (const line of raw) expect(() => JSON.parse(line)).not.toThrow();
    expect(written()).toContain('[redacted');
  });
});

describe('known secret fields', () => {
  it('are censored whole, at the top level and nested, whatever their value', () => {
    const { log, lines } = capture();
    log.info(
      {
        password: 'plain words',
        token: 'abc',
        config: { clientSecret: 'x', BOT_PASSWORD: 'y', DATABASE_URL: 'postgres://db/ward' },
        headers: { authorization: 'whatever', cookie: 'a=b' },
        request: { options: { deeper: { refreshToken: 'short' } } },
      },
      'settings',
    );
    expect(lines()[0]).toMatchObject({
      password: '[redacted]',
      token: '[redacted]',
      config: { clientSecret: '[redacted]', BOT_PASSWORD: '[redacted]', DATABASE_URL: '[redacted]' },
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
      request: { options: { deeper: { refreshToken: '[redacted]' } } },
    });
  });
});

describe('ordinary fields', () => {
  it.each(lookAlikes)('keeps a look-alike as it is: $kind', ({ text }) => {
    const { log, lines } = capture();
    log.info({ detail: text, tokens: 1234, intent: 'user-risk' }, text);
    expect(lines()[0]).toMatchObject({ msg: text, detail: text, tokens: 1234, intent: 'user-risk' });
  });

  it('keeps dates, numbers and booleans, and leaves the logged object unchanged', () => {
    const { log, lines } = capture();
    const logged = { at: new Date('2026-11-21T09:00:00Z'), ms: 12, ok: true, note: 'password=Vx7kQ2mZp9' };
    log.info(logged, 'done');
    expect(lines()[0]).toMatchObject({
      at: '2026-11-21T09:00:00.000Z',
      ms: 12,
      ok: true,
      note: 'password=[redacted]',
    });
    expect(logged.note).toBe('password=Vx7kQ2mZp9');
  });

  it('keeps an error readable: its type, message and stack, without the secret', () => {
    const { log, lines } = capture();
    log.error(
      { err: new TypeError('bad token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGVsZSJ9.c2lnbmF0dXJlLXNpZw') },
      'failed',
    );
    const err = lines()[0]!.err as { type: string; message: string; stack: string };
    expect(err.type).toBe('TypeError');
    expect(err.message).toBe('bad token [redacted token]');
    expect(err.stack).toMatch(/^TypeError: bad token \[redacted token\]\n\s+at /);
  });
});
