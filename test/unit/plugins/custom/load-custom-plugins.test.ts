/**
 * Loading custom plugin manifests: a valid folder becomes plugins with the built-in contract; every problem —
 * YAML syntax, a misspelt key, a placeholder or KQL error (at its line inside the query), a non-GET operation,
 * an unset environment variable, a name already taken — stops the load with the file, line and column, all of
 * them at once, and never a secret.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/core/errors.js';
import { ManifestError } from '../../../../src/manifests/load-manifest-folder.js';
import {
  type CustomPluginServices,
  loadCustomPlugins,
} from '../../../../src/plugins/custom/load-custom-plugins.js';

let folder: string;
let shown: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ward-custom-plugins-'));
  shown = relative(process.cwd(), folder);
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const services = (env: Record<string, string> = {}): CustomPluginServices => ({
  env: (name) => env[name],
  timeoutMs: 2_000,
  maxRetries: 0,
});

/** The problems a load fails with, one line each, file names relative to the test folder. */
async function problems(env: Record<string, string> = {}): Promise<string[]> {
  const error = await loadCustomPlugins(folder, services(env)).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ManifestError);
  expect(error).toBeInstanceOf(ConfigError);
  const [heading, ...lines] = (error as ManifestError).message.split('\n');
  expect(heading).toBe('Custom plugin manifests are invalid:');
  return lines.map((line) => line.replaceAll(`${shown}/`, ''));
}

const HUNTS = `name: hunts
displayName: Hunts
version: 1.0.0
description: Saved hunts.
skills:
  - kind: kql
    name: userFailures
    description: A user's failed sign-ins.
    triggers: [failure report]
    parameters:
      - name: user
        type: upn
        description: the user
      - name: days
        type: days
        description: days back
        default: 7
    timespan: days
    query: |
      SigninLogs
      | where TimeGenerated > ago({{days}})
      | where UserPrincipalName =~ {{user}}
      | where ResultType != "0"
`;

describe('a valid folder', () => {
  it('loads each manifest as a plugin with typed skills, no actions and a healthy check', async () => {
    await writeFile(join(folder, 'hunts.yaml'), HUNTS);
    await writeFile(join(folder, 'notes.txt'), 'not a manifest');
    const loaded = await loadCustomPlugins(folder, services());
    expect(loaded.plugins.map((plugin) => plugin.name)).toEqual(['hunts']);
    const [plugin] = loaded.plugins;
    expect(plugin?.displayName).toBe('Hunts');
    expect(plugin?.actions).toEqual([]);
    expect(await plugin?.health({ signal: AbortSignal.timeout(1_000) })).toEqual({ ok: true });
    const skill = plugin?.skills[0];
    expect(skill?.name).toBe('userFailures');
    expect(skill?.input.parse({ user: 'adele.vance@contoso.com' })).toEqual({
      user: 'adele.vance@contoso.com',
      days: 7,
    });
    expect(skill?.input.safeParse({ user: 'not a upn' }).success).toBe(false);
    expect(skill?.input.safeParse({ user: 'a@b.com', days: 0 }).success).toBe(false);
    expect(loaded.skills).toEqual([
      expect.objectContaining({
        ref: 'hunts.userFailures',
        kind: 'kql',
        title: 'User failures',
        triggers: ['failure report'],
        parameters: [
          expect.objectContaining({ name: 'user', type: 'upn', required: true }),
          expect.objectContaining({ name: 'days', type: 'days', required: false, default: 7 }),
        ],
      }),
    ]);
    // No Sentinel workspace was given: the skill loads, and the admin is told it cannot run here.
    expect(loaded.warnings.join('\n')).toMatch(/hunts runs KQL \(userFailures\).*no Sentinel workspace/);
  });

  it('is empty when the folder does not exist', async () => {
    expect(await loadCustomPlugins(join(folder, 'missing'), services())).toEqual({
      plugins: [],
      skills: [],
      warnings: [],
    });
  });

  it('reads JSON manifests too', async () => {
    const manifest = {
      name: 'drafts',
      displayName: 'Drafts',
      version: '0.1.0',
      description: 'Drafts.',
      skills: [
        {
          kind: 'prompt',
          name: 'reply',
          description: 'Drafts a reply.',
          parameters: [{ name: 'to', type: 'upn', description: 'who' }],
          template: 'Write to {{to}}.',
        },
      ],
    };
    await writeFile(join(folder, 'drafts.json'), JSON.stringify(manifest, null, 2));
    const loaded = await loadCustomPlugins(folder, services());
    expect(loaded.plugins[0]?.skills[0]?.name).toBe('reply');
  });
});

describe('problems, located', () => {
  it('a YAML syntax error, at its line', async () => {
    await writeFile(
      join(folder, 'hunts.yaml'),
      'name: hunts\nskills:\n  - kind: kql\n    query: [unclosed\n',
    );
    const [line] = await problems();
    expect(line).toMatch(/^hunts\.yaml:\d+:\d+ YAML: /);
  });

  it('a misspelt key, at the key, naming it', async () => {
    await writeFile(join(folder, 'hunts.yaml'), HUNTS.replace('    timespan: days', '    timespam: days'));
    expect(await problems()).toContain('hunts.yaml:18:5 skills.0: Unrecognized key: "timespam"');
  });

  it('an unknown kind, with the kinds there are', async () => {
    await writeFile(join(folder, 'hunts.yaml'), HUNTS.replace('kind: kql', 'kind: sql'));
    expect(await problems()).toEqual(['hunts.yaml:6:5 skills.0.kind: kind must be one of kql, http, prompt']);
  });

  it('an undeclared placeholder, at its line and column inside the query', async () => {
    await writeFile(join(folder, 'hunts.yaml'), HUNTS.replace('=~ {{user}}', '=~ {{usr}}'));
    expect(await problems()).toEqual([
      'hunts.yaml:22:36 skills.0.query: {{usr}} names no parameter: declare it under parameters (declared: user, days)',
      'hunts.yaml:11:9 skills.0.parameters.0.name: "user" is declared but no {{user}} uses it',
    ]);
  });

  it('a malformed placeholder, and one inside quotes', async () => {
    await writeFile(
      join(folder, 'hunts.yaml'),
      HUNTS.replace('=~ {{user}}', '=~ "{{user}}"').replace('!= "0"', '!= {{result code}}'),
    );
    expect(await problems()).toEqual([
      'hunts.yaml:23:29 skills.0.query: "{{result code}}" is not a placeholder: write {{parameterName}}, on one line',
      'hunts.yaml:22:37 skills.0.query: {{user}} is inside quotes: a placeholder becomes a quoted KQL literal itself, so write {{user}} without quotes',
    ]);
  });

  it('invalid KQL, at the line and column the parser points at', async () => {
    await writeFile(join(folder, 'hunts.yaml'), HUNTS.replace('| where ResultType', '| where ResultCode'));
    const [line, ...rest] = await problems();
    expect(rest).toEqual([]);
    expect(line).toMatch(
      /^hunts\.yaml:23:15 skills\.0\.query: KQL: The name 'ResultCode' does not refer to any known column.*\(KS142\)$/,
    );
  });

  it('a KQL error after a placeholder keeps its column in the written query', async () => {
    await writeFile(join(folder, 'hunts.yaml'), HUNTS.replace('=~ {{user}}', '=~ {{user}} and Nope == 1'));
    expect((await problems())[0]).toMatch(/^hunts\.yaml:22:49 skills\.0\.query: KQL: .*'Nope'/);
  });

  it('a parameter used where its type cannot go', async () => {
    await writeFile(join(folder, 'hunts.yaml'), HUNTS.replace('ago({{days}})', 'ago({{user}})'));
    const lines = await problems();
    expect(lines).toEqual([
      'hunts.yaml:21:35 skills.0.query: KQL: A value of type timespan expected. (KS107)',
    ]);
  });

  it('a KQL query in a JSON manifest: at the field, with the line and column in the query', async () => {
    await writeFile(
      join(folder, 'hunts.json'),
      JSON.stringify({
        name: 'hunts',
        displayName: 'Hunts',
        version: '1.0.0',
        description: 'Saved hunts.',
        skills: [
          {
            kind: 'kql',
            name: 'bad',
            description: 'x',
            timespan: 'P1D',
            query: 'SigninLogs\n| where Nope == 1',
          },
        ],
      }),
    );
    expect((await problems())[0]).toMatch(
      /^hunts\.json:1:\d+ skills\.0\.query: KQL: .*'Nope'.* \(line 2, column 9 of the text\)$/,
    );
  });

  it('a name a built-in plugin has', async () => {
    await writeFile(join(folder, 'hunts.yaml'), HUNTS.replace('name: hunts', 'name: sentinel'));
    expect(await problems()).toEqual([
      'hunts.yaml:1:1 name: "sentinel" is the name of a built-in plugin (entra, defender-xdr, intune, sentinel, defender-cloud, threat-intel, servicenow, script-analysis); choose another',
    ]);
  });

  it('a plugin name two files use, and a skill name used twice', async () => {
    await writeFile(join(folder, 'a.yaml'), HUNTS);
    const twice = HUNTS.replace('skills:\n', `skills:\n${HUNTS.split('skills:\n')[1]}`);
    await writeFile(join(folder, 'b.yaml'), twice.replace('name: hunts', 'name: hunts-two'));
    await writeFile(join(folder, 'c.yaml'), HUNTS);
    expect(await problems()).toEqual([
      'b.yaml:25:5 skills.1.name: "userFailures" is the name of another skill of this plugin',
    ]);
    await writeFile(join(folder, 'b.yaml'), HUNTS.replace('name: hunts', 'name: hunts-two'));
    expect(await problems()).toEqual([
      'c.yaml:1:1 name: "hunts" is also the name of the plugin in a.yaml; choose another',
    ]);
  });

  it('lists every problem of every file at once', async () => {
    await writeFile(join(folder, 'a.yaml'), HUNTS.replace('version: 1.0.0', 'version: one'));
    await writeFile(join(folder, 'b.yaml'), HUNTS.replace('name: hunts', 'name: Hunts'));
    const lines = await problems();
    expect(lines).toEqual([
      'a.yaml:3:1 version: must be a version such as 1.0.0',
      'b.yaml:1:1 name: must be a lowercase id of 2 to 24 letters, digits and dashes, e.g. contoso-hunting',
    ]);
  });

  it('a timespan that is neither a duration nor a period parameter, and a default of the wrong type', async () => {
    await writeFile(
      join(folder, 'hunts.yaml'),
      HUNTS.replace('timespan: days', 'timespan: user').replace('default: 7', 'default: seven'),
    );
    expect(await problems()).toEqual([
      'hunts.yaml:17:9 skills.0.parameters.1.default: is not a valid days: Invalid input: expected number, received string',
      'hunts.yaml:18:5 skills.0.timespan: must be an ISO 8601 duration such as P7D or PT24H, or the name of an hours or days parameter (days)',
    ]);
  });
});

const ASSETS = `name: assets
displayName: Asset inventory
version: 0.1.0
description: The CMDB.
baseUrl: \${ASSETS_URL}/api
auth:
  type: apiKey
  in: header
  name: X-Api-Key
  secretEnv: ASSETS_KEY
skills:
  - kind: http
    name: asset
    description: One asset.
    openapi: openapi/assets.yaml
    operationId: getAsset
    bind:
      hostname: device
`;

const OPENAPI = `openapi: 3.0.3
info: { title: assets, version: '1' }
paths:
  /assets/{hostname}:
    parameters:
      - name: hostname
        in: path
        required: true
        schema: { type: string }
    get:
      operationId: getAsset
      parameters:
        - name: detail
          in: query
          schema: { type: string, enum: [short, full], default: short }
    delete:
      operationId: retireAsset
`;

describe('HTTP skills, located', () => {
  beforeEach(async () => {
    await mkdir(join(folder, 'openapi'));
    await writeFile(join(folder, 'openapi', 'assets.yaml'), OPENAPI);
  });
  const env = { ASSETS_URL: 'https://assets.contoso.example', ASSETS_KEY: 'key-0123456789' };

  it('builds the input from the operation’s path and query parameters', async () => {
    await writeFile(join(folder, 'assets.yaml'), ASSETS);
    const loaded = await loadCustomPlugins(folder, services(env));
    const skill = loaded.plugins[0]?.skills[0];
    expect(skill?.input.parse({ hostname: 'DESKTOP-ADELE01' })).toEqual({
      hostname: 'DESKTOP-ADELE01',
      detail: 'short',
    });
    expect(skill?.input.safeParse({ hostname: 'x', detail: 'everything' }).success).toBe(false);
    expect(skill?.input.safeParse({}).success).toBe(false);
    expect(loaded.skills[0]?.parameters).toEqual([
      expect.objectContaining({ name: 'hostname', type: 'device', required: true }),
      expect.objectContaining({ name: 'detail', type: 'string', required: false, default: 'short' }),
    ]);
  });

  it('refuses a non-GET operation, saying why, with where it is in the document', async () => {
    await writeFile(
      join(folder, 'assets.yaml'),
      ASSETS.replace('operationId: getAsset', 'operationId: retireAsset'),
    );
    expect(await problems(env)).toEqual([
      `assets.yaml:16:5 skills.0.operationId: retireAsset is a DELETE operation (/assets/{hostname}): custom HTTP skills only read, so only GET operations can be skills (any other method may change data, and Ward's skills never write) (openapi/assets.yaml:16:5)`,
    ]);
  });

  it('an operation the document does not have, naming the ones it has', async () => {
    await writeFile(
      join(folder, 'assets.yaml'),
      ASSETS.replace('operationId: getAsset', 'operationId: getAssets'),
    );
    expect(await problems(env)).toEqual([
      'assets.yaml:16:5 skills.0.operationId: "getAssets" names no operation of the document (operations: getAsset, retireAsset)',
    ]);
  });

  it('unset environment variables: a ConfigError naming the file, line and variable, never a value', async () => {
    await writeFile(join(folder, 'assets.yaml'), ASSETS);
    expect(await problems({ ASSETS_KEY: env.ASSETS_KEY })).toEqual([
      `assets.yaml:5:1 baseUrl: needs \${ASSETS_URL}, which is not set`,
    ]);
    expect(await problems({ ASSETS_URL: env.ASSETS_URL })).toEqual([
      "assets.yaml:10:3 auth.secretEnv: ASSETS_KEY is not set: the plugin's apiKey secret is read from it",
    ]);
    const lines = await problems({ ...env, ASSETS_KEY: 'has a space 0123456789' });
    expect(lines).toEqual([
      'assets.yaml:10:3 auth.secretEnv: ASSETS_KEY must hold printable characters without spaces (the value is not shown)',
    ]);
    expect(lines.join('\n')).not.toContain('0123456789');
  });

  it('refuses plain http off this machine, and credentials in the URL', async () => {
    await writeFile(join(folder, 'assets.yaml'), ASSETS);
    expect(await problems({ ...env, ASSETS_URL: 'http://assets.contoso.example' })).toEqual([
      'assets.yaml:5:1 baseUrl: The base URL must use https (got "http://assets.contoso.example/api"); http is allowed only on loopback.',
    ]);
    expect(await problems({ ...env, ASSETS_URL: 'https://user:pw@assets.contoso.example' })).toEqual([
      'assets.yaml:5:1 baseUrl: The base URL must not contain a user name or password.',
    ]);
    const loaded = await loadCustomPlugins(folder, services({ ...env, ASSETS_URL: 'http://127.0.0.1:8080' }));
    expect(loaded.plugins).toHaveLength(1);
  });

  it('takes the document’s first server when the manifest has no baseUrl, and locates its problems there', async () => {
    await writeFile(join(folder, 'assets.yaml'), ASSETS.replace(`baseUrl: \${ASSETS_URL}/api\n`, ''));
    expect(await problems(env)).toEqual([
      'assets.yaml:14:5 skills.0.openapi: names an OpenAPI document that lists no servers: set baseUrl in the manifest',
    ]);
    await writeFile(
      join(folder, 'openapi', 'assets.yaml'),
      OPENAPI.replace('paths:', 'servers:\n  - url: /v1\npaths:'),
    );
    expect(await problems(env)).toEqual([
      'openapi/assets.yaml:4:5 servers.0.url: must be an absolute https URL (a relative server URL needs baseUrl in the manifest), got "/v1"',
    ]);
  });

  it('an OpenAPI document outside the manifest’s folder, missing, or invalid', async () => {
    await writeFile(join(folder, 'assets.yaml'), ASSETS.replace('openapi/assets.yaml', '../assets.yaml'));
    expect(await problems(env)).toEqual([
      'assets.yaml:15:5 skills.0.openapi: must be a path inside the manifest\'s folder, relative to it (got "../assets.yaml")',
    ]);
    await writeFile(join(folder, 'assets.yaml'), ASSETS.replace('openapi/assets.yaml', 'openapi/nope.yaml'));
    expect((await problems(env))[0]).toMatch(
      /^assets\.yaml:15:5 skills\.0\.openapi: names .*openapi\/nope\.yaml, which does not exist$/,
    );
    await writeFile(join(folder, 'assets.yaml'), ASSETS);
    await writeFile(
      join(folder, 'openapi', 'assets.yaml'),
      OPENAPI.replace('openapi: 3.0.3', 'swagger: "2.0"'),
    );
    expect(await problems(env)).toEqual([
      'openapi/assets.yaml:1:1 openapi: Invalid input: expected string, received undefined',
      'assets.yaml:15:5 skills.0.openapi: names an OpenAPI document with problems (listed with its file)',
    ]);
  });

  it('a bind naming no parameter, or a type the parameter cannot hold', async () => {
    await writeFile(
      join(folder, 'assets.yaml'),
      ASSETS.replace('hostname: device', 'host: device\n      detail: days'),
    );
    expect(await problems(env)).toEqual([
      'assets.yaml:18:7 skills.0.bind.host: "host" is not a path or query parameter of getAsset (hostname, detail)',
      'assets.yaml:19:7 skills.0.bind.detail: a days cannot fill "detail", which is of type string',
    ]);
  });
});
