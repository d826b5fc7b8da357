import { describe, expect, it } from 'vitest';
import { relativeLink } from '../../../src/clients/relative-link.js';
import { SourceUnavailableError } from '../../../src/core/errors.js';

describe('relativeLink', () => {
  it('turns a link under the base URL into a path relative to it', () => {
    expect(
      relativeLink(
        'https://management.azure.com/subscriptions/s/providers/Microsoft.Security/assessments?api-version=2021-06-01&$skipToken=abc',
        'https://management.azure.com',
        'ARM',
      ),
    ).toBe('/subscriptions/s/providers/Microsoft.Security/assessments?api-version=2021-06-01&$skipToken=abc');
    expect(
      relativeLink('http://127.0.0.1:4211/arm/subscriptions?x=1', 'http://127.0.0.1:4211/arm', 'ARM'),
    ).toBe('/subscriptions?x=1');
  });

  it('refuses another host, another port, or a path outside the base', () => {
    for (const link of [
      'https://evil.example/subscriptions',
      'http://127.0.0.1:9999/arm/subscriptions',
      'http://127.0.0.1:4211/graph/v1.0/users',
    ]) {
      const base = link.startsWith('https') ? 'https://management.azure.com' : 'http://127.0.0.1:4211/arm';
      expect(() => relativeLink(link, base, 'ARM')).toThrow(SourceUnavailableError);
    }
  });
});
