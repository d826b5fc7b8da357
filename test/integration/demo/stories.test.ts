import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticationMethodSchema,
  collectionSchema,
  riskDetectionSchema,
  riskyUserSchema,
  type SignIn,
  signInSchema,
  userSchema,
} from '../../../src/clients/graph-resources.js';
import { STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import {
  getAllPages,
  getJson,
  odata,
  query,
  SEEDED_AT,
  startTestTenant,
  type TestTenant,
} from './demo-tenant-fixture.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const { adele, megan, alex, diego, lynne } = STORY_PEOPLE;

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(async () => {
  await tenant.close();
});

async function riskyUser(id: string) {
  const response = await getJson(`${tenant.graph}/identityProtection/riskyUsers/${id}`);
  expect(response.status).toBe(200);
  return riskyUserSchema.parse(response.body);
}

async function detectionsOf(id: string) {
  return (
    await getAllPages(
      `${tenant.graph}/identityProtection/riskDetections${query({ $filter: `userId eq ${odata(id)}` })}`,
      riskDetectionSchema,
    )
  ).items;
}

async function signInsOf(id: string, sinceMs: number): Promise<SignIn[]> {
  const filter = `userId eq ${odata(id)} and createdDateTime ge ${new Date(sinceMs).toISOString()}`;
  return (await getAllPages(`${tenant.graph}/auditLogs/signIns${query({ $filter: filter })}`, signInSchema))
    .items;
}

async function methodTypesOf(upn: string): Promise<string[]> {
  const response = await getJson(`${tenant.graph}/users/${encodeURIComponent(upn)}/authentication/methods`);
  return collectionSchema(authenticationMethodSchema)
    .parse(response.body)
    .value.map((m) => m['@odata.type']);
}

describe('the demo tenant tells the classic SOC stories', () => {
  it('Adele Vance is at high risk with anonymizedIPAddress, unlikelyTravel and passwordSpray detections', async () => {
    expect(await riskyUser(adele.id)).toMatchObject({
      riskLevel: 'high',
      riskState: 'atRisk',
      userPrincipalName: adele.userPrincipalName,
    });
    const detections = await detectionsOf(adele.id);
    expect(detections.map((d) => d.riskEventType).sort()).toEqual([
      'anonymizedIPAddress',
      'passwordSpray',
      'unlikelyTravel',
    ]);
    for (const d of detections) {
      expect(d.ipAddress).toMatch(/^192\.0\.2\./);
      expect(d.location?.countryOrRegion).toMatch(/^(NL|RO)$/);
      expect(d.riskState).toBe('atRisk');
    }
  });

  it('Adele signed in successfully from two countries within one hour', async () => {
    const recent = (await signInsOf(adele.id, SEEDED_AT.getTime() - 2 * HOUR)).filter(
      (s) => s.status?.errorCode === 0,
    );
    const pair = recent.flatMap((a) =>
      recent
        .filter((b) => b.location?.countryOrRegion !== a.location?.countryOrRegion)
        .filter((b) => Math.abs(Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime)) <= HOUR)
        .map((b) => [a.location?.countryOrRegion, b.location?.countryOrRegion]),
    );
    expect(pair).toContainEqual(['US', 'NL']);
    const tor = recent.find((s) => s.ipAddress === '192.0.2.66' && s.appDisplayName === 'OfficeHome')!;
    expect(tor.riskEventTypes_v2).toEqual(['anonymizedIPAddress', 'unlikelyTravel']);
    expect(tor.location).toMatchObject({ city: 'Amsterdam', countryOrRegion: 'NL' });
  });

  it('Adele has Microsoft Authenticator registered besides her password', async () => {
    const types = await methodTypesOf(adele.userPrincipalName);
    expect(types).toContain('#microsoft.graph.passwordAuthenticationMethod');
    expect(types).toContain('#microsoft.graph.microsoftAuthenticatorAuthenticationMethod');
  });

  it('Megan Bowen is at medium risk from an unfamiliar sign-in on a device never seen before', async () => {
    expect(await riskyUser(megan.id)).toMatchObject({ riskLevel: 'medium', riskState: 'atRisk' });
    const [detection] = await detectionsOf(megan.id);
    expect(detection).toMatchObject({ riskEventType: 'unfamiliarFeatures', riskLevel: 'medium' });
    const signIns = await signInsOf(megan.id, SEEDED_AT.getTime() - 14 * DAY);
    const unfamiliar = signIns.find((s) => s.id === detection!.requestId)!;
    expect(unfamiliar.deviceDetail).toMatchObject({
      deviceId: '',
      operatingSystem: 'MacOs',
      isManaged: false,
    });
    const usualDevices = new Set(
      signIns
        .filter((s) => s.id !== unfamiliar.id && s.deviceDetail?.deviceId)
        .map((s) => s.deviceDetail?.operatingSystem),
    );
    expect(usualDevices.has('MacOs')).toBe(false);
  });

  it('Alex Wilber’s risk was remediated by a password reset last week', async () => {
    const record = await riskyUser(alex.id);
    expect(record).toMatchObject({
      riskState: 'remediated',
      riskLevel: 'none',
      riskDetail: 'userPerformedSecuredPasswordReset',
    });
    const resetAgo = SEEDED_AT.getTime() - Date.parse(record.riskLastUpdatedDateTime!);
    expect(resetAgo).toBeGreaterThan(DAY);
    expect(resetAgo).toBeLessThan(7 * DAY);
    const user = (await getJson(`${tenant.graph}/users/${alex.id}?$select=id,lastPasswordChangeDateTime`))
      .body;
    expect(user).toHaveProperty('lastPasswordChangeDateTime', record.riskLastUpdatedDateTime);
  });

  it('Lynne Robbins has no MFA method, only a password', async () => {
    expect(await methodTypesOf(lynne.userPrincipalName)).toEqual([
      '#microsoft.graph.passwordAuthenticationMethod',
    ]);
  });

  it('Diego Siciliani has an ordinary identity and signs in from DESKTOP-DIEGO01', async () => {
    expect((await getJson(`${tenant.graph}/identityProtection/riskyUsers/${diego.id}`)).status).toBe(404);
    const signIns = await signInsOf(diego.id, SEEDED_AT.getTime() - 14 * DAY);
    expect(
      signIns.some(
        (s) => s.deviceDetail?.displayName === 'DESKTOP-DIEGO01' && s.deviceDetail.isCompliant === false,
      ),
    ).toBe(true);
  });

  it('has at least 200 users and 5,000 sign-ins over 14 days, and a dozen background risky users', async () => {
    const users = await getJson(`${tenant.graph}/users?$count=true&$top=1&$select=id`, {
      headers: { ConsistencyLevel: 'eventual' },
    });
    expect(collectionSchema(userSchema).parse(users.body)['@odata.count']).toBeGreaterThanOrEqual(200);
    const { items: signIns } = await getAllPages(`${tenant.graph}/auditLogs/signIns?$top=1000`, signInSchema);
    expect(signIns.length).toBeGreaterThanOrEqual(5000);
    const oldest = Math.min(...signIns.map((s) => Date.parse(s.createdDateTime)));
    expect(SEEDED_AT.getTime() - oldest).toBeGreaterThan(13 * DAY);
    expect(SEEDED_AT.getTime() - oldest).toBeLessThanOrEqual(14 * DAY);
    const failures = new Set(
      signIns.filter((s) => s.status?.errorCode !== 0).map((s) => s.status?.errorCode),
    );
    expect([...failures]).toEqual(expect.arrayContaining([50126, 50074, 53003]));
    const { items: risky } = await getAllPages(
      `${tenant.graph}/identityProtection/riskyUsers`,
      riskyUserSchema,
    );
    expect(risky.length).toBeGreaterThanOrEqual(13);
  });
});

describe('time in the demo tenant', () => {
  it('keeps "50 minutes ago" 50 minutes ago as its clock moves on', async () => {
    const torSignIn = async () =>
      (await signInsOf(adele.id, tenant.clock.now.getTime() - 2 * HOUR)).find(
        (s) => s.ipAddress === '192.0.2.66' && s.appDisplayName === 'OfficeHome' && s.status?.errorCode === 0,
      )!;
    expect(tenant.clock.now.getTime() - Date.parse((await torSignIn()).createdDateTime)).toBe(50 * MINUTE);
    tenant.clock.now = new Date(SEEDED_AT.getTime() + 5 * HOUR);
    try {
      expect(tenant.clock.now.getTime() - Date.parse((await torSignIn()).createdDateTime)).toBe(50 * MINUTE);
      expect(
        tenant.clock.now.getTime() - Date.parse((await riskyUser(adele.id)).riskLastUpdatedDateTime!),
      ).toBe(38 * MINUTE);
    } finally {
      tenant.clock.now = SEEDED_AT;
    }
  });
});
