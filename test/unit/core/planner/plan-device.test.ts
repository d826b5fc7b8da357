/**
 * Device questions through the rules planner: the real pipeline up to the plan (entities → intent → ledger →
 * lazy user resolution), the in-memory Entra plugin of planner-fixtures.ts, and the real Intune plugin on an
 * in-memory Graph. Covers a device by name, a person's laptop, a person's devices, the non-compliant list,
 * follow-ups on a device, people and devices that do not exist or are ambiguous, and every source failing in
 * turn: the answer says what failed, never throws. No mocks of Ward's code.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../../src/core/answer.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import type { RememberedTurn } from '../../../../src/core/memory/conversation-memory.js';
import type { IntentResult } from '../../../../src/core/planner/classify-intent.js';
import { createRulesPlanner } from '../../../../src/core/planner/rules-planner.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { postprocess } from '../../../../src/core/postprocess.js';
import { createIntunePlugin } from '../../../../src/plugins/intune/intune-plugin.js';
import { type FakeIntuneTenant, fakeGraph } from '../../plugins/intune/fake-graph.js';
import {
  ADELE_ID,
  ADELE_LAPTOP_ID,
  DIEGO_ID,
  DIEGO_LAPTOP_ID,
  DIEGO_PHONE_ID,
  daysAgo,
  diegoLaptop,
  diegoPhone,
  diegoPolicies,
  managedDevice,
} from '../../plugins/intune/fixtures.js';
import { ask, draftOf, fakeEntraPlugin, healthyUser, NOW, type Tenant } from './planner-fixtures.js';

const diego = () => healthyUser(DIEGO_ID, 'Diego Siciliani', 'diego.siciliani@contoso.com');
const adele = () => healthyUser(ADELE_ID, 'Adele Vance', 'adele.vance@contoso.com');
const fleetMate = (index: number, osVersion: string) =>
  managedDevice({
    id: `f0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    deviceName: `DESKTOP-F${index}`,
    userId: null,
    userPrincipalName: null,
    userDisplayName: null,
    osVersion,
  });

function intuneTenant(overrides: Partial<FakeIntuneTenant> = {}): FakeIntuneTenant {
  return {
    devices: [
      managedDevice(),
      diegoLaptop(),
      diegoPhone(),
      fleetMate(1, '10.0.22631.4602'),
      fleetMate(2, '10.0.22631.4460'),
    ],
    states: { [DIEGO_LAPTOP_ID]: diegoPolicies(), [ADELE_LAPTOP_ID]: [], [DIEGO_PHONE_ID]: [] },
    ...overrides,
  };
}

async function plan(
  text: string,
  options: {
    entra?: Tenant;
    intune?: Partial<FakeIntuneTenant>;
    history?: RememberedTurn[];
    intent?: IntentResult;
  } = {},
) {
  const { plugin: entra, calls } = fakeEntraPlugin(options.entra ?? { users: [diego(), adele()] });
  const fake = fakeGraph(intuneTenant(options.intune));
  const registry = createPluginRegistry([entra, createIntunePlugin({ graph: fake.graph, now: () => NOW })]);
  const signal = new AbortController().signal;
  const ledger = createSkillLedger({ registry, signal });
  const { outcome } = await ask(createRulesPlanner(), text, ledger, signal, {
    history: options.history,
    intent: options.intent,
  });
  const refs = ledger.sources().map((source) => `${source.plugin}.${source.skill}`);
  const final = (): Answer =>
    postprocess(draftOf(outcome), { groundedTargets: new Set(), skillCalls: ledger.count() });
  return { outcome, ledger, refs, calls, graphRequests: fake.requests, final };
}

function remembered(subject: RememberedTurn['subject']): RememberedTurn[] {
  return [
    {
      at: new Date(NOW.getTime() - 60_000),
      question: 'earlier',
      intent: 'device',
      title: 'earlier answer',
      summary: 'earlier answer',
      subject,
    },
  ];
}

describe("a person's laptop: is Diego's laptop compliant?", () => {
  it('resolves Diego, picks his laptop from his devices, and reads why it is not compliant', async () => {
    const { outcome, refs, final } = await plan("is Diego's laptop compliant?");
    expect(refs).toEqual([
      'entra.findUsers',
      'intune.userDevices',
      'intune.deviceCompliance',
      'intune.osVersions',
    ]);
    const draft = draftOf(outcome);
    expect(draft).toMatchObject({
      intent: 'device',
      title: 'DESKTOP-DIEGO01: Non-compliant — BitLocker off, OS out of date',
      riskLevel: 'medium',
      planner: 'rules',
      subject: { kind: 'device', id: DIEGO_LAPTOP_ID, displayName: 'DESKTOP-DIEGO01' },
    });
    expect(draft.summary).toContain('3 of 4 Windows 10.0.22631 devices in the tenant run a newer version');
    const answer = final();
    expect(answer.partial).toBe(false);
    expect(answer.proposedActions).toEqual([]);
  });

  it('cites each finding and table to the call it rests on', async () => {
    const draft = draftOf((await plan("is Diego's laptop compliant?")).outcome);
    expect(draft.findings?.map((finding) => [finding.title, finding.citations])).toEqual([
      ['BitLocker is off (the disk is not encrypted)', ['S3']],
      ["OS version 10.0.22631.4169 is below the policy's minimum", ['S3', 'S4']],
    ]);
    expect(draft.evidence?.map((table) => [table.title, table.citations])).toEqual([
      ['Compliance settings', ['S3']],
    ]);
    expect(draft.remediation?.map((step) => step.title)).toEqual([
      'Turn on BitLocker',
      'Install the latest OS updates',
      'Sync the device, then check it again',
    ]);
    expect(draft.remediation?.every((step) => step.action === undefined)).toBe(true);
  });

  it('answers about the phone for "Diego\'s phone", without reading the fleet', async () => {
    const { outcome, refs } = await plan("is Diego's phone compliant?");
    expect(draftOf(outcome)).toMatchObject({ title: "Diego's iPhone: Compliant", riskLevel: 'none' });
    expect(refs).toEqual(['entra.findUsers', 'intune.userDevices', 'intune.deviceCompliance']);
  });

  it('shows all of a person’s devices when the kind asked about matches none', async () => {
    const draft = draftOf((await plan("is Diego's tablet compliant?")).outcome);
    expect(draft.summary).toMatch(/^Intune manages no tablet for Diego Siciliani\. Intune manages 2 devices/);
  });

  it.each([
    "diego's device - is bitlocker on?",
    'is BitLocker enabled on Diego’s device?',
    "diego's devices: tpm ok?",
  ])('reads a Windows-only setting as the Windows device: "%s"', async (question) => {
    const draft = draftOf((await plan(question)).outcome);
    expect(draft.subject).toMatchObject({
      kind: 'device',
      id: DIEGO_LAPTOP_ID,
      displayName: 'DESKTOP-DIEGO01',
    });
    expect(draft.findings?.[0]?.title).toBe('BitLocker is off (the disk is not encrypted)');
  });

  it('reads "jailbroken" as the iPhone, and says so when the person has no device of that platform', async () => {
    expect(draftOf((await plan("is Diego's device jailbroken?")).outcome).title).toBe(
      "Diego's iPhone: Compliant",
    );
    const draft = draftOf((await plan("is FileVault on for Diego's device?")).outcome);
    expect(draft.summary).toMatch(
      /^Intune manages no macOS device for Diego Siciliani\. Intune manages 2 devices/,
    );
  });
});

describe("a person's devices", () => {
  it('tables them with why the non-compliant ones fail, about the person', async () => {
    const { outcome, refs } = await plan('what devices does diego use');
    expect(refs).toEqual(['entra.findUsers', 'intune.userDevices', 'intune.deviceCompliance']);
    const draft = draftOf(outcome);
    expect(draft).toMatchObject({
      title: "Diego Siciliani's devices: 1 non-compliant",
      riskLevel: 'medium',
      subject: { kind: 'user', id: DIEGO_ID },
    });
    expect(draft.summary).toContain('1 is not compliant: DESKTOP-DIEGO01 (BitLocker off, OS out of date).');
    expect(draft.findings?.[0]).toMatchObject({
      title: 'DESKTOP-DIEGO01 is non-compliant: BitLocker off, OS out of date',
      citations: ['S2', 'S3'],
    });
    expect(draft.evidence?.[0]?.rows).toEqual([
      [
        'DESKTOP-DIEGO01',
        'Diego Siciliani (diego.siciliani@contoso.com)',
        'Windows 10.0.22631.4169',
        'noncompliant',
        'no',
        '2 d ago',
      ],
      [
        "Diego's iPhone",
        'Diego Siciliani (diego.siciliani@contoso.com)',
        'iOS 18.1.1',
        'compliant',
        'yes',
        '1 h ago',
      ],
    ]);
    expect(draft.followUps).toEqual([
      'is DESKTOP-DIEGO01 compliant?',
      "is Diego's iPhone compliant?",
      'is diego.siciliani@contoso.com compromised?',
    ]);
  });

  it('sums up a person with many non-compliant devices within the answer’s bounds', async () => {
    const many = Array.from({ length: 40 }, (_, index) =>
      diegoLaptop({
        id: `c0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        deviceName: `DESKTOP-D${String(index).padStart(2, '0')}`,
        lastSyncDateTime: daysAgo(index / 24 + 0.01),
      }),
    );
    const { outcome, final } = await plan('what devices does diego use', { intune: { devices: many } });
    const draft = draftOf(outcome);
    expect(draft.title).toBe("Diego Siciliani's devices: 40 non-compliant");
    expect(draft.findings?.map((finding) => finding.title).at(-1)).toBe('37 more non-compliant devices');
    const answer = final();
    expect(answer.findings).toHaveLength(4);
    expect(answer.evidence[0]?.rows).toHaveLength(25);
  });

  it('looks a UPN up directly', async () => {
    const { refs, outcome } = await plan("show adele.vance@contoso.com's devices");
    expect(refs).toEqual(['entra.user', 'intune.userDevices', 'intune.deviceCompliance']);
    // Adele has one device: the answer is about it.
    expect(draftOf(outcome).title).toBe('DESKTOP-ADELE01: Compliant');
  });

  it('says so when the person has no managed device', async () => {
    const draft = draftOf(
      (await plan('what devices does diego use', { intune: { devices: [managedDevice()] } })).outcome,
    );
    expect(draft).toMatchObject({ title: 'Diego Siciliani: no managed devices', riskLevel: 'unknown' });
    expect(draft.findings?.[0]?.citations).toEqual(['S2']);
  });

  it('asks which person when the name matches several', async () => {
    const diegoTwo = healthyUser(
      '99999999-8888-4777-8666-555555555555',
      'Diego Ramirez',
      'diego.ramirez@contoso.com',
    );
    const { outcome, refs } = await plan("is diego's laptop compliant?", {
      entra: { users: [diego(), diegoTwo] },
    });
    expect(outcome).toMatchObject({
      kind: 'help',
      reason: 'Several users match "diego". Which one did you mean?',
    });
    expect(outcome.kind === 'help' && outcome.candidates?.length).toBe(2);
    expect(refs).toEqual(['entra.findUsers']);
  });

  it('says it found nobody by that name', async () => {
    const { outcome } = await plan("is Zebulon's laptop compliant?");
    expect(outcome).toMatchObject({
      kind: 'help',
      reason: expect.stringContaining('couldn\'t find a user matching "Zebulon"'),
    });
  });

  it('says the directory failed when the person cannot be looked up', async () => {
    const { outcome } = await plan("is Diego's laptop compliant?", {
      entra: { users: [diego()], failing: new Set(['findUsers']) },
    });
    expect(draftOf(outcome)).toMatchObject({ title: 'Could not look up Diego', riskLevel: 'unknown' });
  });
});

describe('a device named in the question', () => {
  it('answers about it (Graph compares names case-insensitively)', async () => {
    const { outcome, refs, graphRequests } = await plan('is desktop-adele01 compliant?');
    expect(refs).toEqual(['intune.device', 'intune.deviceCompliance']);
    expect(graphRequests[0]).toContain("deviceName eq 'desktop-adele01'");
    expect(draftOf(outcome)).toMatchObject({ title: 'DESKTOP-ADELE01: Compliant', riskLevel: 'none' });
  });

  it('gives help when Intune manages no device by that name', async () => {
    const { outcome } = await plan('is DESKTOP-NOPE99 compliant?');
    expect(outcome).toMatchObject({
      kind: 'help',
      reason: expect.stringMatching(/^Intune manages no device named "DESKTOP-NOPE99"\./),
    });
  });

  it('tables the devices when several share the name', async () => {
    const twin = diegoLaptop({
      id: '12121212-3434-4565-8787-909090909090',
      userDisplayName: 'Old Diego',
      complianceState: 'compliant',
    });
    const draft = draftOf(
      (await plan('is DESKTOP-DIEGO01 compliant?', { intune: { devices: [diegoLaptop(), twin] } })).outcome,
    );
    expect(draft.title).toBe('2 devices named DESKTOP-DIEGO01: 1 non-compliant');
    expect(draft.evidence?.[0]?.rows).toHaveLength(2);
  });

  it('answers "is it vulnerable to <CVE>?" about the device the thread was about: unknown, and where to check', async () => {
    // The orchestrator reads "it" as the remembered device: a device question.
    const { refs, outcome } = await plan('is it vulnerable to CVE-2024-3400?', {
      history: remembered({ kind: 'device', id: DIEGO_LAPTOP_ID, displayName: 'DESKTOP-DIEGO01' }),
      intent: { intent: 'device', reason: 'follow-up on device DESKTOP-DIEGO01' },
    });
    const draft = draftOf(outcome);
    expect(draft).toMatchObject({
      intent: 'device',
      title: 'DESKTOP-DIEGO01: exposure to CVE-2024-3400 unknown',
      subject: { kind: 'device', id: DIEGO_LAPTOP_ID },
    });
    expect(refs).toContain('intune.device');
    expect(draft.remediation?.[0]?.title).toBe('Check DESKTOP-DIEGO01 in Defender Vulnerability Management');
  });

  it("answers about a person's one laptop and a CVE without looking the device up again", async () => {
    const { refs, outcome } = await plan("is Diego's laptop vulnerable to CVE-2024-3400?");
    expect(draftOf(outcome).title).toBe('DESKTOP-DIEGO01: exposure to CVE-2024-3400 unknown');
    expect(refs).not.toContain('intune.device');
    expect(refs).not.toContain('intune.deviceCompliance');
  });

  it('answers a follow-up ("is it encrypted?") about the device the thread was about, by its id', async () => {
    const { refs, graphRequests, outcome } = await plan('is it encrypted?', {
      history: remembered({ kind: 'device', id: DIEGO_LAPTOP_ID, displayName: 'DESKTOP-DIEGO01' }),
    });
    expect(refs[0]).toBe('intune.device');
    expect(graphRequests[0]).toMatch(new RegExp(`^/deviceManagement/managedDevices/${DIEGO_LAPTOP_ID}\\?`));
    expect(draftOf(outcome).title).toMatch(/^DESKTOP-DIEGO01: Non-compliant/);
  });

  it('answers a follow-up about a device another source named by something else than a GUID, by its name', async () => {
    const { graphRequests } = await plan('is it compliant?', {
      history: remembered({
        kind: 'device',
        id: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2',
        displayName: 'DESKTOP-ADELE01',
      }),
    });
    expect(graphRequests[0]).toContain("deviceName eq 'DESKTOP-ADELE01'");
  });
});

describe('no device or person named: the non-compliant devices', () => {
  it('lists them, counts them and points at the unencrypted and silent ones', async () => {
    const silent = diegoLaptop({
      id: '34343434-5656-4787-8989-010101010101',
      deviceName: 'DESKTOP-SILENT',
      lastSyncDateTime: daysAgo(12),
      isEncrypted: true,
    });
    const { outcome, refs } = await plan('show non-compliant devices', {
      intune: { devices: [managedDevice(), diegoLaptop(), silent] },
    });
    expect(refs).toEqual(['intune.nonCompliantDevices']);
    const draft = draftOf(outcome);
    expect(draft).toMatchObject({ title: '2 non-compliant devices', riskLevel: 'medium' });
    expect(draft.findings?.map((finding) => finding.title)).toEqual([
      '2 devices fail their compliance policies',
      '1 not encrypted',
      '1 without a check-in for 7 days or more',
    ]);
    expect(draft.evidence?.[0]?.rows.map((row) => row[0])).toEqual(['DESKTOP-DIEGO01', 'DESKTOP-SILENT']);
    expect(draft.followUps).toEqual(['is DESKTOP-DIEGO01 compliant?', 'is DESKTOP-SILENT compliant?']);
  });

  it('counts all of them but lists the 25 most recently active when there are more', async () => {
    const many = Array.from({ length: 30 }, (_, index) =>
      diegoLaptop({
        id: `d0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        deviceName: `DESKTOP-M${String(index).padStart(2, '0')}`,
        lastSyncDateTime: daysAgo(index / 2 + 0.1),
      }),
    );
    const { outcome, final } = await plan('show non-compliant devices', { intune: { devices: many } });
    const draft = draftOf(outcome);
    expect(draft.title).toBe('30 non-compliant devices');
    expect(draft.summary).toContain('The 25 most recently active are listed.');
    expect(draft.findings?.map((finding) => finding.title)).toEqual([
      '30 devices fail their compliance policies',
      '30 not encrypted',
      '16 without a check-in for 7 days or more',
    ]);
    expect(draft.findings?.[2]?.detail).toMatch(/^Among the 25 listed: DESKTOP-M14, /);
    expect(final().evidence[0]?.rows).toHaveLength(25);
  });

  it('says when none are non-compliant', async () => {
    const draft = draftOf(
      (await plan('which devices are noncompliant', { intune: { devices: [managedDevice()] } })).outcome,
    );
    expect(draft).toMatchObject({ title: 'No non-compliant devices', riskLevel: 'none' });
  });
});

describe('when Intune fails', () => {
  it("says Intune was unavailable for a person's devices: a partial answer, not an exception", async () => {
    const { outcome, final } = await plan("is Diego's laptop compliant?", {
      intune: { failing: [/managedDevices/] },
    });
    const draft = draftOf(outcome);
    expect(draft.title).toBe("Diego Siciliani's devices: Intune unavailable");
    expect(draft.summary).toBe(
      "Microsoft Intune was unavailable: Microsoft Graph failed (503) after retries. Ward could not read Diego Siciliani's devices; try again in a minute.",
    );
    expect(final().partial).toBe(true);
  });

  it('says so for a named device', async () => {
    const draft = draftOf(
      (await plan('is DESKTOP-DIEGO01 compliant?', { intune: { failing: [/managedDevices/] } })).outcome,
    );
    expect(draft.title).toBe('DESKTOP-DIEGO01: Intune unavailable');
  });

  it('says so for the non-compliant list', async () => {
    const draft = draftOf(
      (await plan('show non-compliant devices', { intune: { failing: [/managedDevices/] } })).outcome,
    );
    expect(draft.title).toBe('Non-compliant devices: Intune unavailable');
  });

  it('still answers from the device record when its compliance states fail, and marks the answer partial', async () => {
    const { outcome, final } = await plan('is DESKTOP-DIEGO01 compliant?', {
      intune: { failing: [/deviceCompliancePolicyStates/] },
    });
    expect(draftOf(outcome).title).toBe('DESKTOP-DIEGO01: Non-compliant — reasons unavailable');
    const answer = final();
    expect(answer.partial).toBe(true);
    expect(answer.sources.find((source) => !source.ok)?.skill).toBe('deviceCompliance');
  });

  it('still gives the reasons when only the fleet comparison fails', async () => {
    const { outcome, final } = await plan('is DESKTOP-DIEGO01 compliant?', {
      intune: { failing: [/operatingSystem eq/] },
    });
    const draft = draftOf(outcome);
    expect(draft.title).toBe('DESKTOP-DIEGO01: Non-compliant — BitLocker off, OS out of date');
    const answer = final();
    expect(answer.partial).toBe(true);
    // Without the fleet, the OS finding rests on the compliance states alone.
    expect(answer.findings[1]?.citations).toEqual(['S2']);
  });
});
