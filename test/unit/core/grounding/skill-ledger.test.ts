/**
 * The skill ledger runs plugin skills for one question: it validates input with the skill's own schema, numbers
 * every source S1, S2, … in call order, and turns any failure into a recorded source instead of an exception.
 * The plugin here is a plain in-memory object built on the real contract in src/plugins/types.ts.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { SourceUnavailableError, WardError } from '../../../../src/core/errors.js';
import { createSkillLedger, type SkillLedgerOptions } from '../../../../src/core/grounding/skill-ledger.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { defineSkill, type Plugin, type PluginCallContext } from '../../../../src/plugins/types.js';

interface Reputation {
  ip: string;
  verdict: 'malicious' | 'clean';
}

/** A tiny threat-intel plugin: what it was called with, and skills that answer, fail or throw oddly. */
function intelPlugin() {
  const runs: { skill: string; input: unknown; context: PluginCallContext }[] = [];
  const plugin: Plugin = {
    name: 'intel',
    displayName: 'Contoso Threat Intel',
    version: '1.0.0',
    skills: [
      defineSkill({
        name: 'ipReputation',
        description: 'Reputation of one IP address.',
        input: z.object({ ip: z.ipv4(), days: z.number().int().min(1).max(90).default(30) }),
        async run(input, context) {
          runs.push({ skill: 'ipReputation', input, context });
          const data: Reputation = {
            ip: input.ip,
            verdict: input.ip.startsWith('185.') ? 'malicious' : 'clean',
          };
          return { data, requests: [`GET /reputation/${input.ip}?days=${input.days}`] };
        },
      }),
      defineSkill({
        name: 'unavailable',
        description: 'Always answers 503.',
        input: z.object({}),
        async run(input, context) {
          runs.push({ skill: 'unavailable', input, context });
          throw new SourceUnavailableError('Contoso Threat Intel answered 503 (service unavailable) twice.', {
            status: 503,
          });
        },
      }),
      defineSkill({
        name: 'crashes',
        description: 'Throws a plain error from deep inside.',
        input: z.object({}),
        async run(input, context) {
          runs.push({ skill: 'crashes', input, context });
          throw new TypeError("Cannot read properties of undefined (reading 'value') at /srv/intel.js:42");
        },
      }),
      defineSkill({
        name: 'throwsText',
        description: 'Throws a string, synchronously, as badly written plugins do.',
        input: z.object({}),
        run(input, context) {
          runs.push({ skill: 'throwsText', input, context });
          throw 'upstream said no';
        },
      }),
      defineSkill({
        name: 'brokenSchema',
        description: 'Its input schema throws while checking.',
        input: z.object({
          query: z.string().refine(() => {
            throw new Error('bug in the refinement');
          }),
        }),
        async run(input, context) {
          runs.push({ skill: 'brokenSchema', input, context });
          return { data: null, requests: [] };
        },
      }),
    ],
    actions: [],
    async health() {
      return { ok: true };
    },
  };
  return { plugin, runs };
}

function setup(options: Partial<SkillLedgerOptions> = {}) {
  const { plugin, runs } = intelPlugin();
  const ticks = [1000, 1042, 2000, 2007, 3000, 3001, 4000, 4003];
  const ledger = createSkillLedger({
    registry: createPluginRegistry([plugin]),
    signal: new AbortController().signal,
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    now: () => ticks.shift() ?? 9999,
    ...options,
  });
  return { ledger, runs };
}

describe('createSkillLedger', () => {
  it('numbers sources S1, S2, … in call order, with the service, requests and duration of each', async () => {
    const { ledger } = setup();
    const first = await ledger.call<Reputation>('intel.ipReputation', { ip: '185.220.101.4' });
    const second = await ledger.call<Reputation>('intel.ipReputation', { ip: '131.107.1.10', days: 7 });

    expect(first).toEqual({ ok: true, data: { ip: '185.220.101.4', verdict: 'malicious' }, sourceId: 'S1' });
    expect(second).toMatchObject({ ok: true, sourceId: 'S2' });
    expect(ledger.count()).toBe(2);
    expect(ledger.sources()).toEqual([
      {
        id: 'S1',
        plugin: 'intel',
        skill: 'ipReputation',
        service: 'Contoso Threat Intel',
        requests: ['GET /reputation/185.220.101.4?days=30'],
        ok: true,
        durationMs: 42,
        version: '1.0.0',
        input: { ip: '185.220.101.4', days: 30 },
      },
      {
        id: 'S2',
        plugin: 'intel',
        skill: 'ipReputation',
        service: 'Contoso Threat Intel',
        requests: ['GET /reputation/131.107.1.10?days=7'],
        ok: true,
        durationMs: 7,
        version: '1.0.0',
        input: { ip: '131.107.1.10', days: 7 },
      },
    ]);
  });

  it('gives the skill its parsed input (defaults filled), the signal and the tenant', async () => {
    const controller = new AbortController();
    const { ledger, runs } = setup({ signal: controller.signal });
    await ledger.call('intel.ipReputation', { ip: '185.220.101.4' });
    expect(runs).toEqual([
      {
        skill: 'ipReputation',
        input: { ip: '185.220.101.4', days: 30 },
        context: { signal: controller.signal, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
      },
    ]);
  });

  describe('input validation', () => {
    it.each([
      { input: { ip: "185.220.101.4' or 1 eq 1" }, problem: 'ip' },
      { input: { ip: '185.220.101.4', days: 365 }, problem: 'days' },
      { input: { ip: 42 }, problem: 'ip' },
      { input: 'just a string', problem: 'input' },
      { input: undefined, problem: 'input' },
    ])('never runs the skill on invalid input ($problem)', async ({ input, problem }) => {
      const { ledger, runs } = setup();
      const call = await ledger.call('intel.ipReputation', input);

      expect(runs).toEqual([]);
      expect(call.ok).toBe(false);
      if (call.ok) return;
      expect(call.sourceId).toBe('S1');
      expect(call.error.code).toBe('invalid_input');
      expect(call.error.message).toMatch(
        new RegExp(`^intel\\.ipReputation was called with invalid input: ${problem} `),
      );
      expect(ledger.sources()[0]).toMatchObject({
        id: 'S1',
        ok: false,
        error: call.error.message,
        requests: [],
      });
    });

    it('records a schema that throws while checking as the plugin failing, without running the skill', async () => {
      const { ledger, runs } = setup();
      const call = await ledger.call('intel.brokenSchema', { query: 'x' });
      expect(runs).toEqual([]);
      expect(call).toMatchObject({ ok: false, sourceId: 'S1' });
      expect(!call.ok && call.error.code).toBe('source_unavailable');
      expect(ledger.sources()[0]?.error).toBe(
        'Contoso Threat Intel could not check the input for intel.brokenSchema.',
      );
    });
  });

  describe('failures', () => {
    it("records a source's own error message, and hands back the same error", async () => {
      const { ledger } = setup();
      const call = await ledger.call('intel.unavailable', {});
      expect(call.ok).toBe(false);
      if (call.ok) return;
      expect(call.error).toBeInstanceOf(SourceUnavailableError);
      expect((call.error as SourceUnavailableError).status).toBe(503);
      expect(ledger.sources()).toEqual([
        {
          id: 'S1',
          plugin: 'intel',
          skill: 'unavailable',
          service: 'Contoso Threat Intel',
          requests: [],
          ok: false,
          error: 'Contoso Threat Intel answered 503 (service unavailable) twice.',
          durationMs: 42,
          version: '1.0.0',
          input: {},
        },
      ]);
    });

    it('turns an unexpected error into "failed unexpectedly", keeping the original only as the cause', async () => {
      const { ledger } = setup();
      const call = await ledger.call('intel.crashes', {});
      expect(call.ok).toBe(false);
      if (call.ok) return;
      expect(call.error).toBeInstanceOf(SourceUnavailableError);
      expect(call.error.message).toBe('Contoso Threat Intel failed unexpectedly.');
      expect(call.error.cause).toBeInstanceOf(TypeError);
      expect(ledger.sources()[0]?.error).toBe('Contoso Threat Intel failed unexpectedly.');
      expect(JSON.stringify(ledger.sources())).not.toContain('/srv/intel.js');
    });

    it('never throws, whatever the skill throws and however it throws it', async () => {
      const { ledger } = setup();
      const calls = await Promise.all([
        ledger.call('intel.throwsText', {}),
        ledger.call('intel.crashes', {}),
        ledger.call('intel.unavailable', {}),
      ]);
      expect(calls.map((call) => [call.sourceId, call.ok])).toEqual([
        ['S1', false],
        ['S2', false],
        ['S3', false],
      ]);
      expect(calls.every((call) => call.ok || WardError.isInstance(call.error))).toBe(true);
    });

    it('records an unknown skill ref as a failed source', async () => {
      const { ledger } = setup();
      const unknownSkill = await ledger.call('intel.whois', { domain: 'contoso.com' });
      const unknownPlugin = await ledger.call('sentinel.incident', { id: 4211 });

      expect(unknownSkill).toMatchObject({ ok: false, sourceId: 'S1' });
      expect(!unknownSkill.ok && unknownSkill.error.code).toBe('unknown_skill');
      expect(ledger.sources()).toEqual([
        {
          id: 'S1',
          plugin: 'intel',
          skill: 'whois',
          service: 'intel',
          requests: [],
          ok: false,
          error: 'No skill called intel.whois is available in this deployment.',
          input: { domain: 'contoso.com' },
        },
        {
          id: 'S2',
          plugin: 'sentinel',
          skill: 'incident',
          service: 'sentinel',
          requests: [],
          ok: false,
          error: 'No skill called sentinel.incident is available in this deployment.',
          input: { id: 4211 },
        },
      ]);
      expect(unknownPlugin.ok).toBe(false);
    });
  });

  describe('progress', () => {
    it('reports each skill that actually starts, not refused calls', async () => {
      const started: string[] = [];
      const { ledger } = setup({ onCall: (ref) => started.push(ref) });
      await ledger.call('intel.ipReputation', { ip: '185.220.101.4' });
      await ledger.call('intel.ipReputation', { ip: 'not an ip' });
      await ledger.call('intel.nothing', {});
      await ledger.call('intel.unavailable', {});
      expect(started).toEqual(['intel.ipReputation', 'intel.unavailable']);
    });

    it('still runs the skill when the progress callback throws', async () => {
      const { ledger } = setup({
        onCall: () => {
          throw new Error('Teams typing indicator failed');
        },
      });
      const call = await ledger.call<Reputation>('intel.ipReputation', { ip: '185.220.101.4' });
      expect(call).toMatchObject({ ok: true, data: { verdict: 'malicious' } });
    });
  });

  it('hands out copies of its sources, so a caller cannot rewrite the record', async () => {
    const { ledger } = setup();
    await ledger.call('intel.unavailable', {});
    const copy = ledger.sources();
    copy[0]!.ok = true;
    copy[0]!.error = undefined;
    expect(ledger.sources()[0]).toMatchObject({ ok: false, error: expect.stringContaining('503') });
  });
});

/** A hunting plugin whose skill takes text and an API key, to check what the ledger keeps of an input. */
function huntingPlugin(delays: number[] = []) {
  const received: unknown[] = [];
  const plugin: Plugin = {
    name: 'hunting',
    displayName: 'Contoso Hunting',
    version: '2.3.1',
    skills: [
      defineSkill({
        name: 'query',
        description: 'Runs a query.',
        input: z.object({
          query: z.string().min(1).max(10_000),
          apiKey: z.string().optional(),
          hours: z.number().int().default(24),
        }),
        async run(input) {
          received.push(input);
          const delay = delays.shift() ?? 0;
          if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
          return { data: { rows: [{ n: 1 }], rowCount: 1 }, requests: [`POST /query: ${input.query}`] };
        },
      }),
    ],
    actions: [],
    async health() {
      return { ok: true };
    },
  };
  return { plugin, received };
}

describe('what the ledger keeps of each call', () => {
  const jwt =
    'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGVsZSIsInRpZCI6ImNvbnRvc28ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

  it('records the validated input, the plugin version and the duration on the source and in the call record', async () => {
    const { plugin } = huntingPlugin();
    const ticks = [100, 163];
    const ledger = createSkillLedger({
      registry: createPluginRegistry([plugin]),
      signal: new AbortController().signal,
      now: () => ticks.shift() ?? 999,
    });
    await ledger.call('hunting.query', { query: 'SigninLogs | take 5' });
    expect(ledger.sources()[0]).toMatchObject({
      id: 'S1',
      version: '2.3.1',
      input: { query: 'SigninLogs | take 5', hours: 24 },
      durationMs: 63,
    });
    expect(ledger.calls()).toEqual([
      {
        sourceId: 'S1',
        plugin: 'hunting',
        skill: 'query',
        pluginVersion: '2.3.1',
        input: { query: 'SigninLogs | take 5', hours: 24 },
        ok: true,
        error: null,
        data: { rows: [{ n: 1 }], rowCount: 1 },
        durationMs: 63,
      },
    ]);
  });

  it('redacts a secret-looking input (a token in the text, a value under a key naming a secret) but runs the skill with the real one', async () => {
    const { plugin, received } = huntingPlugin();
    const ledger = createSkillLedger({
      registry: createPluginRegistry([plugin]),
      signal: new AbortController().signal,
    });
    const query = `AuditLogs | where Headers has "Authorization: Bearer ${jwt}"`;
    await ledger.call('hunting.query', { query, apiKey: 'k-7f3a9c2e11d04b5f' });
    expect(received).toEqual([{ query, apiKey: 'k-7f3a9c2e11d04b5f', hours: 24 }]);
    // Requests are redacted with the rest of the answer in post-processing; the inputs are redacted here.
    const kept = JSON.stringify([ledger.sources()[0]?.input, ledger.calls().map((call) => call.input)]);
    expect(kept).not.toContain(jwt);
    expect(kept).not.toContain('k-7f3a9c2e11d04b5f');
    expect(ledger.calls()[0]?.input).toEqual({
      query: 'AuditLogs | where Headers has "Authorization: Bearer [redacted token]"',
      apiKey: '[redacted]',
      hours: 24,
    });
    expect(ledger.sources()[0]?.input).toMatchObject({ apiKey: '[redacted]' });
  });

  it('shortens a long input on the source but keeps it whole in the call record', async () => {
    const { plugin } = huntingPlugin();
    const ledger = createSkillLedger({
      registry: createPluginRegistry([plugin]),
      signal: new AbortController().signal,
    });
    const query = `SigninLogs ${'| where UserPrincipalName != "nobody@contoso.com" '.repeat(60)}| take 1`;
    await ledger.call('hunting.query', { query });
    const shown = ledger.sources()[0]?.input?.query as string;
    expect(shown.length).toBeLessThanOrEqual(300);
    expect(shown.endsWith('…')).toBe(true);
    expect(ledger.calls()[0]?.input.query).toBe(query);
  });

  it('keeps a failed call with its reason and no data, and a refused one without a duration', async () => {
    const { ledger } = setup();
    await ledger.call('intel.unavailable', {});
    await ledger.call('intel.ipReputation', { ip: 'not an ip' });
    expect(ledger.calls()).toEqual([
      expect.objectContaining({
        sourceId: 'S1',
        ok: false,
        error: 'Contoso Threat Intel answered 503 (service unavailable) twice.',
        data: null,
        durationMs: 42,
        pluginVersion: '1.0.0',
      }),
      expect.objectContaining({
        sourceId: 'S2',
        ok: false,
        input: { ip: 'not an ip' },
        data: null,
        durationMs: null,
      }),
    ]);
  });

  it('times the sources once when calls overlap', async () => {
    const { plugin } = huntingPlugin([60, 60]);
    const ledger = createSkillLedger({
      registry: createPluginRegistry([plugin]),
      signal: new AbortController().signal,
    });
    const started = performance.now();
    await Promise.all([
      ledger.call('hunting.query', { query: 'SigninLogs | take 1' }),
      ledger.call('hunting.query', { query: 'AuditLogs | take 1' }),
    ]);
    const wall = performance.now() - started;
    expect(ledger.activeMs()).toBeGreaterThanOrEqual(55);
    // Two 60 ms calls side by side take about 60 ms, not 120.
    expect(ledger.activeMs()).toBeLessThanOrEqual(Math.ceil(wall) + 1);
    expect(ledger.activeMs()).toBeLessThan(110);
  });
});
