/**
 * The Defender XDR plugin's skills: the requests they build from validated input only, what they refuse before
 * any request (wrong, injection-looking or out-of-range ids, ServiceNow numbers, bad users, filters out of
 * bounds), how "no such incident" differs from a failing source, and the filters Graph cannot apply (user,
 * incident of an alert) applied in Ward. Each skill runs through the real ledger against a Graph client that
 * evaluates requests with the demo tenant's OData logic (see fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { createDefenderXdrPlugin } from '../../../../src/plugins/defender-xdr/defender-xdr-plugin.js';
import type { AlertList } from '../../../../src/plugins/defender-xdr/skills/alerts.js';
import type { IncidentList } from '../../../../src/plugins/defender-xdr/skills/incidents.js';
import {
  ADELE_ID,
  ADELE_UPN,
  adeleAccount,
  adeleAlerts,
  alert,
  DIEGO_ID,
  type FakeGraphOptions,
  fakeGraph,
  incident,
  minutesAgo,
  NOW,
  userEvidence,
} from './fixtures.js';

function setup(options: FakeGraphOptions = {}) {
  const graph = fakeGraph(options);
  const plugin = createDefenderXdrPlugin({ graph, now: () => NOW });
  const ledger = createSkillLedger({
    registry: createPluginRegistry([plugin]),
    signal: AbortSignal.timeout(5_000),
  });
  return { graph, plugin, ledger };
}

const diegoAlert = (incidentId: string) =>
  alert({
    incidentId,
    title: 'Suspicious scheduled task',
    evidence: [
      userEvidence({
        userAccount: adeleAccount({
          azureAdUserId: DIEGO_ID,
          userPrincipalName: 'diego.siciliani@contoso.com',
          displayName: 'Diego Siciliani',
        }),
      }),
    ],
  });

describe('defender-xdr.incident', () => {
  it('reads the incident with its alerts expanded, by number or digits', async () => {
    const { graph, ledger } = setup({ incidents: [incident()], alerts: adeleAlerts() });
    const byNumber = await ledger.call('defender-xdr.incident', { incidentId: 4211 });
    const byDigits = await ledger.call('defender-xdr.incident', { incidentId: ' 4211 ' });
    expect(byNumber.ok && byDigits.ok).toBe(true);
    expect(graph.calls).toEqual([
      '/security/incidents/4211?$expand=alerts',
      '/security/incidents/4211?$expand=alerts',
    ]);
    if (!byNumber.ok) throw byNumber.error;
    const data = byNumber.data as { id: string; alerts: unknown[] };
    expect(data.id).toBe('4211');
    expect(data.alerts).toHaveLength(4);
    expect(ledger.sources()[0]?.requests).toEqual(['GET /v1.0/security/incidents/4211?$expand=alerts']);
  });

  it('answers null, not a failure, for a number Defender does not know', async () => {
    const { ledger } = setup({ incidents: [incident()] });
    const call = await ledger.call('defender-xdr.incident', { incidentId: '999999' });
    expect(call).toMatchObject({ ok: true, data: null });
  });

  it('fails as a source (cited, never thrown) when Graph fails', async () => {
    const { ledger } = setup({ incidents: [incident()], failing: /incidents/ });
    const call = await ledger.call('defender-xdr.incident', { incidentId: '4211' });
    expect(call.ok).toBe(false);
    expect(ledger.sources()[0]).toMatchObject({
      ok: false,
      error: 'Microsoft Graph failed (503) after retries.',
    });
  });

  it.each([
    ['a ServiceNow number', 'INC0012345', /ServiceNow number is not a Defender XDR incident id/],
    ['an OData injection', "4211' or 1 eq 1", /expected a Defender XDR incident id/],
    ['a path traversal', '../../users/adele.vance@contoso.com', /expected a Defender XDR incident id/],
    ['a query string', '4211?$expand=comments', /expected a Defender XDR incident id/],
    ['a second statement', '4211; DROP TABLE incidents', /expected a Defender XDR incident id/],
    ['zero', '0', /expected a Defender XDR incident id/],
    ['a negative number', -4211, /expected a Defender XDR incident id/],
    ['a fraction', 4211.5, /expected a Defender XDR incident id/],
    ['a number past 32 bits', '2147483648', /expected a Defender XDR incident id/],
    ['eleven digits', '99999999999', /expected a Defender XDR incident id/],
    ['a huge number', 1e21, /expected a Defender XDR incident id/],
    ['non-ASCII digits', '٤٢١١', /expected a Defender XDR incident id/],
    ['nothing', '', /expected a Defender XDR incident id/],
  ])('refuses %s before any request', async (_what, incidentId, message) => {
    const { graph, ledger } = setup({ incidents: [incident()] });
    const call = await ledger.call('defender-xdr.incident', { incidentId });
    expect(call.ok).toBe(false);
    if (call.ok) return;
    expect(call.error.code).toBe('invalid_input');
    expect(call.error.message).toMatch(message);
    expect(graph.calls).toEqual([]);
  });

  it('accepts the largest id Defender issues', async () => {
    const { graph, ledger } = setup();
    await ledger.call('defender-xdr.incident', { incidentId: '2147483647' });
    expect(graph.calls).toEqual(['/security/incidents/2147483647?$expand=alerts']);
  });
});

describe('defender-xdr.incidents', () => {
  const incidents = [
    incident({ id: '4211', severity: 'high', status: 'active', lastUpdateDateTime: minutesAgo(10) }),
    incident({ id: '4210', severity: 'medium', status: 'inProgress', lastUpdateDateTime: minutesAgo(30) }),
    incident({ id: '4209', severity: 'high', status: 'resolved', lastUpdateDateTime: minutesAgo(20) }),
    incident({
      id: '4100',
      severity: 'high',
      status: 'active',
      lastUpdateDateTime: minutesAgo(60 * 24 * 40),
    }),
  ];
  const alerts = [...adeleAlerts('4211'), diegoAlert('4210'), diegoAlert('4209'), ...adeleAlerts('4100')];

  it('filters by severity, status and recency on the server, alerts expanded, newest change first', async () => {
    const { graph, ledger } = setup({ incidents, alerts });
    const call = await ledger.call<IncidentList>('defender-xdr.incidents', {
      severities: ['high', 'high'],
      statuses: ['active', 'inProgress'],
      days: 30,
    });
    if (!call.ok) throw call.error;
    expect(graph.calls).toEqual([
      `/security/incidents?$filter=${encodeURIComponent(
        `severity eq 'high' and (status eq 'active' or status eq 'inProgress') and lastUpdateDateTime ge ${minutesAgo(60 * 24 * 30)}`,
      )}&$expand=alerts&$top=20`,
    ]);
    expect(call.data.incidents.map((i) => i.id)).toEqual(['4211']);
    expect(call.data.incidents[0]?.alerts).toHaveLength(4);
  });

  it('lists everything when asked for nothing in particular', async () => {
    const { graph, ledger } = setup({ incidents, alerts });
    const call = await ledger.call<IncidentList>('defender-xdr.incidents', {});
    if (!call.ok) throw call.error;
    expect(graph.calls).toEqual(['/security/incidents?$expand=alerts&$top=20']);
    expect(call.data.incidents.map((i) => i.id)).toEqual(['4211', '4209', '4210', '4100']);
    expect(call.data.truncated).toBe(false);
  });

  it("finds a user's incidents from the evidence, by object id or UPN in any case", async () => {
    const { graph, ledger } = setup({ incidents, alerts });
    const byId = await ledger.call<IncidentList>('defender-xdr.incidents', {
      user: { id: ADELE_ID.toUpperCase() },
    });
    const byUpn = await ledger.call<IncidentList>('defender-xdr.incidents', {
      user: { userPrincipalName: 'Adele.Vance@Contoso.com' },
    });
    if (!byId.ok || !byUpn.ok) throw new Error('expected both calls to answer');
    expect(byId.data.incidents.map((i) => i.id)).toEqual(['4211', '4100']);
    expect(byUpn.data.incidents.map((i) => i.id)).toEqual(['4211', '4100']);
    // Graph cannot filter by user: Ward reads up to 200 incidents, 50 a page.
    expect(graph.calls[0]).toBe('/security/incidents?$expand=alerts&$top=50');
    expect(byId.data.scanned).toBe(4);
  });

  it('says when there were more matching incidents than asked for', async () => {
    const { ledger } = setup({ incidents, alerts });
    const call = await ledger.call<IncidentList>('defender-xdr.incidents', { top: 1 });
    if (!call.ok) throw call.error;
    expect(call.data.incidents).toHaveLength(1);
    expect(call.data.truncated).toBe(true);
  });

  it.each([
    ['an unknown severity', { severities: ['critical'] }],
    ['an unknown status', { statuses: ['open'] }],
    ['an empty severity list', { severities: [] }],
    ['no days', { days: 0 }],
    ['too many days', { days: 181 }],
    ['too many incidents', { top: 51 }],
    ['a user with neither id nor UPN', { user: {} }],
    ['a user id that is not a GUID', { user: { id: "x' or 1 eq 1" } }],
    ['a UPN with a quote', { user: { userPrincipalName: "o'brien' or 1 eq 1@contoso.com" } }],
    ['a UPN that is not one', { user: { userPrincipalName: 'adele' } }],
  ])('refuses %s before any request', async (_what, input) => {
    const { graph, ledger } = setup({ incidents, alerts });
    const call = await ledger.call('defender-xdr.incidents', input);
    expect(call.ok).toBe(false);
    if (!call.ok) expect(call.error.code).toBe('invalid_input');
    expect(graph.calls).toEqual([]);
  });
});

describe('defender-xdr.alerts', () => {
  const alerts = [
    ...adeleAlerts('4211'),
    diegoAlert('4210'),
    alert({ incidentId: '4100', createdDateTime: minutesAgo(60 * 24 * 60) }),
  ];

  it("keeps an incident's alerts, read from the last days, newest first", async () => {
    const { graph, ledger } = setup({ alerts });
    const call = await ledger.call<AlertList>('defender-xdr.alerts', { incidentId: '4211', days: 30 });
    if (!call.ok) throw call.error;
    expect(call.data.alerts.map((a) => a.title)).toEqual([
      'Suspicious PowerShell command line',
      'Anonymous IP address',
      'Atypical travel',
      'Password spray',
    ]);
    expect(graph.calls).toEqual([
      `/security/alerts_v2?$filter=${encodeURIComponent(`createdDateTime ge ${minutesAgo(60 * 24 * 30)}`)}&$top=500`,
    ]);
  });

  it("keeps a user's alerts, and filters severity and status on the server", async () => {
    const { graph, ledger } = setup({ alerts });
    const call = await ledger.call<AlertList>('defender-xdr.alerts', {
      user: { id: DIEGO_ID },
      severities: ['medium'],
      statuses: ['new'],
    });
    if (!call.ok) throw call.error;
    expect(call.data.alerts.map((a) => a.incidentId)).toEqual(['4210']);
    expect(decodeURIComponent(graph.calls[0] ?? '')).toContain(
      "and severity eq 'medium' and status eq 'new'",
    );
  });

  it('asks Graph for only as many alerts as wanted when it filters nothing in Ward', async () => {
    const { graph, ledger } = setup({ alerts });
    await ledger.call<AlertList>('defender-xdr.alerts', { top: 5 });
    expect(graph.calls[0]).toMatch(/&\$top=5$/);
  });

  it.each([
    ['a ServiceNow number', { incidentId: 'SIR0001234' }],
    ['an injection in the incident id', { incidentId: "4211') or (1 eq 1" }],
    ['a status incidents have but alerts do not', { statuses: ['active'] }],
    ['too many alerts', { top: 201 }],
    ['too many days', { days: 365 }],
  ])('refuses %s before any request', async (_what, input) => {
    const { graph, ledger } = setup({ alerts });
    const call = await ledger.call('defender-xdr.alerts', input);
    expect(call.ok).toBe(false);
    expect(graph.calls).toEqual([]);
  });
});

describe('the plugin', () => {
  it('is read-only and named defender-xdr', () => {
    const { plugin } = setup();
    expect(plugin).toMatchObject({
      name: 'defender-xdr',
      displayName: 'Microsoft Defender XDR',
      actions: [],
    });
    expect(plugin.skills.map((skill) => skill.name)).toEqual([
      'incident',
      'incidents',
      'alerts',
      'advancedHunting',
    ]);
  });

  it('is healthy when one incident can be listed, and says why not otherwise', async () => {
    const healthy = setup({ incidents: [incident()] });
    expect(await healthy.plugin.health({ signal: AbortSignal.timeout(1_000) })).toEqual({ ok: true });
    expect(healthy.graph.calls).toEqual(['/security/incidents?$top=1']);
    const failing = setup({ failing: /incidents/ });
    expect(await failing.plugin.health({ signal: AbortSignal.timeout(1_000) })).toEqual({
      ok: false,
      detail: 'Microsoft Graph failed (503) after retries.',
    });
  });

  it('describes its skills to a model with JSON schemas the tool loop can use', async () => {
    const { z } = await import('zod/v4');
    const { plugin } = setup();
    for (const skill of plugin.skills) {
      const schema = z.toJSONSchema(skill.input, { io: 'input', unrepresentable: 'any' }) as {
        type?: string;
      };
      expect(schema.type).toBe('object');
    }
  });
});

it('matches UPNs case-insensitively but never a different user', async () => {
  const { ledger } = setup({ incidents: [incident({ id: '4210' })], alerts: [diegoAlert('4210')] });
  const call = await ledger.call<IncidentList>('defender-xdr.incidents', {
    user: { userPrincipalName: ADELE_UPN },
  });
  if (!call.ok) throw call.error;
  expect(call.data.incidents).toEqual([]);
});
