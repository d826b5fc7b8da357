/**
 * The Teams app package (appPackage/) is valid against the official schema shipped by @microsoft/app-manifest,
 * its icons have the sizes and look Teams requires, and the Agents Playground's mock users are the demo SOC team
 * of src/demo/seed/people.ts (so the two never drift apart). Reads files only; never touches the network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import AjvDraft04 from 'ajv-draft-04';
import AjvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v4';
import { HELP_EXAMPLES } from '../../../src/core/help-examples.js';
import { DEMO_TENANT_ID, SOC_TEAM } from '../../../src/demo/seed/people.js';

// CommonJS packages: under NodeNext their default import is `module.exports`, which also carries `.default`.
const Ajv = AjvDraft04.default;
const addFormats = AjvFormats.default;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const appPackage = join(root, 'appPackage');

/** What the toolkit puts in for `${{NAME}}` placeholders; ids must be GUIDs for the schema. */
const placeholderValues: Record<string, string> = {
  TEAMS_APP_ID: '2f7d9c1e-5b3a-4e8f-9d6c-1a2b3c4d5e6f',
  BOT_ID: '8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};

function readManifestText(): string {
  return readFileSync(join(appPackage, 'manifest.json'), 'utf8');
}

/** The manifest as the toolkit's zipAppPackage step would produce it; throws on an unknown placeholder. */
function substitutedManifest(): Record<string, unknown> {
  const text = readManifestText().replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_match, name: string) => {
    const value = placeholderValues[name];
    if (value === undefined)
      throw new Error(`manifest.json uses \${{${name}}}, which this test does not know`);
    return value;
  });
  return JSON.parse(text) as Record<string, unknown>;
}

const botSchema = z.object({
  botId: z.string(),
  scopes: z.array(z.string()),
  commandLists: z.array(
    z.object({
      scopes: z.array(z.string()),
      commands: z.array(z.object({ title: z.string(), description: z.string().optional() })),
    }),
  ),
});
const manifestShape = z.object({
  $schema: z.string(),
  manifestVersion: z.string(),
  icons: z.object({ color: z.string(), outline: z.string() }),
  bots: z.array(botSchema).length(1),
});

/** Minimal PNG reader: IHDR fields and, for 8-bit RGBA non-interlaced images, the unfiltered pixels. */
function readPng(path: string): { width: number; height: number; colorType: number; rgba?: Uint8Array } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const bitDepth = bytes[24]!;
  const colorType = bytes[25]!;
  const interlace = bytes[28]!;
  if (bitDepth !== 8 || colorType !== 6 || interlace !== 0) return { width, height, colorType };

  const idat: Buffer[] = [];
  for (let offset = 8; offset < bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    if (bytes.toString('ascii', offset + 4, offset + 8) === 'IDAT') {
      idat.push(bytes.subarray(offset + 8, offset + 8 + length));
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = Math.floor((left + up) / 2);
      else if (filter === 4) {
        const estimate = left + up - upLeft;
        const [pa, pb, pc] = [
          Math.abs(estimate - left),
          Math.abs(estimate - up),
          Math.abs(estimate - upLeft),
        ];
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, colorType, rgba };
}

describe('Teams app manifest', () => {
  it('validates against the official JSON schema its $schema names, bundled in @microsoft/app-manifest', () => {
    const raw = substitutedManifest();
    const manifest = manifestShape.parse(raw);
    const match =
      /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/.exec(
        manifest.$schema,
      );
    expect(match, `unexpected $schema ${manifest.$schema}`).not.toBeNull();
    expect(manifest.manifestVersion).toBe(match![1]);

    const schemaPath = join(
      root,
      'node_modules/@microsoft/app-manifest/build/json-schemas/teams',
      `v${manifest.manifestVersion}`,
      'MicrosoftTeams.schema.json',
    );
    expect(existsSync(schemaPath), `${schemaPath} is not installed`).toBe(true);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    const valid = validate(raw);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('keeps the app and bot ids as toolkit placeholders, never real ids', () => {
    const placeholder = (name: string) => `\${{${name}}}`;
    const manifest = z
      .object({ id: z.string(), bots: z.array(z.object({ botId: z.string() })) })
      .parse(JSON.parse(readManifestText()));
    expect(manifest.id).toBe(placeholder('TEAMS_APP_ID'));
    expect(manifest.bots[0]?.botId).toBe(placeholder('BOT_ID'));
  });

  it('offers a command list for every bot scope, each command with a title and a description', () => {
    const [bot] = manifestShape.parse(substitutedManifest()).bots;
    expect([...bot!.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const listedScopes = bot!.commandLists.flatMap((list) => list.scopes);
    expect([...listedScopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot!.commandLists) {
      expect(list.commands.length).toBeGreaterThan(0);
      for (const command of list.commands) {
        expect(command.title.trim(), JSON.stringify(command)).not.toBe('');
        expect(command.description?.trim(), JSON.stringify(command)).toBeTruthy();
      }
    }
  });

  it('only suggests questions Ward can answer in this build (the help examples)', () => {
    const [bot] = manifestShape.parse(substitutedManifest()).bots;
    const known = new Set<string>([...HELP_EXAMPLES, 'help']);
    const titles = bot!.commandLists.flatMap((list) => list.commands.map((command) => command.title));
    expect(titles.filter((title) => !known.has(title))).toEqual([]);
  });
});

describe('Teams app icons', () => {
  it('has a 192×192 color icon', () => {
    const manifest = manifestShape.parse(substitutedManifest());
    const png = readPng(join(appPackage, manifest.icons.color));
    expect({ width: png.width, height: png.height }).toEqual({ width: 192, height: 192 });
  });

  it('has a 32×32 outline icon that is white on transparent', () => {
    const manifest = manifestShape.parse(substitutedManifest());
    const png = readPng(join(appPackage, manifest.icons.outline));
    expect({ width: png.width, height: png.height }).toEqual({ width: 32, height: 32 });
    expect(png.colorType, 'outline must be RGBA so it can be transparent').toBe(6);
    const pixels = png.rgba!;
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) {
        transparent++;
        continue;
      }
      drawn++;
      expect([pixels[i], pixels[i + 1], pixels[i + 2]], `pixel ${i / 4} is not white`).toEqual([
        255, 255, 255,
      ]);
    }
    expect(transparent).toBeGreaterThan(0);
    expect(drawn).toBeGreaterThan(0);
  });
});

describe('Agents Playground mock data (.m365agentsplayground.yml)', () => {
  const userSchema = z.strictObject({
    id: z.string(),
    name: z.string(),
    userPrincipleName: z.string(),
    aadObjectId: z.string(),
    givenName: z.string(),
    surname: z.string(),
    email: z.string(),
  });
  const playgroundFile = z.object({
    version: z.literal('0.1.1'),
    tenantId: z.string(),
    bot: z.object({ id: z.string(), name: z.string() }),
    currentUser: userSchema,
    users: z.array(userSchema),
    personalChat: z.object({ id: z.string() }),
    groupChat: z.object({ id: z.string(), name: z.string() }),
    team: z.object({
      id: z.string(),
      name: z.string(),
      aadGroupId: z.string(),
      channels: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  });
  const config = playgroundFile.parse(
    parseYaml(readFileSync(join(root, '.m365agentsplayground.yml'), 'utf8')),
  );
  const socTeam = Object.values(SOC_TEAM);

  it('lists the SOC team: Patti as current user and the five others, with object ids, names and UPNs from people.ts', () => {
    expect(config.users).toHaveLength(5);
    expect([config.currentUser.aadObjectId, ...config.users.map((user) => user.aadObjectId)].sort()).toEqual(
      socTeam.map((person) => person.id).sort(),
    );
    for (const user of config.users) {
      const person = socTeam.find((candidate) => candidate.id === user.aadObjectId)!;
      expect(user).toMatchObject({
        name: `${person.givenName} ${person.surname}`,
        givenName: person.givenName,
        surname: person.surname,
        userPrincipleName: person.userPrincipalName,
        email: person.userPrincipalName,
      });
    }
  });

  it('makes Patti Fernandez, the SOC lead, the current user in the demo tenant', () => {
    expect(config.tenantId).toBe(DEMO_TENANT_ID);
    const { patti } = SOC_TEAM;
    expect(config.currentUser).toMatchObject({
      aadObjectId: patti.id,
      userPrincipleName: patti.userPrincipalName,
      email: patti.userPrincipalName,
      givenName: patti.givenName,
      surname: patti.surname,
    });
  });

  it('stays within what the Playground accepts: unique user ids and conversation ids, one extra channel', () => {
    const userIds = [config.currentUser.id, ...config.users.map((user) => user.id)];
    expect(new Set(userIds).size).toBe(userIds.length);
    const conversationIds = [
      config.personalChat.id,
      config.groupChat.id,
      config.team.id,
      ...config.team.channels.map((channel) => channel.id),
    ];
    expect(new Set(conversationIds).size).toBe(conversationIds.length);
    expect(config.team.channels.length).toBeLessThanOrEqual(1);
    expect(config.bot.name.length).toBeLessThanOrEqual(42);
    expect(config.bot.name).toBe('Ward');
  });
});
