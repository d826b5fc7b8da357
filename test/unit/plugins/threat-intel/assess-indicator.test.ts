/**
 * The verdict on an indicator comes from the source's data: enough engines flagging it make it malicious,
 * weaker signals suspicious, many engines and none flagging it clean; no record, or too few engines, is
 * unknown ("no intelligence on it"), never clean. A CVE's urgency comes from CVSS, CISA KEV and EPSS, and a
 * missing source leaves what the other said.
 */
import { describe, expect, it } from 'vitest';
import {
  assessReputation,
  assessVulnerability,
  formatPercentile,
  formatProbability,
  worstLevel,
  worstVerdict,
} from '../../../../src/plugins/threat-intel/assess-indicator.js';
import {
  type Detections,
  notFoundReport,
  type ReputationReport,
} from '../../../../src/plugins/threat-intel/reputation-report.js';
import type {
  EpssReport,
  VulnerabilityReport,
} from '../../../../src/plugins/threat-intel/vulnerability-report.js';

const NOW = new Date('2025-06-11T15:00:00Z');
const IP = { kind: 'ip' as const, value: '185.220.101.4' };

function detections(malicious: number, suspicious: number, harmless: number, undetected: number): Detections {
  return {
    malicious,
    suspicious,
    harmless,
    undetected,
    engines: malicious + suspicious + harmless + undetected,
  };
}

function report(overrides: Partial<ReputationReport>): ReputationReport {
  return {
    indicator: IP,
    source: 'VirusTotal',
    found: true,
    tags: [],
    categories: [],
    threatNames: [],
    ...overrides,
  };
}

describe('reputation verdicts', () => {
  it('calls it malicious when five or more engines flag it, and says how many', () => {
    const result = assessReputation(
      report({ detections: detections(9, 2, 57, 26), reputation: -31, tags: ['tor'] }),
      NOW,
    );
    expect(result.verdict).toBe('malicious');
    expect(result.level).toBe('high');
    expect(result.reasons).toEqual([
      '9 of 94 engines flag it malicious',
      '2 of 94 flag it suspicious',
      'community score -31',
      'tagged "tor" (an anonymising network)',
    ]);
  });

  it('calls two engines malicious when the community or a category agrees', () => {
    expect(
      assessReputation(report({ detections: detections(2, 0, 60, 30), reputation: -3 }), NOW).verdict,
    ).toBe('malicious');
    expect(
      assessReputation(report({ detections: detections(2, 0, 60, 30), categories: ['phishing'] }), NOW)
        .verdict,
    ).toBe('malicious');
    expect(
      assessReputation(report({ detections: detections(2, 0, 60, 30), reputation: 5 }), NOW).verdict,
    ).toBe('suspicious');
  });

  it.each([
    ['one engine', { detections: detections(1, 0, 60, 30) }],
    ['two engines say suspicious', { detections: detections(0, 2, 60, 30) }],
    ['a Tor exit tag alone', { detections: detections(0, 0, 60, 30), tags: ['tor'] }],
    ['a bad community score', { detections: detections(0, 0, 60, 30), reputation: -15 }],
    [
      'a phishing category',
      { detections: detections(0, 0, 60, 30), categories: ['Phishing and other frauds'] },
    ],
    [
      'a domain registered 3 days ago',
      { detections: detections(0, 0, 60, 30), registered: '2025-06-08T15:00:00Z' },
    ],
  ])('calls it suspicious on %s', (_label, overrides) => {
    const result = assessReputation(report(overrides), NOW);
    expect(result.verdict).toBe('suspicious');
    expect(result.level).toBe('medium');
  });

  it('calls it clean only when enough engines looked and none flagged it', () => {
    const signed = report({
      detections: detections(0, 0, 0, 72),
      file: { names: ['powershell.exe'], signature: 'Signed · Microsoft Windows' },
    });
    expect(assessReputation(signed, NOW)).toEqual({
      verdict: 'clean',
      level: 'none',
      reasons: ['none of 72 engines flag it', 'signed (Signed · Microsoft Windows)'],
    });
  });

  it('calls a record too few engines analysed unknown, not clean', () => {
    expect(assessReputation(report({ detections: detections(0, 0, 3, 2) }), NOW)).toEqual({
      verdict: 'unknown',
      level: 'unknown',
      reasons: ['only 5 engines have analysed it, too few to call it clean'],
    });
    expect(assessReputation(report({}), NOW).reasons).toEqual(['VirusTotal has no analysis of it yet']);
  });

  it('calls no record "unknown": no intelligence is not safety', () => {
    expect(assessReputation(notFoundReport(IP, 'VirusTotal'), NOW)).toEqual({
      verdict: 'unknown',
      level: 'unknown',
      reasons: ['VirusTotal has no record of it'],
    });
  });

  it('orders verdicts and levels worst first, unknown least', () => {
    expect(worstVerdict(['clean', 'unknown', 'suspicious'])).toBe('suspicious');
    expect(worstVerdict([])).toBe('unknown');
    expect(worstLevel(['unknown', 'none', 'critical', 'high'])).toBe('critical');
    expect(worstLevel(['unknown', 'none'])).toBe('none');
  });
});

function nvd(overrides: Partial<VulnerabilityReport>): VulnerabilityReport {
  return { cve: 'CVE-2024-3400', found: true, weaknesses: [], references: [], ...overrides };
}

function epss(score: number, percentile: number): EpssReport {
  return { cve: 'CVE-2024-3400', found: true, score, percentile, date: '2025-06-11' };
}

describe('CVE urgency', () => {
  it('makes a critical, known exploited, likely exploited CVE critical and patch-first', () => {
    const result = assessVulnerability(
      nvd({
        cvss: { version: '3.1', score: 10, severity: 'critical' },
        knownExploited: { added: '2024-04-12', due: '2024-04-19' },
      }),
      epss(0.94339, 0.99959),
    );
    expect(result).toEqual({
      level: 'critical',
      knownExploited: true,
      patchFirst: true,
      reasons: [
        'CVSS 3.1 10.0 (critical)',
        "in CISA's Known Exploited Vulnerabilities catalog since 2024-04-12",
        'EPSS 94% chance of exploitation in 30 days (higher than 99.9% of CVEs)',
      ],
    });
  });

  it('raises a medium CVE to high when it is known exploited, or likely to be', () => {
    const medium = { cvss: { version: '3.1', score: 5.3, severity: 'medium' } };
    expect(
      assessVulnerability(nvd({ ...medium, knownExploited: { added: '2023-01-01' } }), undefined).level,
    ).toBe('high');
    expect(assessVulnerability(nvd(medium), epss(0.6, 0.98)).level).toBe('high');
    expect(assessVulnerability(nvd(medium), epss(0.2, 0.9)).level).toBe('medium');
    expect(assessVulnerability(nvd(medium), epss(0.01, 0.5))).toMatchObject({
      level: 'medium',
      patchFirst: false,
    });
  });

  it('keeps what one source said when the other failed', () => {
    expect(assessVulnerability(undefined, epss(0.94, 0.999))).toMatchObject({
      level: 'high',
      patchFirst: true,
    });
    expect(
      assessVulnerability(nvd({ cvss: { version: '3.1', score: 7.5, severity: 'high' } }), undefined),
    ).toMatchObject({
      level: 'high',
      patchFirst: false,
    });
  });

  it('is unknown when NVD has no record and FIRST has no score', () => {
    expect(
      assessVulnerability(
        { cve: 'CVE-2024-99999', found: false, weaknesses: [], references: [] },
        { cve: 'CVE-2024-99999', found: false },
      ),
    ).toEqual({
      level: 'unknown',
      knownExploited: false,
      patchFirst: false,
      reasons: ['NVD has no record of it'],
    });
  });

  it('writes probabilities and percentiles for people', () => {
    expect(formatProbability(0.94339)).toBe('94%');
    expect(formatProbability(0.01092)).toBe('1.1%');
    expect(formatProbability(0.0002)).toBe('<0.1%');
    expect(formatPercentile(0.99959)).toBe('99.9%');
    expect(formatPercentile(0.77231)).toBe('77%');
  });
});
