/**
 * What counts as an indicator: valid IPs, domains, URLs, hashes and CVEs in one canonical form; malformed ones
 * refused with a reason; internal addresses and names recognised as internal (never for a source); and the
 * word-level test that tells `evil-login.xyz` from `adele.vance` and `powershell.exe`.
 */
import { describe, expect, it } from 'vitest';
import {
  addressScope,
  indicatorSchema,
  indicatorValueSchema,
  looksLikeDomainName,
  readCve,
  readDomain,
  readHash,
  readIndicator,
  readIp,
  readUrl,
  tenantIndicatorSchema,
} from '../../../../src/plugins/threat-intel/indicator.js';

const NOW = new Date('2025-06-11T15:00:00Z');

describe('IP addresses', () => {
  it.each([
    ['185.220.101.4', 'public'],
    ['8.8.8.8', 'public'],
    ['192.0.2.66', 'public'],
    ['2001:db8::1', 'public'],
    ['10.0.0.5', 'private'],
    ['172.16.4.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.10.1', 'link-local'],
    ['100.64.1.1', 'shared'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
  ])('reads %s as %s', (ip, scope) => {
    expect(addressScope(ip)).toBe(scope);
    const reading = readIp(ip);
    expect(reading.ok && reading.scope).toBe(scope);
  });

  it.each(['999.1.1.1', '1.2.3', '1.2.3.4.5', '185.220.101.4/24', ' ', 'localhost', '1.2.3.4; rm -rf /'])(
    'refuses %j',
    (text) => {
      expect(readIp(text)).toEqual({ ok: false, reason: 'is not an IP address' });
    },
  );

  it('lower-cases IPv6 and drops a zone', () => {
    expect(readIp('FE80::1%eth0')).toMatchObject({ ok: true, indicator: { value: 'fe80::1' } });
  });
});

describe('domains', () => {
  it('writes a domain in lower case without its trailing dot, and an IDN as punycode', () => {
    expect(readDomain('Evil-Login.XYZ.')).toMatchObject({
      ok: true,
      indicator: { kind: 'domain', value: 'evil-login.xyz' },
      scope: 'public',
    });
    expect(readDomain('münchen.de')).toMatchObject({ ok: true, indicator: { value: 'xn--mnchen-3ya.de' } });
  });

  it.each([
    'contoso.local',
    'dc01.corp',
    'fs.internal',
    'printer.home.arpa',
    'nas.lan',
    '4.3.2.1.in-addr.arpa',
  ])('calls %s an internal name', (name) => {
    expect(readDomain(name)).toMatchObject({ ok: true, scope: 'internal-name' });
  });

  it.each([
    ['nodot', 'single label'],
    ['-bad.com', 'label starting with a hyphen'],
    ['bad-.com', 'label ending with a hyphen'],
    ['a..b.com', 'empty label'],
    ['evil.c0m', 'digits in the top-level domain'],
    ['under_score.com', 'underscore'],
    [`${'a'.repeat(64)}.com`, 'label of 64 characters'],
    [`${'abcdefghi.'.repeat(26)}com`, 'over 253 characters'],
  ])('refuses %j (%s)', (text) => {
    expect(readDomain(text).ok).toBe(false);
  });
});

describe('URLs', () => {
  it('writes a URL as WHATWG does, without its fragment', () => {
    expect(readUrl('HTTPS://Msft-Update-CDN.example/wupd.ps1#x')).toMatchObject({
      ok: true,
      indicator: { kind: 'url', value: 'https://msft-update-cdn.example/wupd.ps1' },
      scope: 'public',
    });
  });

  it("gives a URL on an internal host the host's scope", () => {
    expect(readUrl('http://10.1.2.3/admin')).toMatchObject({ ok: true, scope: 'private' });
    expect(readUrl('https://intranet.contoso.local/')).toMatchObject({ ok: true, scope: 'internal-name' });
  });

  it.each([
    ['ftp://evil.example/x', 'is not an http or https URL'],
    ['javascript:alert(1)', 'is not an http or https URL'],
    [
      'https://user:hunter2@evil.example/',
      'carries a user name or password; remove them before looking the URL up',
    ],
    ['not a url', 'is not a URL'],
    [
      'https://evil_host.example/',
      'has a host that is not a domain name (letters, digits and hyphens in dot-separated labels)',
    ],
  ])('refuses %j', (text, reason) => {
    expect(readUrl(text)).toEqual({ ok: false, reason });
  });

  it('refuses a URL longer than 2048 characters without parsing it', () => {
    expect(readUrl(`https://evil.example/${'a'.repeat(3000)}`)).toEqual({
      ok: false,
      reason: 'is longer than 2048 characters, too long to be a URL Ward looks up',
    });
  });
});

describe('hashes and CVEs', () => {
  it('reads MD5, SHA-1 and SHA-256 in lower case', () => {
    expect(readHash('44D88612FEA8A8F36DE82E1278ABB02F')).toMatchObject({
      ok: true,
      indicator: { value: '44d88612fea8a8f36de82e1278abb02f' },
    });
    expect(readHash('a'.repeat(40)).ok).toBe(true);
    expect(readHash('b'.repeat(64)).ok).toBe(true);
  });

  it.each(['a'.repeat(31), 'a'.repeat(33), 'a'.repeat(63), 'g'.repeat(64), 'a'.repeat(128), ''])(
    'refuses hash %j',
    (text) => {
      expect(readHash(text).ok).toBe(false);
    },
  );

  it('reads CVE ids in upper case', () => {
    expect(readCve('cve-2024-3400', NOW)).toMatchObject({
      ok: true,
      indicator: { kind: 'cve', value: 'CVE-2024-3400' },
    });
    expect(readCve('CVE-2021-44228', NOW).ok).toBe(true);
    expect(readCve('CVE-2024-1234567', NOW).ok).toBe(true);
  });

  it.each([
    'CVE-2024-123',
    'CVE-1998-0001',
    'CVE-2999-1234',
    'CVE-2024-03400',
    'CVE-24-3400',
    'CVE-2024-12345678',
    'CVE_2024_3400',
  ])('refuses CVE %j', (text) => {
    expect(readCve(text, NOW).ok).toBe(false);
  });
});

describe('input schemas', () => {
  it('refuses an internal indicator for a source, saying why, and accepts it for the tenant', () => {
    const source = indicatorValueSchema('ip').safeParse('10.0.0.5');
    expect(source.success).toBe(false);
    expect(source.error?.issues[0]?.message).toBe(
      '10.0.0.5 is a private (internal) address: threat intelligence only knows public indicators',
    );
    expect(tenantIndicatorSchema.parse({ kind: 'ip', value: '10.0.0.5' })).toEqual({
      kind: 'ip',
      value: '10.0.0.5',
    });
  });

  it('canonicalises what it accepts', () => {
    expect(indicatorSchema.parse({ kind: 'domain', value: 'EVIL-LOGIN.XYZ' })).toEqual({
      kind: 'domain',
      value: 'evil-login.xyz',
    });
    expect(indicatorSchema.parse({ kind: 'cve', value: 'cve-2024-3400' })).toEqual({
      kind: 'cve',
      value: 'CVE-2024-3400',
    });
  });

  it('refuses oversized input before reading it', () => {
    const huge = 'a'.repeat(100_000);
    expect(indicatorValueSchema('domain').safeParse(huge).success).toBe(false);
    expect(readIndicator('url', huge)).toEqual({ ok: false, reason: 'is too long to be an indicator' });
  });

  it('never throws on any text', () => {
    for (const kind of ['ip', 'domain', 'url', 'hash', 'cve'] as const) {
      for (const text of ['', ' ', '\u0000', '%%%', '[::1]', '😀.com', 'http://[::1', `${'.'.repeat(300)}`]) {
        expect(() => readIndicator(kind, text)).not.toThrow();
      }
    }
  });
});

describe('what reads as a domain in a chat message', () => {
  it.each([
    'evil-login.xyz',
    'msft-update-cdn.example',
    'micros0ft-login.com',
    'login.contoso-support.co.uk',
    'evil.co.rs',
    'bit.ly',
  ])('%s is a domain', (word) => {
    expect(looksLikeDomainName(word)).toBe(true);
  });

  it.each([
    'adele.vance',
    'powershell.exe',
    'wupd.ps1',
    'script.py',
    'readme.md',
    'main.rs',
    'run.sh',
    'v1.2',
    'e.g',
    'adele.vance@contoso.com',
    '185.220.101.4',
  ])('%s is not', (word) => {
    expect(looksLikeDomainName(word)).toBe(false);
  });
});
