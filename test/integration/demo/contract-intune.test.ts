import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectionSchema,
  deviceCompliancePolicyStateSchema,
  graphErrorSchema,
  managedDeviceSchema,
} from '../../../src/clients/graph-resources.js';
import { WINDOWS_BUILDS } from '../../../src/demo/seed/compliance-policies.js';
import { STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import { NAMED_DEVICE_IDS } from '../../../src/demo/seed/seed-devices.js';
import {
  getAllPages,
  getJson,
  odata,
  query,
  startTestTenant,
  type TestTenant,
} from './demo-tenant-fixture.js';

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(async () => {
  await tenant.close();
});

const DEVICES = () => `${tenant.graph}/deviceManagement/managedDevices`;

async function deviceNamed(name: string) {
  const { items } = await getAllPages(
    `${DEVICES()}${query({ $filter: `deviceName eq ${odata(name)}` })}`,
    managedDeviceSchema,
  );
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('Intune, as Microsoft Graph v1.0 serves it', () => {
  it('GET /deviceManagement/managedDevices pages 100 at a time through at least 300 devices', async () => {
    const first = await getJson(DEVICES());
    const page = collectionSchema(managedDeviceSchema).parse(first.body);
    expect(page['@odata.context']).toBe(`${tenant.graph}/$metadata#deviceManagement/managedDevices`);
    expect(page.value).toHaveLength(100);
    expect(page['@odata.nextLink']).toMatch(/\$skiptoken=/);
    const { items, pages } = await getAllPages(DEVICES(), managedDeviceSchema);
    expect(items.length).toBeGreaterThanOrEqual(300);
    expect(pages).toBe(Math.ceil(items.length / 100));
    expect(new Set(items.map((d) => d.id)).size).toBe(items.length);
  });

  it('filters by owner, by compliance state, and returns exactly what $select names', async () => {
    const diego = STORY_PEOPLE.diego;
    const owned = await getAllPages(
      `${DEVICES()}${query({
        $filter: `userPrincipalName eq ${odata(diego.userPrincipalName.toUpperCase())}`,
        $select: 'id,deviceName,operatingSystem',
      })}`,
      managedDeviceSchema,
    );
    expect(owned.items.map((d) => d.deviceName)).toContain('DESKTOP-DIEGO01');
    expect(Object.keys(owned.items[0]!).sort()).toEqual(['deviceName', 'id', 'operatingSystem']);
    expect(owned.first['@odata.context']).toBe(
      `${tenant.graph}/$metadata#deviceManagement/managedDevices(id,deviceName,operatingSystem)`,
    );
    const noncompliant = await getAllPages(
      `${DEVICES()}${query({ $filter: "complianceState eq 'noncompliant'" })}`,
      managedDeviceSchema,
    );
    expect(noncompliant.items.length).toBeGreaterThan(1);
    expect(noncompliant.items.every((d) => d.complianceState === 'noncompliant')).toBe(true);
    const windows = await getAllPages(
      `${DEVICES()}${query({ $filter: "operatingSystem eq 'Windows' and startswith(deviceName,'CONTOSO-POS')" })}`,
      managedDeviceSchema,
    );
    expect(windows.items.length).toBe(24);
  });

  it('DESKTOP-DIEGO01 is non-compliant: BitLocker off and the OS three monthly updates behind', async () => {
    const device = await deviceNamed('DESKTOP-DIEGO01');
    expect(device).toMatchObject({
      complianceState: 'noncompliant',
      isEncrypted: false,
      osVersion: WINDOWS_BUILDS.threeMonthsBehind,
      azureADDeviceId: NAMED_DEVICE_IDS.diegoDesktop,
      userPrincipalName: STORY_PEOPLE.diego.userPrincipalName,
    });
    const states = await getAllPages(
      `${DEVICES()}/${device.id}/deviceCompliancePolicyStates`,
      deviceCompliancePolicyStateSchema,
    );
    expect(states.first['@odata.context']).toBe(
      `${tenant.graph}/$metadata#deviceManagement/managedDevices('${device.id}')/deviceCompliancePolicyStates`,
    );
    const windows = states.items.find((s) => s.platformType === 'windows10AndLater')!;
    expect(windows.state).toBe('nonCompliant');
    const failing = windows.settingStates?.filter((s) => s.state === 'nonCompliant') ?? [];
    expect(failing.map((s) => [s.settingName, s.currentValue])).toEqual([
      ['BitLockerEnabled', 'false'],
      ['OsMinimumVersion', WINDOWS_BUILDS.threeMonthsBehind],
    ]);
  });

  it('DESKTOP-ADELE01 is compliant on every setting', async () => {
    const device = await deviceNamed('DESKTOP-ADELE01');
    expect(device).toMatchObject({
      complianceState: 'compliant',
      isEncrypted: true,
      osVersion: WINDOWS_BUILDS.current,
    });
    const one = managedDeviceSchema.parse((await getJson(`${DEVICES()}/${device.id}`)).body);
    expect(one.deviceName).toBe('DESKTOP-ADELE01');
    const states = await getAllPages(
      `${DEVICES()}/${device.id}/deviceCompliancePolicyStates`,
      deviceCompliancePolicyStateSchema,
    );
    expect(states.items.every((s) => s.state === 'compliant')).toBe(true);
    expect(Date.parse(one.lastSyncDateTime!)).toBeGreaterThan(tenant.clock.now.getTime() - 9 * 3_600_000);
  });

  it('answers an unknown device with 404 and an unsupported filter with 400', async () => {
    const missing = await getJson(`${DEVICES()}/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(graphErrorSchema.parse(missing.body).error.code).toBe('ResourceNotFound');
    const bad = await getJson(`${DEVICES()}${query({ $filter: "model eq 'x'" })}`);
    expect(bad.status).toBe(400);
    expect(graphErrorSchema.parse(bad.body).error.message).toMatch(/'model'/);
  });
});
