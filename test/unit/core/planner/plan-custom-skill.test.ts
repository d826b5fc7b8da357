/**
 * Custom skills in the rules planner: a question holding a trigger phrase is a `custom` question (before the
 * built-in keywords, after "kql:" and pasted scripts); its parameters are filled from what the question
 * grounds, by type; a missing required one gets help naming it with an example; the answer card shows the KQL
 * and rows (KQL skills), the JSON as facts and a table (HTTP skills) or the model's text labelled as the
 * model's (prompt skills), cited; a failed source is a partial answer naming it. The KQL skills run on the demo
 * tenant's workspace, the HTTP skill against a local server.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogAnalyticsClient } from '../../../../src/clients/log-analytics.js';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import { classifyIntent } from '../../../../src/core/planner/classify-intent.js';
import type { PlanOutcome } from '../../../../src/core/planner/planner.js';
import { createRulesPlanner } from '../../../../src/core/planner/rules-planner.js';
import { createPluginRegistry, type PluginRegistry } from '../../../../src/core/plugin-registry.js';
import { type RunningDemoTenant, startDemoTenant } from '../../../../src/demo/start-demo-tenant.js';
import type { CustomSkillDescriptor } from '../../../../src/plugins/custom/custom-skill-descriptor.js';
import { loadCustomPlugins } from '../../../../src/plugins/custom/load-custom-plugins.js';
import { adeleCompromised, ask, draftOf, fakeEntraPlugin, meganHealthy } from './planner-fixtures.js';

let demo: RunningDemoTenant;
let api: Server;
let folder: string;
let registry: PluginRegistry;
let skills: CustomSkillDescriptor[];
let apiStatus = 200;
const apiRequests: string[] = [];

beforeAll(async () => {
  demo = await startDemoTenant({ seed: 4211, identityProtectionRate: false });
  api = createServer((request, response) => {
    apiRequests.push(request.url ?? '');
    response.writeHead(apiStatus, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(
        request.url?.startsWith('/assets?')
          ? {
              total: 2,
              items: [
                { hostname: 'DESKTOP-ADELE01', criticality: 'high', owner: 'adele.vance@contoso.com' },
                { hostname: 'LAPTOP-ADELE02', criticality: 'low', owner: 'adele.vance@contoso.com' },
              ],
            }
          : { hostname: 'DESKTOP-ADELE01', owner: 'adele.vance@contoso.com', site: { city: 'Seattle' } },
      ),
    );
  });
  api.listen(0, '127.0.0.1');
  await once(api, 'listening');
  folder = await mkdtemp(join(tmpdir(), 'ward-plan-custom-'));
  await mkdir(join(folder, 'openapi'));
  await writeFile(
    join(folder, 'openapi', 'assets.yaml'),
    `openapi: 3.0.3
paths:
  /assets/{hostname}:
    get:
      operationId: getAsset
      parameters: [{ name: hostname, in: path, required: true, schema: { type: string } }]
  /assets:
    get:
      operationId: listAssets
      parameters: [{ name: owner, in: query, required: true, schema: { type: string, format: email } }]
`,
  );
  await writeFile(
    join(folder, 'assets.yaml'),
    `name: assets
displayName: Asset inventory
version: 0.1.0
description: The CMDB.
baseUrl: http://127.0.0.1:${(api.address() as AddressInfo).port}
skills:
  - kind: http
    name: asset
    title: Asset record
    description: One asset.
    openapi: openapi/assets.yaml
    operationId: getAsset
    bind: { hostname: device }
    triggers: [asset record]
  - kind: http
    name: ownedBy
    title: Assets owned by
    description: A user's assets.
    openapi: openapi/assets.yaml
    operationId: listAssets
    triggers: [assets owned by]
`,
  );
  await writeFile(
    join(folder, 'drafts.yaml'),
    `name: drafts
displayName: SOC drafts
version: 0.1.0
description: Drafts.
skills:
  - kind: prompt
    name: reply
    title: Phishing reply
    description: A reply.
    triggers: [draft phishing reply]
    parameters: [{ name: reporter, type: upn, description: who reported it }]
    template: Write to {{reporter}}.
`,
  );
  const logs = createLogAnalyticsClient({ baseUrl: demo.logAnalyticsUrl, timeoutMs: 10_000, maxRetries: 0 });
  const hunting = { logs, workspaceId: demo.tenant.state.logAnalytics.workspace.workspaceId };
  const services = {
    env: () => undefined,
    timeoutMs: 5_000,
    maxRetries: 0,
    hunting,
    complete: async (prompt: string) => ({ text: `Dear colleague, thanks. (${prompt})`, tokens: 9 }),
  };
  const shipped = await loadCustomPlugins('plugins/custom', services);
  const mine = await loadCustomPlugins(folder, services);
  const { plugin: entra } = fakeEntraPlugin({ users: [adeleCompromised(), meganHealthy()] });
  registry = createPluginRegistry([entra, ...shipped.plugins, ...mine.plugins]);
  skills = [...shipped.skills, ...mine.skills];
});
afterAll(async () => {
  await demo?.close();
  api?.close();
  await rm(folder, { recursive: true, force: true });
});

const intentOf = (text: string) => classifyIntent(text, extractEntities(text), { customSkills: skills });

async function plan(
  text: string,
): Promise<{ outcome: PlanOutcome; ledger: ReturnType<typeof createSkillLedger> }> {
  const signal = AbortSignal.timeout(15_000);
  const ledger = createSkillLedger({ registry, signal });
  const planner = createRulesPlanner({ customSkills: skills });
  const { outcome } = await ask(planner, text, ledger, signal, { intent: intentOf(text) });
  return { outcome, ledger };
}

describe('routing', () => {
  it.each([
    ['@Ward show legacy auth sign-ins', 'contoso-hunting.legacyAuthSignIns'],
    ['failed sign-in history of adele.vance@contoso.com', 'contoso-hunting.failedSignInHistory'],
    ['asset record for DESKTOP-ADELE01', 'assets.asset'],
  ])('"%s" is a custom question for %s', (text, ref) => {
    const intent = intentOf(text);
    expect(intent.intent).toBe('custom');
    expect(intent.reason).toContain(ref);
  });

  it.each([
    ['is legacy auth blocked?', 'identity-posture'],
    ['kql: SigninLogs | where ClientAppUsed == "legacy auth sign-ins" | take 1', 'hunt'],
    ['find failed sign-ins by IP this week', 'hunt'],
    ['is DESKTOP-ADELE01 compliant?', 'device'],
  ])('"%s" keeps %s', (text, intent) => {
    expect(intentOf(text).intent).toBe(intent);
  });

  it('without custom skills, a trigger phrase means nothing special', () => {
    const text = 'show legacy auth sign-ins';
    expect(classifyIntent(text, extractEntities(text)).intent).not.toBe('custom');
  });
});

describe('KQL skills', () => {
  it('answers with the rows, the validated KQL as evidence and a cited table', async () => {
    const { outcome, ledger } = await plan('@Ward show legacy auth sign-ins');
    const draft = draftOf(outcome);
    expect(draft.intent).toBe('custom');
    expect(draft.title).toMatch(/^Legacy authentication sign-ins: \d+ rows$/);
    expect(draft.rerunnable).toBe(true);
    expect(draft.summary).toMatch(
      /^Contoso hunting returned \d+ rows from Sentinel for P30D\. First: UserPrincipalName /,
    );
    const [kql, results] = draft.evidence ?? [];
    expect(kql?.rows[0]?.[0]).toMatch(/^SigninLogs\n\| where TimeGenerated > ago\(30d\)/);
    expect(results?.columns).toEqual([
      'UserPrincipalName',
      'ClientAppUsed',
      'SignIns',
      'Results',
      'Addresses',
      'LastSeen',
    ]);
    expect(results?.rows.length).toBeGreaterThan(0);
    expect(results?.rows.length).toBeLessThanOrEqual(25);
    expect(results?.citations).toEqual(['S1']);
    expect(ledger.sources()).toEqual([
      expect.objectContaining({ id: 'S1', plugin: 'contoso-hunting', ok: true }),
    ]);
    expect(draft.facts).toContainEqual({ label: 'days', value: '30' });
  });

  it('takes the period from "last 3 days" and a pattern word from the question', async () => {
    const { outcome } = await plan('show sign-ins from country NL in the last 3 days');
    const draft = draftOf(outcome);
    expect(draft.facts).toEqual(
      expect.arrayContaining([
        { label: 'country', value: 'NL' },
        { label: 'days', value: '3' },
        { label: 'Period', value: 'P3D' },
      ]),
    );
    expect(draft.evidence?.[0]?.rows[0]?.[0]).toContain('| where Location == "NL"');
    expect(draft.evidence?.[1]?.rows.every((row) => row[1] === 'adele.vance@contoso.com')).toBe(true);
  });

  it('brings a period beyond the parameter’s bounds within them instead of refusing it', async () => {
    const { outcome } = await plan('legacy auth sign-ins over the past 400 days');
    expect(draftOf(outcome).facts).toEqual(
      expect.arrayContaining([
        { label: 'days', value: '90' },
        { label: 'Period', value: 'P90D' },
      ]),
    );
  });

  it('fills a UPN parameter from a person named in the question, looked up in the directory', async () => {
    const { outcome, ledger } = await plan('failed sign-in history of adele');
    const draft = draftOf(outcome);
    expect(draft.facts).toContainEqual({ label: 'user', value: 'adele.vance@contoso.com' });
    expect(ledger.sources().map((source) => `${source.plugin}.${source.skill}`)).toEqual([
      'entra.findUsers',
      'contoso-hunting.failedSignInHistory',
    ]);
  });

  it('asks for a required parameter it cannot fill, naming it, with an example, and runs nothing', async () => {
    const { outcome, ledger } = await plan('failed sign-in history please');
    expect(outcome).toEqual({
      kind: 'help',
      reason:
        'Failed sign-in history (Contoso hunting) needs user (the user\'s UPN (or name them, and Ward looks them up)). Ask again with it, e.g. "failed sign-in history adele.vance@contoso.com".',
    });
    expect(ledger.count()).toBe(0);
    const country = await plan('sign-ins from country please');
    expect(country.outcome).toMatchObject({
      kind: 'help',
      reason: expect.stringContaining('e.g. "sign-ins from country NL"'),
    });
  });

  it('a failing workspace is a partial answer naming the source', async () => {
    await fetch(`${demo.url}/_demo/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'loganalytics', status: 503, times: 5 }),
    });
    try {
      const { outcome, ledger } = await plan('legacy auth sign-ins');
      const draft = draftOf(outcome);
      expect(draft.title).toBe('Legacy authentication sign-ins: Contoso hunting unavailable');
      expect(draft.summary).toMatch(/try again in a minute/);
      expect(draft.rerunnable).toBe(true);
      expect(ledger.sources()[0]).toMatchObject({ ok: false, plugin: 'contoso-hunting' });
    } finally {
      await fetch(`${demo.url}/_demo/faults`, { method: 'DELETE' });
    }
  });
});

describe('HTTP skills', () => {
  it('flattens an object to facts, the device bound from the question', async () => {
    const { outcome } = await plan('asset record for DESKTOP-ADELE01');
    const draft = draftOf(outcome);
    expect(apiRequests.at(-1)).toBe('/assets/DESKTOP-ADELE01');
    expect(draft.title).toBe('Asset record: 3 fields');
    expect(draft.facts).toEqual(
      expect.arrayContaining([
        { label: 'hostname', value: 'DESKTOP-ADELE01' },
        { label: 'owner', value: 'adele.vance@contoso.com' },
        { label: 'site.city', value: 'Seattle' },
      ]),
    );
  });

  it('shows a list as a table, cited, with the scalar fields as facts', async () => {
    const { outcome } = await plan('assets owned by adele.vance@contoso.com');
    const draft = draftOf(outcome);
    expect(apiRequests.at(-1)).toBe('/assets?owner=adele.vance%40contoso.com');
    expect(draft.title).toBe('Assets owned by: 2 items');
    expect(draft.summary).toBe(
      'Asset inventory returned 2 items. First: hostname DESKTOP-ADELE01, criticality high, owner adele.vance@contoso.com.',
    );
    expect(draft.evidence).toEqual([
      {
        title: 'Assets owned by (2 items)',
        columns: ['hostname', 'criticality', 'owner'],
        rows: [
          ['DESKTOP-ADELE01', 'high', 'adele.vance@contoso.com'],
          ['LAPTOP-ADELE02', 'low', 'adele.vance@contoso.com'],
        ],
        citations: ['S1'],
      },
    ]);
    expect(draft.facts).toContainEqual({ label: 'total', value: '2' });
  });

  it('a failing API is a partial answer naming it', async () => {
    apiStatus = 500;
    try {
      const { outcome, ledger } = await plan('asset record for DESKTOP-ADELE01');
      const draft = draftOf(outcome);
      expect(draft.title).toBe('Asset record: Asset inventory unavailable');
      expect(draft.summary).toMatch(/^Asset inventory failed \(500\)\./);
      expect(ledger.sources()[0]).toMatchObject({ ok: false, service: 'Asset inventory' });
    } finally {
      apiStatus = 200;
    }
  });

  it('a 404 says nothing was found', async () => {
    apiStatus = 404;
    try {
      const { outcome } = await plan('asset record for NOPE-01');
      expect(draftOf(outcome).title).toBe('Asset record: nothing found');
    } finally {
      apiStatus = 200;
    }
  });
});

describe('prompt skills', () => {
  it('answers with the model’s text, labelled as the model’s', async () => {
    const { outcome } = await plan('draft phishing reply to megan.bowen@contoso.com');
    const draft = draftOf(outcome);
    expect(draft.title).toBe('Phishing reply (written by the model)');
    expect(draft.summary).toBe('Dear colleague, thanks. (Write to megan.bowen@contoso.com.)');
    expect(draft.facts).toContainEqual({
      label: 'Written by',
      value: 'the model, from the skill’s prompt template',
    });
    expect(draft.guidance?.[0]).toMatch(/written by a language model .* not read from your tenant/);
  });
});
