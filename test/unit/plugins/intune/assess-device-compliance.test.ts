/**
 * The Intune device assessment, case by case: why a device is not compliant comes from its policy states
 * setting by setting (Diego's laptop: BitLocker off, OS below the minimum, and how far behind the rest of the
 * tenant), what a compliant device gets, what happens when the compliance source failed, the other states
 * (grace period, unknown, error), what the device record itself says (jailbreak, threat level, no check-in,
 * no encryption), settings Ward does not know or that conflict, and hostile setting names.
 */
import { describe, expect, it } from 'vitest';
import {
  assessDeviceCompliance,
  type DeviceComplianceEvidence,
  failingSettings,
  osVersionFailing,
} from '../../../../src/plugins/intune/assess-device-compliance.js';
import {
  daysAgo,
  defaultPolicy,
  diegoLaptop,
  diegoPhone,
  diegoPolicies,
  managedDevice,
  NOW,
  policyState,
  settingState,
  windowsBaseline,
  windowsFleet,
} from './fixtures.js';

function assess(overrides: Partial<DeviceComplianceEvidence> = {}) {
  return assessDeviceCompliance({
    device: diegoLaptop(),
    policies: diegoPolicies(),
    fleet: windowsFleet(),
    now: NOW,
    ...overrides,
  });
}

const fact = (assessment: ReturnType<typeof assess>, label: string) =>
  assessment.facts.find((entry) => entry.label === label)?.value;

describe("Diego's laptop: BitLocker off, OS below the minimum", () => {
  const assessment = assess();

  it('is non-compliant at medium risk, with both reasons in the verdict', () => {
    expect(assessment.complianceState).toBe('noncompliant');
    expect(assessment.riskLevel).toBe('medium');
    expect(assessment.verdict).toBe('Non-compliant — BitLocker off, OS out of date');
  });

  it('says why from the failing settings, each citing the compliance states', () => {
    expect(assessment.findings.map((finding) => [finding.title, finding.severity, finding.sources])).toEqual([
      ['BitLocker is off (the disk is not encrypted)', 'medium', ['compliance']],
      ["OS version 10.0.22631.4169 is below the policy's minimum", 'medium', ['compliance', 'fleet']],
    ]);
    expect(assessment.findings[0]?.detail).toContain(
      'Policy “Windows 11 - Compliance baseline”: setting BitLockerEnabled is nonCompliant, the device reports false.',
    );
  });

  it("compares the OS with the tenant's other builds of the same release line only", () => {
    // 24H2 (26100) devices are another release line: not counted as "newer".
    expect(assessment.findings[1]?.detail).toContain(
      '199 of 202 Windows 10.0.22631 devices in the tenant run a newer version; the newest is 10.0.22631.4602 (on 152 devices).',
    );
  });

  it('states owner, hardware, OS, encryption, last check-in and the grace period as facts', () => {
    expect(fact(assessment, 'Device')).toBe('DESKTOP-DIEGO01 · Dell Inc. Latitude 7420');
    expect(fact(assessment, 'Owner')).toBe('Diego Siciliani (diego.siciliani@contoso.com) · company-owned');
    expect(fact(assessment, 'Operating system')).toBe('Windows 10.0.22631.4169');
    expect(fact(assessment, 'Compliance')).toBe('noncompliant (grace period ended 15 d ago)');
    expect(fact(assessment, 'Encrypted')).toBe('no');
    expect(fact(assessment, 'Last check-in')).toBe('2026-11-22 10:00 UTC (2 d ago)');
    expect(fact(assessment, 'Serial number')).toBe('UCJB7BXTMRP2');
    expect(assessment.facts.every((entry) => entry.source === 'device')).toBe(true);
  });

  it('summarises in plain words, including that Conditional Access refuses it now', () => {
    expect(assessment.summary).toBe(
      "DESKTOP-DIEGO01 (Dell Inc. Latitude 7420, Windows 10.0.22631.4169), Diego Siciliani's company-owned device, is not compliant with its Intune compliance policies. " +
        "Why: BitLocker is off (the disk is not encrypted) and OS version 10.0.22631.4169 is below the policy's minimum. " +
        '199 of 202 Windows 10.0.22631 devices in the tenant run a newer version; the newest is 10.0.22631.4602 (on 152 devices). ' +
        'It last checked in with Intune 2 d ago; its grace period ended 15 d ago, so Conditional Access policies that require a compliant device refuse it.',
    );
  });

  it('orders remediation by the failing settings, then a sync, and names the build to reach', () => {
    expect(assessment.remediation.map((step) => step.title)).toEqual([
      'Turn on BitLocker',
      'Install the latest OS updates',
      'Sync the device, then check it again',
    ]);
    expect(assessment.remediation[1]?.detail).toContain('The newest build in the tenant is 10.0.22631.4602.');
    expect(assessment.remediation[2]?.detail).toContain('have Diego Siciliani sync it from Company Portal');
  });

  it('tables every setting, failing ones first', () => {
    const [table] = assessment.evidence;
    expect(table?.columns).toEqual(['Policy', 'Setting', 'State', 'Device reports']);
    expect(table?.source).toBe('compliance');
    expect(table?.rows).toHaveLength(10);
    expect(table?.rows.slice(0, 3)).toEqual([
      ['Windows 11 - Compliance baseline', 'BitLockerEnabled', 'nonCompliant', 'false'],
      ['Windows 11 - Compliance baseline', 'OsMinimumVersion', 'nonCompliant', '10.0.22631.4169'],
      ['Windows 11 - Compliance baseline', 'SecureBootEnabled', 'compliant', 'true'],
    ]);
  });

  it('gives prevention guidance for compliance, encryption and updates, and follow-ups about the owner', () => {
    expect(assessment.guidance).toHaveLength(3);
    expect(assessment.followUps).toEqual([
      "show diego.siciliani@contoso.com's devices",
      'is diego.siciliani@contoso.com compromised?',
      'show non-compliant devices',
    ]);
  });

  it('asks for the fleet only when an OS version setting fails', () => {
    expect(osVersionFailing(diegoPolicies())).toBe(true);
    expect(osVersionFailing([windowsBaseline({ BitLockerEnabled: 'false' })])).toBe(false);
    expect(osVersionFailing(undefined)).toBe(false);
  });
});

describe('the OS comparison with the fleet', () => {
  it('is left out when the fleet was not read', () => {
    const assessment = assess({ fleet: undefined });
    expect(assessment.findings[1]?.sources).toEqual(['compliance']);
    expect(assessment.summary).not.toContain('newer version');
    expect(assessment.remediation[1]?.detail).not.toContain('newest build');
  });

  it('says so when no device in the tenant runs a newer build', () => {
    const assessment = assess({
      fleet: windowsFleet({ versions: [{ version: '10.0.22631.4169', count: 3 }] }),
    });
    expect(assessment.findings[1]?.detail).toContain(
      'No Windows 10.0.22631 device in the tenant runs a newer version than 10.0.22631.4169.',
    );
  });

  it('says how many were read when the tenant has more devices than that', () => {
    const assessment = assess({ fleet: windowsFleet({ truncated: true, devicesRead: 1000 }) });
    expect(assessment.findings[1]?.detail).toContain(
      'in the tenant (of the first 1000 read) run a newer version',
    );
  });
});

describe('a compliant device', () => {
  const assessment = assess({ device: managedDevice(), policies: [windowsBaseline(), defaultPolicy()] });

  it('is compliant, with nothing to fix and no findings', () => {
    expect(assessment.riskLevel).toBe('none');
    expect(assessment.verdict).toBe('Compliant');
    expect(assessment.findings).toEqual([]);
    expect(assessment.remediation.map((step) => step.title)).toEqual(['No remediation needed']);
    expect(assessment.guidance).toEqual([]);
    expect(assessment.summary).toContain('is compliant with its Intune compliance policies.');
    expect(fact(assessment, 'Compliance')).toBe('compliant');
  });

  it('a phone gets the same treatment, and its owner type', () => {
    const phone = assess({ device: diegoPhone(), policies: [] });
    expect(phone.verdict).toBe('Compliant');
    expect(fact(phone, 'Owner')).toBe('Diego Siciliani (diego.siciliani@contoso.com) · personal');
    expect(phone.evidence).toEqual([]);
  });
});

describe('when the compliance states could not be read', () => {
  const assessment = assess({ policies: undefined, fleet: undefined });

  it('is still non-compliant at medium risk (the device record says so), with the reasons unknown', () => {
    expect(assessment.riskLevel).toBe('medium');
    expect(assessment.verdict).toBe('Non-compliant — reasons unavailable');
    expect(assessment.summary).toContain(
      'Its compliance policy states could not be read (source unavailable), so the reasons are unknown.',
    );
    expect(assessment.evidence).toEqual([]);
  });

  it('still reports what the device record shows: it is unencrypted', () => {
    expect(assessment.findings.map((finding) => [finding.title, finding.sources])).toEqual([
      ['Intune reports the device unencrypted', ['device']],
    ]);
  });
});

describe('other compliance states', () => {
  it('a device in its grace period says so, at the severity of what fails', () => {
    const assessment = assess({
      device: diegoLaptop({
        complianceState: 'inGracePeriod',
        complianceGracePeriodExpirationDateTime: daysAgo(-3),
      }),
      policies: [windowsBaseline({ ActiveFirewallRequired: 'false' })],
    });
    expect(assessment.verdict).toBe('Non-compliant (in grace period) — firewall off');
    expect(assessment.riskLevel).toBe('medium');
    expect(fact(assessment, 'Compliance')).toBe('inGracePeriod (grace period ends in 3 d)');
    expect(assessment.summary).not.toContain('refuse it');
  });

  it('a device in its grace period with only a low finding stays low', () => {
    const assessment = assess({
      device: diegoLaptop({ complianceState: 'inGracePeriod', isEncrypted: true }),
      policies: [
        policyState('Default Device Compliance Policy', [
          settingState('RequireRemainContact', 'nonCompliant', 'false'),
        ]),
      ],
    });
    expect(assessment.riskLevel).toBe('low');
  });

  it.each(['unknown', 'error', 'conflict', 'configManager', 'somethingNew'])(
    'compliance state "%s" is unknown risk, and says to check Intune',
    (state) => {
      const assessment = assess({
        device: managedDevice({ complianceState: state }),
        policies: [windowsBaseline()],
      });
      expect(assessment.riskLevel).toBe('unknown');
      expect(assessment.verdict).toBe(`Compliance ${state}`);
      expect(assessment.remediation[0]?.title).toBe('Check the device in the Intune admin center');
    },
  );

  it('a missing compliance state reads as unknown, not compliant', () => {
    expect(assess({ device: managedDevice({ complianceState: null }) }).verdict).toBe('Compliance unknown');
  });
});

describe('what the device record says besides compliance', () => {
  it('a jailbroken device is high risk', () => {
    const assessment = assess({
      device: diegoPhone({ jailBroken: 'True', complianceState: 'noncompliant' }),
      policies: [],
    });
    expect(assessment.riskLevel).toBe('high');
    expect(assessment.findings[0]).toMatchObject({
      title: 'The device is jailbroken or rooted',
      severity: 'high',
    });
  });

  it('a jailbreak reported by both the record and a setting is one finding', () => {
    const assessment = assess({
      device: diegoPhone({ jailBroken: 'True', complianceState: 'noncompliant' }),
      policies: [
        policyState('iOS baseline', [
          settingState('SecurityBlockJailbrokenDevices', 'nonCompliant', 'true', 'IosCompliancePolicy'),
        ]),
      ],
    });
    expect(assessment.findings.filter((finding) => /jailbroken/.test(finding.title))).toHaveLength(1);
    expect(assessment.verdict).toBe('Non-compliant — jailbroken or rooted');
  });

  it('a compliant device whose threat defense partner sees a high threat is high risk', () => {
    const assessment = assess({
      device: managedDevice({ partnerReportedThreatState: 'highSeverity' }),
      policies: [windowsBaseline()],
    });
    expect(assessment.riskLevel).toBe('high');
    expect(assessment.verdict).toBe('Compliant, with findings');
    expect(assessment.findings[0]?.title).toBe('The threat defense partner reports a high-severity threat');
  });

  it.each([
    [10, 'No check-in with Intune for 10 days', 'low'],
    [40, 'No check-in with Intune for 40 days', 'medium'],
  ])('a device silent for %i days is a finding', (days, title, severity) => {
    const assessment = assess({ device: managedDevice({ lastSyncDateTime: daysAgo(days) }), policies: [] });
    expect(assessment.findings).toEqual([
      expect.objectContaining({ title, severity, sources: ['device'], when: daysAgo(days) }),
    ]);
  });

  it('Intune\'s "never" (0001-01-01) is never checked in, not 2,000 years ago', () => {
    const assessment = assess({
      device: managedDevice({ lastSyncDateTime: '0001-01-01T00:00:00Z' }),
      policies: [],
    });
    expect(fact(assessment, 'Last check-in')).toBe('never');
    expect(assessment.findings[0]?.title).toBe('The device has never checked in with Intune');
  });

  it('an unencrypted laptop whose policies do not check encryption is a low finding', () => {
    const assessment = assess({ device: managedDevice({ isEncrypted: false }), policies: [defaultPolicy()] });
    expect(assessment.findings.map((finding) => [finding.title, finding.severity])).toEqual([
      ['Intune reports the device unencrypted', 'low'],
    ]);
    expect(assessment.riskLevel).toBe('none');
  });
});

describe('settings', () => {
  it('real-time protection off is high severity and makes the device high risk', () => {
    const assessment = assess({ policies: [windowsBaseline({ RtpEnabled: 'false' })] });
    expect(assessment.findings[0]).toMatchObject({
      title: 'Microsoft Defender Antivirus real-time protection is off',
      severity: 'high',
    });
    expect(assessment.riskLevel).toBe('high');
    expect(assessment.remediation[0]?.title).toBe('Turn real-time protection back on');
  });

  it('lists the most severe first and shortens a long verdict', () => {
    const assessment = assess({
      policies: [
        windowsBaseline({
          BitLockerEnabled: 'false',
          SecureBootEnabled: 'false',
          OsMinimumVersion: '10.0.22631.4169',
          DefenderEnabled: 'false',
          ActiveFirewallRequired: 'false',
        }),
      ],
    });
    expect(assessment.failing[0]?.name).toBe('DefenderEnabled');
    expect(assessment.verdict).toBe(
      'Non-compliant — Defender Antivirus off, BitLocker off, Secure Boot off and 2 more',
    );
  });

  it('describes a setting Ward does not know from its name, state and value', () => {
    const assessment = assess({
      policies: [policyState('Custom', [settingState('PasswordMinimumLength', 'nonCompliant', '4')])],
    });
    expect(assessment.findings[0]).toMatchObject({
      title: 'PasswordMinimumLength is nonCompliant (reports 4)',
      severity: 'low',
    });
    expect(assessment.remediation[0]?.title).toBe('Fix PasswordMinimumLength');
  });

  it('reads the name from `setting` when `settingName` is missing', () => {
    const setting = { ...settingState('BitLockerEnabled', 'nonCompliant', 'false'), settingName: null };
    expect(failingSettings([policyState('P', [setting])])[0]?.name).toBe('BitLockerEnabled');
  });

  it('merges a setting several policies report, naming each policy', () => {
    const [first] = failingSettings([
      windowsBaseline({ BitLockerEnabled: 'false' }),
      policyState('Finance devices', [settingState('BitLockerEnabled', 'nonCompliant', 'false')]),
    ]);
    expect(first?.policies).toEqual(['Windows 11 - Compliance baseline', 'Finance devices']);
    const assessment = assess({
      policies: [
        windowsBaseline({ BitLockerEnabled: 'false' }),
        policyState('Finance devices', [settingState('BitLockerEnabled', 'nonCompliant', 'false')]),
      ],
    });
    expect(assessment.findings).toHaveLength(1);
    expect(assessment.findings[0]?.detail).toContain(
      'Policies “Windows 11 - Compliance baseline”, “Finance devices”',
    );
  });

  it('says when settings conflict or could not be evaluated', () => {
    const assessment = assess({
      device: managedDevice({ complianceState: 'conflict' }),
      policies: [
        policyState('A', [settingState('PasscodeRequired', 'conflict', null)]),
        policyState('B', [{ ...settingState('FirewallEnabled', 'error', null), errorCode: 65_001 }]),
      ],
    });
    expect(assessment.findings.map((finding) => finding.title)).toEqual([
      'Setting PasscodeRequired is in conflict between policies',
      'Setting FirewallEnabled could not be evaluated (error 65001)',
    ]);
  });

  it('a non-compliant policy without setting detail is still a finding', () => {
    const assessment = assess({
      policies: [{ ...policyState('Opaque', []), state: 'nonCompliant', settingStates: null }],
    });
    expect(assessment.findings[0]?.title).toBe('Policy “Opaque” reports the device non-compliant');
    expect(assessment.evidence[0]?.rows).toEqual([['Opaque', '(policy)', 'nonCompliant', '']]);
  });

  it('a non-compliant device whose policies all pass says the state may be stale', () => {
    const assessment = assess({ device: diegoLaptop({ isEncrypted: true }), policies: [defaultPolicy()] });
    expect(assessment.findings[0]?.title).toBe(
      'Intune marks the device non-compliant without a failing setting',
    );
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'treats a setting named "%s" as unknown, never as an object property',
    (name) => {
      const assessment = assess({ policies: [policyState('P', [settingState(name, 'nonCompliant', 'x')])] });
      expect(assessment.findings[0]?.title).toBe(`${name} is nonCompliant (reports x)`);
    },
  );

  it('sums up beyond 30 findings and 12 remediation steps, keeping the worst severity', () => {
    const settings = Array.from({ length: 40 }, (_, index) =>
      settingState(`Custom${index}`, 'nonCompliant', 'x'),
    );
    const assessment = assess({
      device: diegoLaptop({ jailBroken: 'True' }),
      policies: [policyState('Big', settings)],
    });
    expect(assessment.findings).toHaveLength(30);
    expect(assessment.findings[29]).toMatchObject({ title: '13 more findings', severity: 'high' });
    expect(assessment.remediation.length).toBeLessThanOrEqual(12);
    expect(assessment.remediation.at(-2)?.title).toBe('Fix the remaining failing settings');
    expect(assessment.riskLevel).toBe('high');
  });

  it('tables at most 25 settings', () => {
    const settings = Array.from({ length: 40 }, (_, index) => settingState(`Setting${index}`));
    const assessment = assess({ device: managedDevice(), policies: [policyState('Big', settings)] });
    expect(assessment.evidence[0]?.rows).toHaveLength(25);
  });
});
