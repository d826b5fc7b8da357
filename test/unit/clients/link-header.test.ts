import { describe, expect, it } from 'vitest';
import { linkFromHeader } from '../../../src/clients/link-header.js';

describe('linkFromHeader', () => {
  const header =
    '<https://x.service-now.com/api/now/table/incident?sysparm_limit=1&sysparm_fields=number,state&sysparm_offset=0>;rel="first",' +
    '<https://x.service-now.com/api/now/table/incident?sysparm_limit=1&sysparm_fields=number,state&sysparm_offset=1>;rel="next",' +
    '<https://x.service-now.com/api/now/table/incident?sysparm_limit=1&sysparm_offset=549>;rel="last"';

  it('finds the link with a relation, commas inside URLs notwithstanding', () => {
    expect(linkFromHeader(header, 'next')).toBe(
      'https://x.service-now.com/api/now/table/incident?sysparm_limit=1&sysparm_fields=number,state&sysparm_offset=1',
    );
    expect(linkFromHeader(header, 'last')).toMatch(/sysparm_offset=549$/);
  });

  it('reads unquoted and multi-valued relations, and gives undefined when there is none', () => {
    expect(linkFromHeader('<https://a/b>; rel=next', 'next')).toBe('https://a/b');
    expect(linkFromHeader('<https://a/b>; rel="prev next"', 'next')).toBe('https://a/b');
    expect(linkFromHeader(header, 'prev')).toBeUndefined();
    expect(linkFromHeader(null, 'next')).toBeUndefined();
  });
});
