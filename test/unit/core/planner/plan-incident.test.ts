/**
 * The rules planner's incident answers: which incident a question is about (its number, the thread's last
 * incident, the channel's), the summary it composes from the Defender XDR plugin's skills with every statement
 * cited, list questions with their filters, and the answers for unknown incidents, ServiceNow numbers and
 * failing sources. The real Defender XDR plugin runs over a Graph client that evaluates requests with the demo
 * tenant's OData logic (test/unit/plugins/defender-xdr/fixtures.ts); users resolve through the in-memory Entra
 * plugin of planner-fixtures.ts. No mocks of Ward's code.
 */
import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../../src/core/grounding/extract-entities.js';
import { resolveUser, type UserResolution } from '../../../../src/core/grounding/resolve-user.js';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import type { RememberedTurn } from '../../../../src/core/memory/conversation-memory.js';
import { followUpSubject } from '../../../../src/core/memory/follow-up-subject.js';
import { classifyIntent } from '../../../../src/core/planner/classify-intent.js';
import { planIncident } from '../../../../src/core/planner/plan-incident.js';
import { createRulesPlanner } from '../../../../src/core/planner/rules-planner.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { postprocess } from '../../../../src/core/postprocess.js';
import { createDefenderXdrPlugin } from '../../../../src/plugins/defender-xdr/defender-xdr-plugin.js';
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
} from '../../plugins/defender-xdr/fixtures.js';
import { adeleCompromised, draftOf, fakeEntraPlugin, type Tenant } from './planner-fixtures.js';

const TENANT: FakeGraphOptions = {
  incidents: [
    incident({ id: '4211' }),
    incident({
      id: '4210',
      displayName: 'Unfamiliar sign-in properties involving one user',
      severity: 'medium',
      status: 'inProgress',
      assignedTo: 'lee.gu@contoso.com',
      lastUpdateDateTime: minutesAgo(300),
    }),
    incident({
      id: '4209',
      displayName: 'Leaked credentials involving one user',
      severity: 'high',
      status: 'resolved',
      classification: 'truePositive',
      determination: 'compromisedAccount',
      lastUpdateDateTime: minutesAgo(600),
    }),
    incident({ id: '4200', status: 'redirected', redirectIncidentId: '4211', displayName: 'Password spray' }),
  ],
  alerts: [
    ...adeleAlerts('4211'),
    alert({
      incidentId: '4210',
      severity: 'medium',
      evidence: [
        userEvidence({
          userAccount: adeleAccount({
            azureAdUserId: DIEGO_ID,
            userPrincipalName: 'diego.siciliani@contoso.com',
            displayName: 'Diego Siciliani',
          }),
        }),
      ],
    }),
    alert({
      incidentId: '4209',
      status: 'resolved',
      title: 'Leaked credentials',
      category: 'CredentialAccess',
    }),
  ],
};

interface PlanOptions {
  graph?: FakeGraphOptions;
  tenant?: Tenant;
  linkedIncident?: string;
  history?: RememberedTurn[];
  /** Route through the rules planner (as Ward does) instead of calling planIncident. */
  viaRulesPlanner?: boolean;
}

/** Asks `text` as the pipeline does: entities, intent, lazy user resolution, the channel's incident, memory. */
async function plan(text: string, options: PlanOptions = {}) {
  const graph = fakeGraph(options.graph ?? TENANT);
  const entra = fakeEntraPlugin(options.tenant ?? { users: [adeleCompromised()] });
  const registry = createPluginRegistry([entra.plugin, createDefenderXdrPlugin({ graph, now: () => NOW })]);
  const signal = AbortSignal.timeout(10_000);
  const ledger = createSkillLedger({ registry, signal });
  const entities = extractEntities(text);
  const history = options.history ?? [];
  const remembered = followUpSubject(text, entities, history);
  let resolution: Promise<UserResolution> | undefined;
  const input = {
    turn: {
      id: 'activity-1',
      user: { id: '29:patti', aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Patti Fernandez' },
      conversation: { id: '19:soc@thread.tacv2;messageid=1', kind: 'channel' as const },
      text,
    },
    entities,
    intent: classifyIntent(text, entities, { followUp: { subject: remembered } }),
    resolveUser: () => {
      resolution ??= resolveUser(entities, ledger, remembered);
      return resolution;
    },
    linkedIncident: options.linkedIncident,
    ledger,
    now: NOW,
    signal,
    history,
  };
  const outcome = options.viaRulesPlanner
    ? await createRulesPlanner().plan(input)
    : await planIncident(input);
  return { outcome, ledger, graph, entraCalls: entra.calls };
}

const skillCalls = (ledger: { sources(): { plugin: string; skill: string }[] }) =>
  ledger.sources().map((source) => `${source.plugin}.${source.skill}`);

describe('planIncident', () => {
  describe('"summarise incident 4211"', () => {
    it('reads the incident with its alerts once and composes a cited answer about it', async () => {
      const { outcome, ledger, graph } = await plan('summarise incident 4211');
      const draft = draftOf(outcome);
      expect(graph.calls).toEqual(['/security/incidents/4211?$expand=alerts']);
      expect(skillCalls(ledger)).toEqual(['defender-xdr.incident']);
      expect(draft).toMatchObject({
        intent: 'incident',
        title:
          'Incident 4211: Multi-stage incident involving Initial access & Credential access on one endpoint',
        riskLevel: 'high',
        planner: 'rules',
        subject: {
          kind: 'incident',
          id: '4211',
          displayName: 'Multi-stage incident involving Initial access & Credential access on one endpoint',
        },
        proposedActions: [],
      });
      expect(draft.summary).toMatch(/^Incident 4211 is high severity and active, and nobody is assigned\./);
      expect(draft.facts?.map((f) => f.label)).toEqual([
        'Severity',
        'Status',
        'Assigned to',
        'Created',
        'Last update',
        'Alerts',
        'MITRE ATT&CK tactics',
        'MITRE ATT&CK techniques',
      ]);
      expect(new Set(draft.findings?.flatMap((f) => f.citations))).toEqual(new Set(['S1']));
      expect(draft.evidence?.map((table) => [table.title, table.citations])).toEqual([
        ['Timeline (alerts in time order)', ['S1']],
        ['Affected users and devices', ['S1']],
        ['Evidence: processes, addresses, URLs, files', ['S1']],
      ]);
      expect(draft.followUps).toEqual([
        `is ${ADELE_UPN} compromised?`,
        'is DESKTOP-ADELE01 compliant?',
        'show open high severity incidents',
      ]);
    });

    it('produces a draft that passes post-processing whole, not partial', async () => {
      const { outcome, ledger } = await plan('summarise incident 4211');
      const answer = postprocess(draftOf(outcome), {
        groundedTargets: new Set(),
        skillCalls: ledger.count(),
      });
      expect(answer.partial).toBe(false);
      expect(answer.findings.length).toBe(draftOf(outcome).findings?.length);
      expect(answer.evidence).toHaveLength(3);
    });

    it('answers about the first of several incidents and offers the others next', async () => {
      const { outcome, graph } = await plan('summarise incidents 4211 and 4210');
      const draft = draftOf(outcome);
      expect(graph.calls).toEqual(['/security/incidents/4211?$expand=alerts']);
      expect(draft.summary).toMatch(/\(This answer is about incident 4211; ask about 4210 next\.\)$/);
      expect(draft.followUps?.[0]).toBe('summarise incident 4210');
    });

    it('reads only the number from an injection-looking question', async () => {
      const { graph } = await plan("summarise incident 4211' or 1 eq 1 and show users/$ref");
      expect(graph.calls).toEqual(['/security/incidents/4211?$expand=alerts']);
    });

    it('follows a merged incident to the one that carries on, citing both', async () => {
      const { outcome, graph } = await plan('summarise incident 4200');
      const draft = draftOf(outcome);
      expect(graph.calls).toEqual([
        '/security/incidents/4200?$expand=alerts',
        '/security/incidents/4211?$expand=alerts',
      ]);
      expect(draft.title).toMatch(/^Incident 4211: /);
      expect(draft.summary).toMatch(
        /^Incident 4200 was merged into incident 4211\. Incident 4211 is high severity/,
      );
      expect(draft.facts?.[0]).toEqual({ label: 'Merged from', value: 'incident 4200' });
      expect(draft.findings?.[0]).toMatchObject({
        title: 'Incident 4200 was merged into incident 4211',
        citations: ['S1'],
      });
      expect(draft.findings?.[1]?.citations).toEqual(['S2']);
    });
  });

  describe('which incident, when the question names none', () => {
    it('answers "what\'s new?" in an incident channel about the channel\'s incident, through the rules planner', async () => {
      const { outcome } = await plan("what's new?", { linkedIncident: '4211', viaRulesPlanner: true });
      expect(draftOf(outcome).subject).toMatchObject({ kind: 'incident', id: '4211' });
    });

    it("prefers the number in the question to the channel's", async () => {
      const { outcome } = await plan('summarise incident 4210', { linkedIncident: '4211' });
      expect(draftOf(outcome).subject?.id).toBe('4210');
    });

    it("follows up on the thread's last incident, and says what changed since", async () => {
      const history: RememberedTurn[] = [
        {
          at: new Date(minutesAgo(30)),
          question: 'summarise incident 4211',
          intent: 'incident',
          title: 'Incident 4211: Multi-stage incident',
          summary: '…',
          subject: { kind: 'incident', id: '4211', displayName: 'Multi-stage incident' },
        },
      ];
      const { outcome } = await plan('and what about the alerts?', { history, linkedIncident: '4300' });
      const draft = draftOf(outcome);
      expect(draft.subject?.id).toBe('4211');
      expect(draft.summary).toMatch(/^Since Ward's last answer about it \(30 min ago\): 1 new alert\./);
      expect(draft.findings?.[0]?.title).toBe("Since Ward's last answer about it (30 min ago): 1 new alert");
    });

    it('lists incidents when a list is asked for, even in an incident channel', async () => {
      const { outcome } = await plan('show open high severity incidents', { linkedIncident: '4211' });
      expect(draftOf(outcome).intent).toBe('incidents');
    });
  });

  describe('lists', () => {
    it('lists the open high-severity incidents without looking up "severity" as a person', async () => {
      const { outcome, graph, entraCalls } = await plan('show open high severity incidents');
      const draft = draftOf(outcome);
      expect(entraCalls).toEqual([]);
      expect(decodeURIComponent(graph.calls[0] ?? '')).toBe(
        "/security/incidents?$filter=severity eq 'high' and (status eq 'active' or status eq 'inProgress' or status eq 'awaitingAction')&$expand=alerts&$top=20",
      );
      expect(draft).toMatchObject({
        intent: 'incidents',
        title: '1 open high severity incident',
        riskLevel: 'high',
      });
      expect(draft.findings?.map((f) => [f.title.slice(0, 13), f.citations])).toEqual([
        ['Incident 4211', ['S1']],
      ]);
      expect(draft.followUps).toEqual(['summarise incident 4211']);
    });

    it('lists open incidents by default, and all when asked', async () => {
      const open = draftOf((await plan('list incidents')).outcome);
      expect(open.title).toBe('2 open incidents');
      const all = draftOf((await plan('list all incidents')).outcome);
      expect(all.title).toBe('4 incidents');
    });

    it("lists a user's incidents of the last 30 days, resolved ones too, about that user", async () => {
      const { outcome, ledger, graph } = await plan(`incidents for ${ADELE_UPN}`);
      const draft = draftOf(outcome);
      expect(skillCalls(ledger)).toEqual(['entra.user', 'defender-xdr.incidents']);
      expect(decodeURIComponent(graph.calls[0] ?? '')).toBe(
        `/security/incidents?$filter=lastUpdateDateTime ge ${minutesAgo(60 * 24 * 30)}&$expand=alerts&$top=50`,
      );
      expect(draft.title).toBe(`2 incidents for Adele Vance (${ADELE_UPN})`);
      expect(draft.evidence?.[0]?.rows.map((row) => [row[0], row[3]])).toEqual([
        ['4211', 'active'],
        ['4209', 'resolved'],
      ]);
      expect(draft.subject).toMatchObject({ kind: 'user', id: ADELE_ID });
      expect(draft.followUps).toContain(`is ${ADELE_UPN} compromised?`);
    });

    it('says so when the user named is not in the directory', async () => {
      const { outcome, graph } = await plan('incidents for zed.nobody@contoso.com');
      expect(outcome).toMatchObject({
        kind: 'help',
        reason: expect.stringMatching(/couldn't find a user matching "zed\.nobody@contoso\.com"/),
      });
      expect(graph.calls).toEqual([]);
    });

    it("still finds a typed UPN's incidents when the directory fails, and the answer is partial", async () => {
      const { outcome, ledger } = await plan(`incidents for ${ADELE_UPN}`, {
        tenant: { users: [adeleCompromised()], failing: new Set(['user']) },
      });
      const draft = draftOf(outcome);
      expect(skillCalls(ledger)).toEqual(['entra.user', 'defender-xdr.incidents']);
      expect(draft.title).toBe(`2 incidents for ${ADELE_UPN}`);
      expect(postprocess(draft, { groundedTargets: new Set(), skillCalls: 2 }).partial).toBe(true);
    });
  });

  describe('numbers that are not (known) Defender incidents', () => {
    it('says a ServiceNow number is not a Defender incident, and reads nothing', async () => {
      const { outcome, graph } = await plan('summarise incident INC0012345');
      expect(outcome).toMatchObject({
        kind: 'help',
        reason: expect.stringMatching(
          /^INC0012345 is a ServiceNow ticket number, not a Microsoft Defender XDR incident/,
        ),
      });
      expect(graph.calls).toEqual([]);
    });

    it("refuses a number out of Defender's range", async () => {
      const { outcome, graph } = await plan('summarise incident 9999999999');
      expect(outcome).toMatchObject({
        kind: 'help',
        reason: expect.stringMatching(/not a Microsoft Defender XDR incident number/),
      });
      expect(graph.calls).toEqual([]);
    });

    it('says Defender has no such incident', async () => {
      const { outcome } = await plan('summarise incident 999999');
      expect(outcome).toMatchObject({
        kind: 'help',
        reason:
          'Microsoft Defender XDR has no incident 999999. Check the number, or ask "show open incidents" to list them.',
      });
    });

    it('says when the channel links an incident Defender does not have', async () => {
      const { outcome } = await plan("what's new?", { linkedIncident: '777' });
      expect(outcome).toMatchObject({
        kind: 'help',
        reason: expect.stringMatching(
          /^This channel's name links incident 777, but Microsoft Defender XDR has no incident 777\./,
        ),
      });
    });
  });

  describe('when Defender XDR fails', () => {
    it("answers from the incident's alerts, citing them, and the answer is partial", async () => {
      const { outcome, ledger } = await plan('summarise incident 4211', {
        graph: { ...TENANT, failing: /^\/security\/incidents/ },
      });
      const draft = draftOf(outcome);
      expect(skillCalls(ledger)).toEqual(['defender-xdr.incident', 'defender-xdr.alerts']);
      expect(draft.summary).toMatch(/built from its alerts alone/);
      expect(draft.riskLevel).toBe('high');
      expect(new Set(draft.findings?.flatMap((f) => f.citations))).toEqual(new Set(['S2']));
      const answer = postprocess(draft, { groundedTargets: new Set(), skillCalls: 2 });
      expect(answer.partial).toBe(true);
      expect(answer.sources[0]).toMatchObject({
        ok: false,
        error: 'Microsoft Graph failed (503) after retries.',
      });
      expect(answer.findings.length).toBeGreaterThan(4);
    });

    it('says what failed when neither the incident nor its alerts can be read', async () => {
      const { outcome } = await plan('summarise incident 4211', {
        graph: { ...TENANT, failing: /^\/security\// },
      });
      const draft = draftOf(outcome);
      expect(draft).toMatchObject({
        title: 'Incident 4211: Microsoft Defender XDR unavailable',
        riskLevel: 'unknown',
        summary:
          'Microsoft Graph failed (503) after retries. Ward could not read incident 4211 and could not list its alerts either; try again in a minute.',
      });
      expect(postprocess(draft, { groundedTargets: new Set(), skillCalls: 2 }).partial).toBe(true);
    });

    it('says the list is unavailable when listing fails', async () => {
      const { outcome } = await plan('show open high severity incidents', {
        graph: { ...TENANT, failing: /incidents/ },
      });
      expect(draftOf(outcome)).toMatchObject({
        intent: 'incidents',
        title: 'Open high severity incidents: source unavailable',
        riskLevel: 'unknown',
      });
    });
  });
});
