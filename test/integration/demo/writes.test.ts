import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticationOperationSchema,
  booleanValueSchema,
  directoryAuditSchema,
  graphErrorSchema,
  passwordResetResponseSchema,
  riskDetectionSchema,
  riskyUserSchema,
  userSchema,
} from '../../../src/clients/graph-resources.js';
import { SOC_TEAM, STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import { WELL_KNOWN_METHOD_IDS } from '../../../src/demo/seed/seed-authentication-methods.js';
import {
  getAllPages,
  getJson,
  odata,
  query,
  SEEDED_AT,
  sendJson,
  startTestTenant,
  type TestTenant,
} from './demo-tenant-fixture.js';

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterEach(async () => {
  tenant.clock.now = SEEDED_AT;
  await fetch(`${tenant.url}/_demo/reset`, { method: 'POST' });
});
afterAll(async () => {
  await tenant.close();
});

const { adele, megan, lynne } = STORY_PEOPLE;
const NOW = SEEDED_AT.toISOString();
const PASSWORD = WELL_KNOWN_METHOD_IDS.password;

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

async function auditsAbout(id: string) {
  return (
    await getAllPages(
      `${tenant.graph}/auditLogs/directoryAudits${query({ $filter: `targetResources/any(t: t/id eq ${odata(id)}) and activityDateTime ge ${NOW}` })}`,
      directoryAuditSchema,
    )
  ).items;
}

async function user(id: string, select: string) {
  return (await getJson(`${tenant.graph}/users/${id}${query({ $select: select })}`)).body as Record<
    string,
    unknown
  >;
}

describe('dismissing and confirming risk changes what the next question sees', () => {
  it('dismiss: 204, riskState dismissed, riskLevel none, adminDismissedAllRiskForUser, detections dismissed, audited', async () => {
    const response = await sendJson(`${tenant.graph}/identityProtection/riskyUsers/dismiss`, {
      userIds: [adele.id],
    });
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect(await riskyUser(adele.id)).toMatchObject({
      riskState: 'dismissed',
      riskLevel: 'none',
      riskDetail: 'adminDismissedAllRiskForUser',
      riskLastUpdatedDateTime: NOW,
    });
    const detections = await detectionsOf(adele.id);
    expect(detections).toHaveLength(3);
    expect(
      detections.every((d) => d.riskState === 'dismissed' && d.riskDetail === 'adminDismissedAllRiskForUser'),
    ).toBe(true);
    const [audit] = await auditsAbout(adele.id);
    expect(audit).toMatchObject({
      activityDisplayName: 'DismissUser',
      loggedByService: 'Identity Protection',
      result: 'success',
      activityDateTime: NOW,
      initiatedBy: { user: null, app: { displayName: 'Ward SOC Copilot' } },
    });
    // Megan was not named: untouched.
    expect((await riskyUser(megan.id)).riskState).toBe('atRisk');
  });

  it('confirmCompromised: confirmedCompromised, high, adminConfirmedUserCompromised; a second call is harmless', async () => {
    expect((await getJson(`${tenant.graph}/identityProtection/riskyUsers/${lynne.id}`)).status).toBe(404);
    for (let i = 0; i < 2; i++) {
      const response = await sendJson(`${tenant.graph}/identityProtection/riskyUsers/confirmCompromised`, {
        userIds: [lynne.id, adele.id.toUpperCase()],
      });
      expect(response.status).toBe(204);
    }
    for (const id of [lynne.id, adele.id]) {
      expect(await riskyUser(id)).toMatchObject({
        riskState: 'confirmedCompromised',
        riskLevel: 'high',
        riskDetail: 'adminConfirmedUserCompromised',
      });
      const confirmations = (await detectionsOf(id)).filter(
        (d) => d.riskEventType === 'adminConfirmedUserCompromised',
      );
      expect(confirmations).toHaveLength(1);
      expect(confirmations[0]).toMatchObject({ riskState: 'confirmedCompromised', activity: 'user' });
      const audits = await auditsAbout(id);
      expect(audits.map((a) => a.activityDisplayName)).toEqual([
        'ConfirmAccountCompromised',
        'ConfirmAccountCompromised',
      ]);
    }
  });

  it('refuses a body without userIds, an unknown user, and methods other than POST, changing nothing', async () => {
    const empty = await sendJson(`${tenant.graph}/identityProtection/riskyUsers/dismiss`, {});
    expect(empty.status).toBe(400);
    expect(graphErrorSchema.parse(empty.body).error.message).toMatch(/userIds/);
    const notJson = await getJson(`${tenant.graph}/identityProtection/riskyUsers/dismiss`, {
      method: 'POST',
      body: '{',
    });
    expect(graphErrorSchema.parse(notJson.body).error.message).toMatch(/Unable to read JSON request payload/);
    const unknown = await sendJson(`${tenant.graph}/identityProtection/riskyUsers/confirmCompromised`, {
      userIds: [adele.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.status).toBe(400);
    expect(graphErrorSchema.parse(unknown.body).error.message).toMatch(/not the object id of a user/);
    expect((await riskyUser(adele.id)).riskState).toBe('atRisk');
    const put = await sendJson(
      `${tenant.graph}/identityProtection/riskyUsers/dismiss`,
      { userIds: [adele.id] },
      'PUT',
    );
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('POST');
  });
});

describe('revoking sessions and disabling accounts', () => {
  it('revokeSignInSessions: 200 { value: true } and signInSessionsValidFromDateTime moves to now', async () => {
    expect(
      Date.parse(
        String((await user(megan.id, 'signInSessionsValidFromDateTime')).signInSessionsValidFromDateTime),
      ),
    ).toBeLessThan(SEEDED_AT.getTime());
    const response = await sendJson(
      `${tenant.graph}/users/${encodeURIComponent(megan.userPrincipalName)}/revokeSignInSessions`,
      undefined,
    );
    expect(response.status).toBe(200);
    expect(booleanValueSchema.parse(response.body)).toEqual({
      '@odata.context': `${tenant.graph}/$metadata#Edm.Boolean`,
      value: true,
    });
    expect((await user(megan.id, 'signInSessionsValidFromDateTime')).signInSessionsValidFromDateTime).toBe(
      NOW,
    );
    const [audit] = await auditsAbout(megan.id);
    expect(audit?.activityDisplayName).toBe('Update StsRefreshTokenValidFrom Timestamp');
    expect(audit?.targetResources[0]?.modifiedProperties?.[0]).toMatchObject({
      displayName: 'StsRefreshTokensValidFrom',
      newValue: JSON.stringify([NOW]),
    });
  });

  it('PATCH accountEnabled false: 204, GET says disabled, audited as Disable account; other properties are refused', async () => {
    const response = await sendJson(`${tenant.graph}/users/${adele.id}`, { accountEnabled: false }, 'PATCH');
    expect(response.status).toBe(204);
    expect(response.headers.get('content-type')).toBeNull();
    expect(userSchema.parse(await user(adele.id, 'id,accountEnabled')).accountEnabled).toBe(false);
    const [audit] = await auditsAbout(adele.id);
    expect(audit).toMatchObject({
      activityDisplayName: 'Disable account',
      loggedByService: 'Core Directory',
    });
    expect(audit?.targetResources[0]?.modifiedProperties?.[0]).toMatchObject({
      displayName: 'AccountEnabled',
      oldValue: '[true]',
      newValue: '[false]',
    });
    const rename = await sendJson(
      `${tenant.graph}/users/${adele.id}`,
      { displayName: 'Someone Else' },
      'PATCH',
    );
    expect(rename.status).toBe(400);
    expect(graphErrorSchema.parse(rename.body).error.message).toMatch(/'displayName'/);
    const wrongType = await sendJson(`${tenant.graph}/users/${adele.id}`, { accountEnabled: 'no' }, 'PATCH');
    expect(wrongType.status).toBe(400);
    expect(
      (await sendJson(`${tenant.graph}/users/${adele.id}`, { accountEnabled: true }, 'PATCH')).status,
    ).toBe(204);
    expect(userSchema.parse(await user(adele.id, 'id,accountEnabled')).accountEnabled).toBe(true);
  });
});

describe('the admin password reset, a long-running operation', () => {
  async function reset(userKey: string, body?: unknown) {
    return sendJson(
      `${tenant.graph}/users/${encodeURIComponent(userKey)}/authentication/methods/${PASSWORD}/resetPassword`,
      body,
    );
  }

  it('accepts with 202, Location and Retry-After, then runs, then succeeds; Adele’s risk is remediated', async () => {
    const accepted = await reset(adele.userPrincipalName);
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    expect(location).toMatch(
      new RegExp(`^${tenant.graph}/users/${adele.id}/authentication/operations/[0-9a-f-]{36}$`),
    );
    expect(Number(accepted.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(accepted.body).toHaveProperty(
      '@odata.context',
      `${tenant.graph}/$metadata#microsoft.graph.passwordResetResponse`,
    );
    expect(passwordResetResponseSchema.parse(accepted.body).newPassword).toMatch(/^[A-Z][a-z]{3}\d{4}$/);

    const statuses: string[] = [];
    let last: ReturnType<typeof authenticationOperationSchema.parse> | undefined;
    for (let poll = 0; poll < 5 && last?.status !== 'succeeded'; poll++) {
      const response = await getJson(location);
      expect(response.status).toBe(200);
      last = authenticationOperationSchema.parse(response.body);
      statuses.push(last.status);
      if (last.status === 'running') expect(response.headers.get('retry-after')).toBeTruthy();
    }
    expect(statuses).toEqual(['running', 'succeeded']);
    expect(last).toMatchObject({
      statusDetail: null,
      resourceLocation: `${tenant.graph}/users/${adele.id}/authentication/methods/${PASSWORD}`,
    });

    expect(await riskyUser(adele.id)).toMatchObject({
      riskState: 'remediated',
      riskLevel: 'none',
      riskDetail: 'adminGeneratedTemporaryPassword',
    });
    const detections = await detectionsOf(adele.id);
    expect(
      detections.every(
        (d) => d.riskState === 'remediated' && d.riskDetail === 'adminGeneratedTemporaryPassword',
      ),
    ).toBe(true);
    expect(await user(adele.id, 'lastPasswordChangeDateTime,signInSessionsValidFromDateTime')).toMatchObject({
      lastPasswordChangeDateTime: NOW,
      signInSessionsValidFromDateTime: NOW,
    });
    const [audit] = await auditsAbout(adele.id);
    expect(audit).toMatchObject({ activityDisplayName: 'Reset password', result: 'success' });
    // Polling a finished operation changes nothing.
    expect(authenticationOperationSchema.parse((await getJson(location)).body).status).toBe('succeeded');
    expect(await auditsAbout(adele.id)).toHaveLength(1);
  });

  it('completes on its own after a few seconds on the tenant’s clock, without being polled', async () => {
    const accepted = await reset(megan.id, { newPassword: 'Correct-Horse-7' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({});
    expect((await riskyUser(megan.id)).riskState).toBe('atRisk');
    tenant.clock.now = new Date(SEEDED_AT.getTime() + 5_000);
    const record = await riskyUser(megan.id);
    expect(record).toMatchObject({ riskState: 'remediated', riskDetail: 'adminGeneratedTemporaryPassword' });
    expect(record.riskLastUpdatedDateTime).toBe(new Date(SEEDED_AT.getTime() + 5_000).toISOString());
    const operation = authenticationOperationSchema.parse(
      (await getJson(accepted.headers.get('location')!)).body,
    );
    expect(operation.status).toBe('succeeded');
  });

  it('fails when the new password breaks the complexity rules, and leaves the risk alone', async () => {
    const accepted = await reset(adele.id, { newPassword: 'short' });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    await getJson(location);
    const done = authenticationOperationSchema.parse((await getJson(location)).body);
    expect(done.status).toBe('failed');
    expect(done.statusDetail).toMatch(/between 8 and 256/);
    expect((await riskyUser(adele.id)).riskState).toBe('atRisk');
    const [audit] = await auditsAbout(adele.id);
    expect(audit).toMatchObject({ activityDisplayName: 'Reset password', result: 'failure' });
  });

  it('refuses methods that are not a password, unknown methods and unknown operations', async () => {
    const methods = (await getJson(`${tenant.graph}/users/${adele.id}/authentication/methods`)).body as {
      value: { id: string; '@odata.type': string }[];
    };
    const authenticator = methods.value.find((m) => m['@odata.type'].includes('microsoftAuthenticator'))!;
    const wrong = await sendJson(
      `${tenant.graph}/users/${adele.id}/authentication/methods/${authenticator.id}/resetPassword`,
      undefined,
    );
    expect(wrong.status).toBe(400);
    expect(graphErrorSchema.parse(wrong.body).error.message).toMatch(/only supported on a password/);
    const unknown = await sendJson(
      `${tenant.graph}/users/${adele.id}/authentication/methods/00000000-0000-4000-8000-000000000000/resetPassword`,
      undefined,
    );
    expect(unknown.status).toBe(404);
    const operation = await getJson(
      `${tenant.graph}/users/${adele.id}/authentication/operations/00000000-0000-4000-8000-000000000000`,
    );
    expect(operation.status).toBe(404);
    expect(graphErrorSchema.parse(operation.body).error.code).toBe('itemNotFound');
  });
});

describe('POST /_demo/reset', () => {
  it('restores everything the writes changed', async () => {
    const before = {
      adele: await riskyUser(adele.id),
      audits: (await getAllPages(`${tenant.graph}/auditLogs/directoryAudits`, directoryAuditSchema)).items
        .length,
    };
    await sendJson(`${tenant.graph}/identityProtection/riskyUsers/confirmCompromised`, {
      userIds: [lynne.id],
    });
    await sendJson(`${tenant.graph}/identityProtection/riskyUsers/dismiss`, { userIds: [adele.id] });
    await sendJson(`${tenant.graph}/users/${SOC_TEAM.lee.id}`, { accountEnabled: false }, 'PATCH');
    await sendJson(`${tenant.graphUrl}/beta/users/${megan.id}/revokeSignInSessions`, undefined);
    const accepted = await sendJson(
      `${tenant.graph}/users/${megan.id}/authentication/methods/${PASSWORD}/resetPassword`,
      undefined,
    );

    expect((await sendJson(`${tenant.url}/_demo/reset`, undefined)).status).toBe(200);
    expect(await riskyUser(adele.id)).toEqual(before.adele);
    expect((await getJson(`${tenant.graph}/identityProtection/riskyUsers/${lynne.id}`)).status).toBe(404);
    expect((await user(SOC_TEAM.lee.id, 'accountEnabled')).accountEnabled).toBe(true);
    expect(
      (await getAllPages(`${tenant.graph}/auditLogs/directoryAudits`, directoryAuditSchema)).items.length,
    ).toBe(before.audits);
    expect((await getJson(accepted.headers.get('location')!)).status).toBe(404);
  });
});
