/**
 * Custom plugins over the real wire protocol, on a real Ward and demo tenant: the shipped contoso-hunting
 * manifest (loaded from plugins/custom, as `npm start` does) answers its trigger phrases with validated KQL
 * and the seeded rows; a missing parameter gets help naming it; the shipped asset-inventory template, copied
 * into a folder with its environment set, calls a local API with its key and cites it without showing the key;
 * an invalid manifest stops Ward from starting with every problem located.
 */
import { once } from 'node:events';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { CHANNEL_ID, channelMention } from '../../support/teams-activities.js';
import { cardOf, cardText, startWardHarness, type WardHarness } from '../../support/ward-harness.js';

async function ask(ward: WardHarness, question: string): Promise<string> {
  const root = `${Date.now()}-${Math.random()}`;
  expect((await ward.post(channelMention(ward.connector.url, question, { threadRoot: root }))).status).toBe(
    200,
  );
  const replies = ward.connector.messages(`${CHANNEL_ID};messageid=${root}`);
  expect(replies).toHaveLength(1);
  return cardText(cardOf(replies[0] ?? { body: {} }));
}

describe('the shipped contoso-hunting plugin', () => {
  let ward: WardHarness;
  beforeAll(async () => {
    ward = await startWardHarness({ CUSTOM_PLUGINS_DIR: 'plugins/custom' });
  });
  afterAll(async () => {
    await ward?.close();
  });

  it('answers "@Ward show legacy auth sign-ins" with the validated query and the blocked legacy sign-ins', async () => {
    const card = await ask(ward, 'show legacy auth sign-ins');
    expect(card).toMatch(/Legacy authentication sign-ins: \d+ rows/);
    expect(card).toMatch(/ClientAppUsed in \("Exchange ActiveSync", "IMAP4"/);
    expect(card).toMatch(/ago\(30d\)/);
    expect(card).toMatch(/Exchange ActiveSync/);
    expect(card).toMatch(/53003/);
    expect(card).toMatch(/contoso-hunting\.legacyAuthSignIns/);
  });

  it('fills the country from the question and finds Adele’s sign-ins from the Netherlands', async () => {
    const card = await ask(ward, 'sign-ins from country NL this week');
    expect(card).toMatch(/Sign-ins from a country: [1-9]\d* rows?/);
    expect(card).toMatch(/Location == "NL"/);
    expect(card).toMatch(/adele\.vance@contoso\.com/);
  });

  it('lists its trigger phrases on the help card, after the built-in capabilities', async () => {
    const card = await ask(ward, 'help');
    expect(card).toMatch(/Custom skills of this deployment: .*"legacy auth sign-ins"/);
    expect(card).toMatch(/Assess a user's identity risk/);
  });

  it('asks for the user when the question names none, and runs nothing', async () => {
    const card = await ask(ward, 'failed sign-in history');
    expect(card).toMatch(/Failed sign-in history \(Contoso hunting\) needs user/);
    expect(card).toMatch(/failed sign-in history adele\.vance@contoso\.com/);
  });
});

describe('the asset-inventory template with its API', () => {
  const key = 'ak-live-8c1f0e2d7b6a4953';
  let api: Server;
  let folder: string;
  let ward: WardHarness;
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  beforeAll(async () => {
    api = createServer((request, response) => {
      seen.push({ url: request.url ?? '', headers: request.headers });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          hostname: 'DESKTOP-ADELE01',
          owner: 'adele.vance@contoso.com',
          businessUnit: 'Finance',
          criticality: 'high',
          location: 'Seattle',
        }),
      );
    });
    api.listen(0, '127.0.0.1');
    await once(api, 'listening');
    folder = await mkdtemp(join(tmpdir(), 'ward-custom-wire-'));
    await mkdir(join(folder, 'openapi'));
    await copyFile('plugins/examples/asset-inventory.yaml', join(folder, 'asset-inventory.yaml'));
    await copyFile(
      'plugins/examples/openapi/asset-inventory.yaml',
      join(folder, 'openapi', 'asset-inventory.yaml'),
    );
    ward = await startWardHarness({
      CUSTOM_PLUGINS_DIR: folder,
      ASSET_INVENTORY_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
      ASSET_INVENTORY_API_KEY: key,
    });
  });
  afterAll(async () => {
    await ward?.close();
    api?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('calls the API with the key for the device named, and cites it without the key', async () => {
    const card = await ask(ward, 'asset owner of DESKTOP-ADELE01');
    expect(seen.at(-1)?.url).toBe('/assets/DESKTOP-ADELE01?includeSoftware=false');
    expect(seen.at(-1)?.headers['x-api-key']).toBe(key);
    expect(card).toMatch(/Asset record: 5 fields/);
    expect(card).toMatch(/Finance/);
    expect(card).toMatch(/asset-inventory\.asset/);
    expect(card).not.toContain(key);
  });
});

const BROKEN_HUNT = [
  'name: threat-intel',
  'displayName: Bad',
  'version: 1.0.0',
  'description: Bad.',
  'skills:',
  '  - kind: kql',
  '    name: broken',
  '    description: Broken.',
  '    timespan: P1D',
  '    query: |',
  '      SigninLogs',
  '      | where NoSuchColumn == 1',
  '',
].join('\n');

describe('an invalid manifest', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ward-custom-invalid-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function startFailure(): Promise<string> {
    const error = await startWardHarness({ CUSTOM_PLUGINS_DIR: folder }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }

  it('stops Ward from starting, with every problem of every file located', async () => {
    await writeFile(join(folder, 'bad.yaml'), BROKEN_HUNT);
    await writeFile(
      join(folder, 'typo.yaml'),
      'name: typo\ndisplayName: T\nversion: 1.0.0\ndescription: T.\nskils: []\n',
    );
    const message = await startFailure();
    expect(message).toMatch(/^Custom plugin manifests are invalid:\n/);
    expect(message).toMatch(/bad\.yaml:1:1 name: "threat-intel" is the name of a built-in plugin/);
    expect(message).toMatch(/typo\.yaml:5:1 Unrecognized key: "skils"/);
    expect(message).toMatch(/typo\.yaml:1:1 skills: Invalid input: expected array/);
  });

  it('once the files parse, points a KQL error at its line and column inside the query', async () => {
    await rm(join(folder, 'typo.yaml'), { force: true });
    await writeFile(join(folder, 'bad.yaml'), BROKEN_HUNT.replace('name: threat-intel', 'name: bad'));
    expect(await startFailure()).toMatch(/bad\.yaml:12:15 skills\.0\.query: KQL: The name 'NoSuchColumn'/);
  });
});
