/**
 * Ward with Bot Framework credentials refuses activities that do not carry a valid Bot Framework token: no
 * header, a token that is not a JWT, an unsigned (`alg: none`) token, a token signed by someone else. Each is
 * a 401, never a 500, answered promptly even though the OpenID metadata hosts are unreachable from here, and
 * no answer echoes the token. Ward's logic never runs: nothing reaches the connector.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalMessage } from '../../support/teams-activities.js';
import { startWardHarness, type WardHarness } from '../../support/ward-harness.js';

const BOT_APP_ID = '3f9c2a71-5d8e-4b6a-9c1f-7e2d4a8b6c05';
const BOT_TENANT_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

/** Longest a refusal may take. The metadata hosts do not resolve here; an answer must not wait on them. */
const ANSWER_WITHIN_MS = 10_000;

let ward: WardHarness;

beforeAll(async () => {
  ward = await startWardHarness({
    BOT_ID: BOT_APP_ID,
    BOT_PASSWORD: 'x',
    BOT_TENANT_ID,
    BOT_TYPE: 'SingleTenant',
    HOST: '127.0.0.1',
  });
});
afterAll(async () => {
  await ward?.close();
});

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: BOT_APP_ID,
    iss: 'https://api.botframework.com',
    serviceurl: ward.connector.url,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
    ...overrides,
  };
}

/** An unsigned JWT (`alg: none`) claiming to come from the Bot Framework. */
function unsignedToken(): string {
  return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims()))}.`;
}

/** An RS256 JWT signed with a key generated here, which no Bot Framework metadata lists. */
function locallySignedToken(overrides: Record<string, unknown>): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'ward-test-key' }));
  const payload = base64url(JSON.stringify(claims(overrides)));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

/** POSTs a message with `authorization` and returns the answer, how long it took, and the raw body text. */
async function postWith(authorization: string | undefined) {
  const activity = personalMessage(ward.connector.url, 'is adele compromised?');
  const started = performance.now();
  const response = await ward.post(activity, authorization === undefined ? {} : { authorization });
  const elapsedMs = Math.round(performance.now() - started);
  if (process.env.WARD_TEST_TIMINGS === '1') console.info(`auth refusal answered in ${elapsedMs} ms`);
  return { ...response, elapsedMs, text: JSON.stringify(response.body) ?? '' };
}

describe('an activity without a valid Bot Framework token', () => {
  it('is refused with 401 when there is no Authorization header', async () => {
    const answer = await postWith(undefined);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'unauthorized' });
  });

  it('is refused with 401 for a bearer value that is not a JWT', async () => {
    const answer = await postWith('Bearer abc');
    expect(answer.status).toBe(401);
    expect(answer.text).not.toContain('abc"');
  });

  it('is refused with 401 for a scheme other than Bearer', async () => {
    const answer = await postWith(`Basic ${base64url('bot:x')}`);
    expect(answer.status).toBe(401);
  });

  it(
    'is refused with 401, not 500, for an unsigned alg:none token',
    async () => {
      const token = unsignedToken();
      const answer = await postWith(`Bearer ${token}`);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: 'unauthorized' });
      expect(answer.text).not.toContain(token.split('.')[1]);
      expect(answer.elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
    },
    ANSWER_WITHIN_MS + 5_000,
  );

  it(
    'is refused with 401 for a locally signed token with a wrong issuer',
    async () => {
      const token = locallySignedToken({ iss: 'https://evil.example/' });
      const answer = await postWith(`Bearer ${token}`);
      expect(answer.status).toBe(401);
      expect(answer.text).not.toContain(token.split('.')[1]);
      expect(answer.text).not.toContain(token.split('.')[2]);
      expect(answer.elapsedMs).toBeLessThan(ANSWER_WITHIN_MS);
    },
    ANSWER_WITHIN_MS + 5_000,
  );

  it(
    'is refused with 401 for a locally signed token claiming a Bot Framework or tenant issuer (metadata unreachable)',
    async () => {
      for (const iss of [
        'https://api.botframework.com',
        `https://sts.windows.net/${BOT_TENANT_ID}/`,
        `https://login.microsoftonline.com/${BOT_TENANT_ID}/v2.0`,
      ]) {
        const token = locallySignedToken({ iss });
        const answer = await postWith(`Bearer ${token}`);
        expect(answer.status, iss).toBe(401);
        expect(answer.text).not.toContain(token.split('.')[2]);
        expect(answer.elapsedMs, iss).toBeLessThan(ANSWER_WITHIN_MS);
      }
    },
    3 * ANSWER_WITHIN_MS + 5_000,
  );

  it('never reaches Ward’s logic: nothing was sent to the connector', () => {
    expect(ward.connector.sent).toEqual([]);
  });
});
