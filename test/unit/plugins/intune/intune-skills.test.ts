/**
 * The Intune plugin's skills against an in-memory Graph (the demo tenant's OData evaluator behind the real
 * GraphClient interface): what each asks Graph for ($filter with quoted literals, $select), what it returns,
 * and that input an analyst or a model could send (names with quotes, paths, filters, nonsense) is either
 * refused by the skill's schema or reaches Graph only as one quoted literal. Also the plugin's contract:
 * read-only, and a health check that reports a failing Graph instead of throwing.
 */
import { describe, expect, it } from 'vitest';
import {
  COMPLIANCE_POLICY_STATE_SELECT,
  MANAGED_DEVICE_SELECT,
} from '../../../../src/clients/graph-device-resources.js';
import { WardError } from '../../../../src/core/errors.js';
import { MANAGED_DEVICES_COLLECTION } from '../../../../src/demo/graph/routes-managed-devices.js';
import { parseODataFilter } from '../../../../src/demo/odata/odata-filter.js';
import { createIntunePlugin } from '../../../../src/plugins/intune/intune-plugin.js';
import type { Skill } from '../../../../src/plugins/types.js';
import { type FakeIntuneTenant, fakeGraph } from './fake-graph.js';
import {
  ADELE_LAPTOP_ID,
  DIEGO_ENTRA_DEVICE_ID,
  DIEGO_ID,
  DIEGO_LAPTOP_ID,
  daysAgo,
  diegoLaptop,
  diegoPhone,
  diegoPolicies,
  hoursAgo,
  managedDevice,
  NOW,
} from './fixtures.js';

const context = { signal: new AbortController().signal };

function tenant(overrides: Partial<FakeIntuneTenant> = {}): FakeIntuneTenant {
  return {
    devices: [managedDevice(), diegoPhone(), diegoLaptop()],
    states: { [DIEGO_LAPTOP_ID]: diegoPolicies() },
    ...overrides,
  };
}

function setup(overrides: Partial<FakeIntuneTenant> = {}) {
  const fake = fakeGraph(tenant(overrides));
  const plugin = createIntunePlugin({ graph: fake.graph, now: () => NOW });
  const skill = (name: string): Skill => {
    const found = plugin.skills.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no skill ${name}`);
    return found;
  };
  /** Runs a skill as the ledger does: the input through its schema first. */
  const run = async <T>(name: string, input: unknown) => {
    const parsed = skill(name).input.parse(input);
    return (await skill(name).run(parsed, context)) as { data: T; requests: string[] };
  };
  return { plugin, skill, run, requests: fake.requests };
}

/** The `$filter` of a recorded request, parsed by the demo tenant's OData parser (throws if invalid). */
function filterOf(path: string) {
  const filter = new URLSearchParams(path.split('?')[1]).get('$filter');
  if (!filter) throw new Error(`no $filter in ${path}`);
  return parseODataFilter(filter);
}

describe('the Intune plugin', () => {
  it('is read-only: five skills and no actions', () => {
    const { plugin } = setup();
    expect(plugin.name).toBe('intune');
    expect(plugin.displayName).toBe('Microsoft Intune');
    expect(plugin.actions).toEqual([]);
    expect(plugin.skills.map((skill) => skill.name)).toEqual([
      'userDevices',
      'device',
      'deviceCompliance',
      'nonCompliantDevices',
      'osVersions',
    ]);
    for (const skill of plugin.skills) expect(skill.description.length).toBeGreaterThan(20);
  });

  it('selects only properties the demo tenant serves, and filters only on ones it can filter', () => {
    for (const property of MANAGED_DEVICE_SELECT)
      expect(MANAGED_DEVICES_COLLECTION.properties).toContain(property);
    for (const property of [
      'userId',
      'userPrincipalName',
      'deviceName',
      'azureADDeviceId',
      'complianceState',
      'operatingSystem',
    ])
      expect(Object.keys(MANAGED_DEVICES_COLLECTION.filterable)).toContain(property);
    expect(COMPLIANCE_POLICY_STATE_SELECT).toContain('settingStates');
  });

  it('reports healthy when Graph lists a device', async () => {
    const { plugin, requests } = setup();
    expect(await plugin.health(context)).toEqual({ ok: true });
    expect(requests).toEqual(['/deviceManagement/managedDevices?$top=1&$select=id']);
  });

  it('reports unhealthy, with the reason, when Graph fails', async () => {
    const { plugin } = setup({ failing: [/managedDevices/] });
    expect(await plugin.health(context)).toEqual({
      ok: false,
      detail: 'Microsoft Graph failed (503) after retries.',
    });
  });
});

describe('intune.userDevices', () => {
  it("lists a user's devices by object id, non-compliant first, selecting only what Ward reads", async () => {
    const { run, requests } = setup();
    const { data, requests: cited } = await run<{ devices: { deviceName: string }[] }>('userDevices', {
      user: DIEGO_ID,
    });
    expect(data.devices.map((device) => device.deviceName)).toEqual(['DESKTOP-DIEGO01', "Diego's iPhone"]);
    expect(requests[0]).toBe(
      `/deviceManagement/managedDevices?$filter=userId eq '${DIEGO_ID}'&$select=${MANAGED_DEVICE_SELECT.join(',')}&$top=50`,
    );
    expect(cited).toEqual([`GET /v1.0${requests[0]}`]);
  });

  it('looks a UPN up by userPrincipalName', async () => {
    const { run, requests } = setup();
    const { data } = await run<{ devices: unknown[] }>('userDevices', {
      user: 'Diego.Siciliani@contoso.com',
    });
    expect(data.devices).toHaveLength(2);
    expect(requests[0]).toContain("$filter=userPrincipalName eq 'Diego.Siciliani@contoso.com'");
  });

  it.each([
    ['a first name', { user: 'diego' }],
    ['a filter', { user: "x' or userId ne '" }],
    ['a path', { user: '../deviceManagement/managedDevices' }],
    ['nothing', { user: '' }],
    ['too many', { user: DIEGO_ID, top: 101 }],
    ['too few', { user: DIEGO_ID, top: 0 }],
    ['a number', { user: 42 }],
  ])('refuses %s as input', (_what, input) => {
    const { skill } = setup();
    expect(skill('userDevices').input.safeParse(input).success).toBe(false);
  });
});

describe('intune.device', () => {
  it('finds a device by name, case-insensitively as Graph compares', async () => {
    const { run, requests } = setup();
    const { data } = await run<{ devices: { id: string }[] }>('device', { device: 'desktop-diego01' });
    expect(data.devices.map((device) => device.id)).toEqual([DIEGO_LAPTOP_ID]);
    expect(requests[0]).toContain("$filter=deviceName eq 'desktop-diego01'");
  });

  it("quotes a name with an apostrophe as one OData literal (Diego's iPhone)", async () => {
    const { run, requests } = setup();
    const { data } = await run<{ devices: { deviceName: string }[] }>('device', { device: "Diego's iPhone" });
    expect(data.devices.map((device) => device.deviceName)).toEqual(["Diego's iPhone"]);
    expect(filterOf(requests[0] ?? '')).toEqual({
      kind: 'comparison',
      operator: 'eq',
      left: { kind: 'property', path: ['deviceName'] },
      right: { kind: 'literal', type: 'string', value: "Diego's iPhone" },
    });
  });

  it('keeps an injection attempt inside the literal: it matches no device', async () => {
    const { run, requests } = setup();
    const attempt = "x' or deviceName ne 'x";
    const { data } = await run<{ devices: unknown[] }>('device', { device: attempt });
    expect(data.devices).toEqual([]);
    expect(filterOf(requests[0] ?? '')).toMatchObject({
      kind: 'comparison',
      right: { kind: 'literal', value: attempt },
    });
  });

  it('returns every device that has the name (Intune names are not unique)', async () => {
    const twin = managedDevice({ id: '11111111-2222-4333-8444-555555555555', deviceName: 'DESKTOP-DIEGO01' });
    const { run } = setup({ devices: [diegoLaptop(), twin] });
    const { data } = await run<{ devices: unknown[] }>('device', { device: 'DESKTOP-DIEGO01' });
    expect(data.devices).toHaveLength(2);
  });

  it('gets a device by its Intune id', async () => {
    const { run, requests } = setup();
    const { data, requests: cited } = await run<{ devices: { deviceName: string }[] }>('device', {
      device: ADELE_LAPTOP_ID,
    });
    expect(data.devices.map((device) => device.deviceName)).toEqual(['DESKTOP-ADELE01']);
    expect(requests).toEqual([
      `/deviceManagement/managedDevices/${ADELE_LAPTOP_ID}?$select=${MANAGED_DEVICE_SELECT.join(',')}`,
    ]);
    expect(cited).toHaveLength(1);
  });

  it('falls back to the Entra device id (how sign-ins and Defender name a device), citing both requests', async () => {
    const { run, requests } = setup();
    const { data, requests: cited } = await run<{ devices: { deviceName: string }[] }>('device', {
      device: DIEGO_ENTRA_DEVICE_ID,
    });
    expect(data.devices.map((device) => device.deviceName)).toEqual(['DESKTOP-DIEGO01']);
    expect(requests[1]).toContain(`$filter=azureADDeviceId eq '${DIEGO_ENTRA_DEVICE_ID}'`);
    expect(cited).toHaveLength(2);
  });

  it('returns no device for an id nobody has', async () => {
    const { run } = setup();
    const { data } = await run<{ devices: unknown[] }>('device', {
      device: '00000000-0000-4000-8000-000000000000',
    });
    expect(data.devices).toEqual([]);
  });

  it('lets a failing Graph fail the skill (the ledger turns it into a cited failure)', async () => {
    const { run } = setup({ failing: [/managedDevices/] });
    await expect(run('device', { device: 'DESKTOP-DIEGO01' })).rejects.toSatisfy(
      (error) => WardError.isInstance(error) && error.code === 'source_unavailable',
    );
  });

  it.each([
    ['a path', { device: '../users/adele.vance@contoso.com' }],
    ['a query string', { device: 'DESKTOP-1?$select=*' }],
    ['a slash', { device: 'DESKTOP/1' }],
    ['a leading quote', { device: "'DESKTOP" }],
    ['nothing', { device: '   ' }],
    ['a control character', { device: 'DESKTOP-1\u0000' }],
    ['a very long name', { device: `D${'x'.repeat(200)}` }],
    ['no device at all', {}],
  ])('refuses %s as input', (_what, input) => {
    const { skill } = setup();
    expect(skill('device').input.safeParse(input).success).toBe(false);
  });
});

describe('intune.deviceCompliance', () => {
  it("returns a device's policy states setting by setting", async () => {
    const { run, requests } = setup();
    const { data } = await run<
      { displayName: string; settingStates: { settingName: string; state: string }[] }[]
    >('deviceCompliance', { deviceId: DIEGO_LAPTOP_ID });
    expect(data.map((policy) => policy.displayName)).toEqual([
      'Windows 11 - Compliance baseline',
      'Default Device Compliance Policy',
    ]);
    const failing = data[0]?.settingStates.filter((setting) => setting.state === 'nonCompliant');
    expect(failing?.map((setting) => setting.settingName)).toEqual(['BitLockerEnabled', 'OsMinimumVersion']);
    expect(requests[0]).toBe(
      `/deviceManagement/managedDevices/${DIEGO_LAPTOP_ID}/deviceCompliancePolicyStates?$select=id,displayName,version,platformType,state,settingCount,settingStates`,
    );
  });

  it('fails with not found for a device Intune does not have', async () => {
    const { run } = setup();
    await expect(
      run('deviceCompliance', { deviceId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toSatisfy((error) => WardError.isInstance(error) && error.code === 'not_found');
  });

  it.each([
    ['a device name', { deviceId: 'DESKTOP-DIEGO01' }],
    ['a path', { deviceId: `${DIEGO_LAPTOP_ID}/../../users` }],
    ['nothing', {}],
  ])('refuses %s as input', (_what, input) => {
    const { skill } = setup();
    expect(skill('deviceCompliance').input.safeParse(input).success).toBe(false);
  });
});

describe('intune.nonCompliantDevices', () => {
  const many = Array.from({ length: 30 }, (_, index) =>
    managedDevice({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      deviceName: `DESKTOP-N${String(index).padStart(2, '0')}`,
      complianceState: 'noncompliant',
      lastSyncDateTime: hoursAgo(index + 1),
    }),
  );

  it('lists the top N, most recently active first, and counts all of them', async () => {
    const silent = diegoLaptop({ lastSyncDateTime: daysAgo(9) });
    const phone = diegoPhone({ complianceState: 'noncompliant', lastSyncDateTime: '0001-01-01T00:00:00Z' });
    const { run, requests } = setup({ devices: [managedDevice(), ...many, silent, phone] });
    const { data } = await run<{
      devices: { deviceName: string }[];
      total: number;
      truncated: boolean;
      byOperatingSystem: unknown;
      unencrypted: number;
      silentForAWeek: number;
    }>('nonCompliantDevices', { top: 5 });
    expect(data.devices.map((device) => device.deviceName)).toEqual([
      'DESKTOP-N00',
      'DESKTOP-N01',
      'DESKTOP-N02',
      'DESKTOP-N03',
      'DESKTOP-N04',
    ]);
    expect(data.total).toBe(32);
    expect(data.truncated).toBe(false);
    // Counted over every non-compliant device, not only the five listed.
    expect(data.byOperatingSystem).toEqual([
      { operatingSystem: 'Windows', count: 31 },
      { operatingSystem: 'iOS', count: 1 },
    ]);
    expect(data.unencrypted).toBe(1);
    expect(data.silentForAWeek).toBe(2);
    expect(requests[0]).toContain("$filter=complianceState eq 'noncompliant'");
  });

  it('defaults to 25 and refuses more than 100', () => {
    const { skill } = setup();
    expect(skill('nonCompliantDevices').input.parse({})).toEqual({ top: 25 });
    expect(skill('nonCompliantDevices').input.safeParse({ top: 1000 }).success).toBe(false);
    expect(skill('nonCompliantDevices').input.safeParse({ top: '5' }).success).toBe(false);
  });
});

describe('intune.osVersions', () => {
  it('counts the versions devices of one OS run, most common first', async () => {
    const devices = [
      managedDevice({ id: 'a0000000-0000-4000-8000-000000000001', osVersion: '10.0.22631.4602' }),
      managedDevice({ id: 'a0000000-0000-4000-8000-000000000002', osVersion: '10.0.22631.4602' }),
      diegoLaptop(),
      diegoPhone(),
    ];
    const { run, requests } = setup({ devices });
    const { data } = await run('osVersions', { operatingSystem: 'windows' });
    expect(data).toEqual({
      operatingSystem: 'windows',
      versions: [
        { version: '10.0.22631.4602', count: 2 },
        { version: '10.0.22631.4169', count: 1 },
      ],
      devicesRead: 3,
      truncated: false,
    });
    expect(requests[0]).toBe(
      "/deviceManagement/managedDevices?$filter=operatingSystem eq 'windows'&$select=osVersion&$top=1000",
    );
  });

  it.each([
    ['a filter', { operatingSystem: "Windows' or 1 eq 1" }],
    ['a path', { operatingSystem: '../users' }],
    ['nothing', { operatingSystem: '' }],
    ['a very long name', { operatingSystem: 'W'.repeat(40) }],
  ])('refuses %s as input', (_what, input) => {
    const { skill } = setup();
    expect(skill('osVersions').input.safeParse(input).success).toBe(false);
  });
});
