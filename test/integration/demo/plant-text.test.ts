/**
 * `POST /_demo/plant` over HTTP: planted text is what Microsoft Graph, ServiceNow's Table API and every
 * client of the demo tenant read next (and what Ward's injection detector flags); bad bodies get 400 in
 * Graph's error shape with what to fix, unknown ids 404, and `POST /_demo/reset` restores the seed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  collectionSchema,
  graphErrorSchema,
  riskyUserSchema,
  signInSchema,
  userSchema,
} from '../../../src/clients/graph-resources.js';
import { serviceNowIncidentSchema, serviceNowListSchema } from '../../../src/clients/servicenow-resources.js';
import { detectInjection } from '../../../src/core/grounding/detect-injection.js';
import { STORY_PEOPLE } from '../../../src/demo/seed/people.js';
import { SERVICENOW_DEMO_CREDENTIALS } from '../../../src/demo/servicenow/servicenow-demo-credentials.js';
import { INJECTION_PAYLOADS } from '../../fixtures/injection-payloads.js';
import { getJson, odata, query, sendJson, startTestTenant, type TestTenant } from './demo-tenant-fixture.js';

const ADELE = STORY_PEOPLE.adele;
const AUTH = {
  authorization: `Basic ${Buffer.from(`${SERVICENOW_DEMO_CREDENTIALS.username}:${SERVICENOW_DEMO_CREDENTIALS.password}`).toString('base64')}`,
};
const payloadFor = (field: 'displayName' | 'appName' | 'title' | 'comment', index = 0) =>
  INJECTION_PAYLOADS.filter((payload) => payload.fits.includes(field))[index]!.text;

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterEach(async () => {
  await fetch(`${tenant.url}/_demo/reset`, { method: 'POST' });
});
afterAll(async () => {
  await tenant.close();
});

const plant = (body: unknown) => sendJson(`${tenant.url}/_demo/plant`, body);

async function adele() {
  return userSchema.parse((await getJson(`${tenant.graph}/users/${ADELE.userPrincipalName}`)).body);
}

async function adeleSignIns() {
  const url = `${tenant.graph}/auditLogs/signIns${query({ $filter: `userId eq ${odata(ADELE.id)}`, $top: 50 })}`;
  return collectionSchema(signInSchema).parse((await getJson(url)).body).value;
}

describe('POST /_demo/plant', () => {
  it('plants a display name Graph serves on the user and the risky user, and the detector flags', async () => {
    const text = payloadFor('displayName');
    const response = await plant({ target: 'user.displayName', id: ADELE.userPrincipalName, value: text });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      target: 'user.displayName',
      id: ADELE.id,
      previous: 'Adele Vance',
    });

    const user = await adele();
    expect(user.displayName).toBe(text);
    const risky = riskyUserSchema.parse(
      (await getJson(`${tenant.graph}/identityProtection/riskyUsers/${ADELE.id}`)).body,
    );
    expect(risky.userDisplayName).toBe(text);
    expect(detectInjection(user)).toEqual([{ field: 'displayName', excerpt: expect.any(String) }]);
  });

  it("plants an app name in Adele's newest sign-in", async () => {
    const text = payloadFor('appName', 3);
    const response = await plant({ target: 'signIn.appDisplayName', value: text });
    expect(response.status).toBe(200);
    const signIns = await adeleSignIns();
    const planted = signIns.find((signIn) => signIn.id === (response.body as { id: string }).id);
    expect(planted?.appDisplayName).toBe(text);
    const hits = detectInjection({ signIns });
    expect(hits.map((hit) => hit.field)).toEqual([`signIns[${signIns.indexOf(planted!)}].appDisplayName`]);
  });

  it('plants an alert title Defender XDR serves', async () => {
    const text = payloadFor('title', 5);
    const response = await plant({ target: 'alert.title', value: text });
    const id = (response.body as { id: string }).id;
    const alert = (await getJson(`${tenant.graph}/security/alerts_v2/${id}`)).body as { title: string };
    expect(alert.title).toBe(text);
  });

  it("plants a ticket's short description the Table API serves", async () => {
    const text = payloadFor('title', 9).slice(0, 160);
    const response = await plant({ target: 'ticket.shortDescription', value: text });
    const number = (response.body as { id: string }).id;
    const list = serviceNowListSchema(serviceNowIncidentSchema).parse(
      (
        await getJson(
          `${tenant.serviceNowUrl}/api/now/table/incident${query({ sysparm_query: `number=${number}` })}`,
          {
            headers: AUTH,
          },
        )
      ).body,
    );
    expect(list.result[0]?.short_description).toBe(text);
  });

  it('refuses a bad body with 400 in Graph’s error shape, saying what to fix', async () => {
    for (const [body, message] of [
      [{ target: 'user.displayName' }, /value/],
      [{ target: 'nowhere', value: 'x' }, /target/],
      [{ target: 'user.department', value: 'x'.repeat(65) }, /at most 64 characters/],
    ] as const) {
      const response = await plant(body);
      expect(response.status).toBe(400);
      const error = graphErrorSchema.parse(response.body).error;
      expect(error.code).toBe('BadRequest');
      expect(error.message).toMatch(message);
    }
    const notJson = await getJson(`${tenant.url}/_demo/plant`, { method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(graphErrorSchema.parse(notJson.body).error.message).toMatch(/not valid JSON/);
    const empty = await getJson(`${tenant.url}/_demo/plant`, { method: 'POST', body: '' });
    expect(empty.status).toBe(400);
  });

  it('answers 404 for an id that names no record, and changes nothing', async () => {
    const response = await plant({ target: 'user.displayName', id: 'nobody@contoso.com', value: 'x' });
    expect(response.status).toBe(404);
    expect(graphErrorSchema.parse(response.body).error.message).toMatch(/No user 'nobody@contoso.com'/);
    expect((await adele()).displayName).toBe('Adele Vance');
  });

  it('is only POST', async () => {
    const response = await getJson(`${tenant.url}/_demo/plant`);
    expect(response.status).toBe(404);
    expect(graphErrorSchema.parse(response.body).error.message).toMatch(/POST \/_demo\/plant/);
  });

  it('is undone by POST /_demo/reset', async () => {
    const before = { user: await adele(), signIns: await adeleSignIns() };
    await plant({ target: 'user.displayName', value: payloadFor('displayName', 1) });
    await plant({ target: 'user.jobTitle', value: payloadFor('displayName', 2) });
    await plant({ target: 'signIn.appDisplayName', value: payloadFor('appName', 4) });
    await plant({ target: 'ticket.comments', value: payloadFor('comment', 6) });
    expect(detectInjection({ user: await adele(), signIns: await adeleSignIns() })).toHaveLength(3);

    expect((await sendJson(`${tenant.url}/_demo/reset`, undefined)).status).toBe(200);
    const after = { user: await adele(), signIns: await adeleSignIns() };
    expect(after).toEqual(before);
    expect(detectInjection(after)).toEqual([]);
  });
});
