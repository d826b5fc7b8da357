/**
 * The rules planner answers the questions it knows well from plugin skills and says plainly what it cannot
 * answer. Each case runs the real pipeline up to the plan (entities → intent → ledger → lazy user resolution)
 * against the in-memory Entra plugin of planner-fixtures.ts, built on the real contract in src/plugins/types.ts:
 * plain objects holding hand-made Graph records, no mocks of Ward's code.
 */
import { describe, expect, it } from 'vitest';
import { createSkillLedger } from '../../../../src/core/grounding/skill-ledger.js';
import type { IntentResult } from '../../../../src/core/planner/classify-intent.js';
import { createRulesPlanner } from '../../../../src/core/planner/rules-planner.js';
import { createPluginRegistry } from '../../../../src/core/plugin-registry.js';
import { postprocess } from '../../../../src/core/postprocess.js';
import { ENTRA_ACTIONS } from '../../../../src/plugins/entra/entra-actions.js';
import { createIncidentInputSchema } from '../../../../src/plugins/servicenow/actions/create-incident.js';
import { graphUser, hoursAgo, riskyUser } from '../../plugins/entra/fixtures.js';
import {
  ADELE_ID,
  adeleCompromised,
  ask,
  draftOf,
  fakeEntraPlugin,
  healthyUser,
  latch,
  type Tenant,
  whenAborted,
} from './planner-fixtures.js';

const ALEX_WILBER_ID = '2f1e0d9c-8b7a-4654-9321-0fedcba98765';
const ALEX_JOHNSON_ID = '7c6b5a49-3827-4160-9fed-cba987654321';

const EVIDENCE_SKILLS = ['riskyUser', 'riskDetections', 'signIns', 'authenticationMethods'];

const alexWilber = () => healthyUser(ALEX_WILBER_ID, 'Alex Wilber', 'alex.wilber@contoso.com');
const alexJohnson = () => healthyUser(ALEX_JOHNSON_ID, 'Alex Johnson', 'alex.johnson@contoso.com');

async function plan(
  text: string,
  tenant: Tenant,
  options: { intent?: IntentResult; signal?: AbortSignal; ticketing?: boolean } = {},
) {
  const { plugin, calls } = fakeEntraPlugin(tenant);
  const signal = options.signal ?? new AbortController().signal;
  const ledger = createSkillLedger({ registry: createPluginRegistry([plugin]), signal });
  const planner = createRulesPlanner(options.ticketing === undefined ? {} : { ticketing: options.ticketing });
  const { outcome } = await ask(planner, text, ledger, signal, { intent: options.intent });
  return { outcome, ledger, calls };
}

describe('createRulesPlanner', () => {
  describe('user risk, for a user found by UPN', () => {
    it('reads the user, then risk, detections, sign-ins, MFA and privileged roles, and cites each as its own source', async () => {
      const { outcome, calls } = await plan('is adele.vance@contoso.com compromised?', {
        users: [adeleCompromised()],
      });
      const draft = draftOf(outcome);

      expect(calls).toEqual([
        { skill: 'user', input: { user: 'adele.vance@contoso.com' } },
        { skill: 'riskyUser', input: { userId: ADELE_ID } },
        { skill: 'riskDetections', input: { userId: ADELE_ID, days: 30 } },
        { skill: 'signIns', input: { userId: ADELE_ID, hours: 72 } },
        { skill: 'authenticationMethods', input: { user: ADELE_ID } },
        { skill: 'privilegedRoleAssignments', input: { user: ADELE_ID, includeEligible: true, top: 500 } },
      ]);
      expect(draft.sources?.map((s) => [s.id, `${s.plugin}.${s.skill}`, s.ok])).toEqual([
        ['S1', 'entra.user', true],
        ['S2', 'entra.riskyUser', true],
        ['S3', 'entra.riskDetections', true],
        ['S4', 'entra.signIns', true],
        ['S5', 'entra.authenticationMethods', true],
        ['S6', 'entra.privilegedRoleAssignments', true],
      ]);
      expect(draft).toMatchObject({
        intent: 'user-risk',
        title: 'Adele Vance: High risk — likely compromised',
        riskLevel: 'high',
        planner: 'rules',
        subject: { kind: 'user', id: ADELE_ID, displayName: 'Adele Vance (adele.vance@contoso.com)' },
      });
      expect(draft.facts?.[0]).toEqual({ label: 'User', value: 'Adele Vance · adele.vance@contoso.com' });
    });

    it('maps every finding and table to the source of its evidence', async () => {
      const draft = draftOf(
        (await plan('is adele.vance@contoso.com compromised?', { users: [adeleCompromised()] })).outcome,
      );
      const citations = Object.fromEntries(
        (draft.findings ?? []).map((f) => [f.title.split(':')[0], f.citations]),
      );
      expect(citations).toEqual({
        'Password spray': ['S3'],
        'Signed in from Seattle, United States and Frankfurt, Germany within 30 min': ['S4'],
        'No MFA method registered': ['S5'],
      });
      expect((draft.evidence ?? []).map((table) => [table.title, table.citations])).toEqual([
        ['Risk detections', ['S3']],
        ['Recent sign-ins that matter', ['S4']],
      ]);
    });

    it('proposes only entra.* actions on the resolved user, as the Entra plugin describes them', async () => {
      const draft = draftOf(
        (await plan('is adele.vance@contoso.com compromised?', { users: [adeleCompromised()] })).outcome,
      );
      expect(
        (draft.proposedActions ?? []).map((p) => [p.action, p.title, p.destructive, p.target.id]),
      ).toEqual([
        ['entra.confirmCompromised', ENTRA_ACTIONS.confirmCompromised.title, true, ADELE_ID],
        ['entra.resetPassword', ENTRA_ACTIONS.resetPassword.title, true, ADELE_ID],
        ['entra.revokeSessions', ENTRA_ACTIONS.revokeSessions.title, true, ADELE_ID],
        ['entra.disableAccount', ENTRA_ACTIONS.disableAccount.title, true, ADELE_ID],
      ]);
      const stepActions = (draft.remediation ?? []).flatMap((step) => (step.action ? [step.action] : []));
      expect(stepActions.length).toBeGreaterThan(0);
      for (const action of stepActions)
        expect(action).toMatch(/^entra\.(confirmCompromised|resetPassword|revokeSessions|dismissRisk)$/);
    });

    it('produces a draft that passes post-processing whole', async () => {
      const { outcome, ledger } = await plan('is adele.vance@contoso.com compromised?', {
        users: [adeleCompromised()],
      });
      const draft = draftOf(outcome);
      const answer = postprocess(draft, { groundedTargets: new Set([ADELE_ID]), skillCalls: ledger.count() });
      expect(answer.partial).toBe(false);
      expect(answer.findings).toHaveLength(draft.findings?.length ?? -1);
      expect(answer.proposedActions).toHaveLength(4);
    });

    it('runs the four evidence skills at the same time, not one after another', async () => {
      const events: string[] = [];
      const allStarted = latch(EVIDENCE_SKILLS.length);
      const tenant: Tenant = {
        users: [adeleCompromised()],
        gateSkills: EVIDENCE_SKILLS,
        async gate(skill, context) {
          events.push(`start ${skill}`);
          // Each skill waits until all four have started: run one after another, the first would wait for ever,
          // so the question's signal ends the wait and the source fails instead of hanging the test.
          await Promise.race([allStarted.arrive(), whenAborted(context.signal)]);
          events.push(`end ${skill}`);
        },
      };
      const { outcome } = await plan('is adele.vance@contoso.com compromised?', tenant, {
        signal: AbortSignal.timeout(5_000),
      });

      expect(draftOf(outcome).sources?.every((source) => source.ok)).toBe(true);
      expect(events.slice(0, 4).sort()).toEqual(EVIDENCE_SKILLS.map((skill) => `start ${skill}`).sort());
      expect(events.slice(4).every((event) => event.startsWith('end '))).toBe(true);
    });

    it('answers without the evidence a source could not give, and says what was not checked', async () => {
      const { outcome, ledger } = await plan('is adele.vance@contoso.com compromised?', {
        users: [adeleCompromised()],
        failing: new Set(['signIns']),
      });
      const draft = draftOf(outcome);
      expect(draft.sources?.find((s) => s.id === 'S4')).toMatchObject({
        skill: 'signIns',
        ok: false,
        error: 'Microsoft Graph answered 503 (service unavailable) after 3 tries.',
      });
      expect(draft.summary).toContain('Not checked (source unavailable): sign-in logs.');
      expect((draft.findings ?? []).flatMap((f) => f.citations)).not.toContain('S4');
      expect(draft.title).toBe('Adele Vance: High risk — likely compromised');
      const answer = postprocess(draft, { groundedTargets: new Set([ADELE_ID]), skillCalls: ledger.count() });
      expect(answer.partial).toBe(true);
    });

    it('calls the risk unknown when Identity Protection fails, and proposes nothing', async () => {
      const draft = draftOf(
        (
          await plan('is adele.vance@contoso.com compromised?', {
            users: [adeleCompromised()],
            failing: new Set(['riskyUser']),
          })
        ).outcome,
      );
      expect(draft.title).toBe('Adele Vance: Risk unknown — Identity Protection did not answer');
      expect(draft.riskLevel).toBe('unknown');
      expect(draft.proposedActions).toEqual([]);
    });
  });

  describe('user risk, with ticketing (a ServiceNow plugin is registered)', () => {
    const question = 'is adele.vance@contoso.com compromised?';

    it('proposes opening a ticket after the containment actions, on the same user, without confirmation', async () => {
      const draft = draftOf(
        (await plan(question, { users: [adeleCompromised()] }, { ticketing: true })).outcome,
      );
      const proposals = draft.proposedActions ?? [];
      expect(proposals.map((p) => p.action)).toEqual([
        'entra.confirmCompromised',
        'entra.resetPassword',
        'entra.revokeSessions',
        'entra.disableAccount',
        'servicenow.createIncident',
      ]);
      expect(proposals.at(-1)).toMatchObject({
        title: 'Open ticket',
        destructive: false,
        target: { kind: 'user', id: ADELE_ID, displayName: 'Adele Vance (adele.vance@contoso.com)' },
        why: 'Track the investigation and containment in ServiceNow.',
      });
    });

    it("writes the ticket from the answer: title, summary, findings, the user, the answer's id, urgency from risk", async () => {
      const draft = draftOf(
        (await plan(question, { users: [adeleCompromised()] }, { ticketing: true })).outcome,
      );
      const input = draft.proposedActions?.at(-1)?.input ?? {};
      expect(input.shortDescription).toBe('Ward: Adele Vance: High risk — likely compromised');
      expect(input.urgency).toBe('1');
      expect(input.correlationId).toBe('ward-{answerId}');
      const description = input.description ?? '';
      expect(description.startsWith(draft.summary)).toBe(true);
      for (const finding of draft.findings ?? []) expect(description).toContain(`- ${finding.title}`);
      expect(description).toContain(
        `User: Adele Vance (adele.vance@contoso.com) · Entra object id ${ADELE_ID}`,
      );
      expect(description.endsWith('Ward answer: {answerId}')).toBe(true);
      // With the answer id filled in (as the recorder does), it is what the action accepts.
      const answerId = '7d0c9f4e-1b2a-4c3d-8e5f-6a7b8c9d0e1f';
      const filled = Object.fromEntries(
        Object.entries(input).map(([key, value]) => [key, value.replaceAll('{answerId}', answerId)]),
      );
      expect(createIncidentInputSchema.safeParse({ userId: ADELE_ID, ...filled }).success).toBe(true);
    });

    it('sets urgency from the risk level: medium → 2, low → 3', async () => {
      const urgency = async (riskLevel: 'medium' | 'low') => {
        const user = {
          ...adeleCompromised(),
          riskyUser: riskyUser({ riskLevel, riskState: 'atRisk' }),
          detections: [],
        };
        const draft = draftOf((await plan(question, { users: [user] }, { ticketing: true })).outcome);
        const ticket = draft.proposedActions?.find((p) => p.action === 'servicenow.createIncident');
        return [draft.riskLevel, ticket?.input?.urgency];
      };
      expect(await urgency('medium')).toEqual(['medium', '2']);
      expect(await urgency('low')).toEqual(['low', '3']);
    });

    it('keeps the ticket within ServiceNow limits, with the user and answer lines, however long the answer', async () => {
      const user = adeleCompromised();
      const long = { ...user, user: graphUser({ displayName: `Adele ${'Vance'.repeat(60)}` }) };
      const draft = draftOf((await plan(question, { users: [long] }, { ticketing: true })).outcome);
      const input = draft.proposedActions?.at(-1)?.input ?? {};
      expect(input.shortDescription?.length).toBeLessThanOrEqual(160);
      // The title cuts the 305-character name; the ticket keeps what the title says.
      expect(draft.title.length).toBeLessThanOrEqual(200);
      expect(input.shortDescription).toBe(`Ward: ${draft.title}`);
      expect(input.description?.endsWith('Ward answer: {answerId}')).toBe(true);
    });

    it('passes post-processing with the ticket and its input', async () => {
      const { outcome, ledger } = await plan(question, { users: [adeleCompromised()] }, { ticketing: true });
      const answer = postprocess(draftOf(outcome), {
        groundedTargets: new Set([ADELE_ID]),
        skillCalls: ledger.count(),
      });
      expect(answer.proposedActions).toHaveLength(5);
      expect(answer.proposedActions.at(-1)?.input?.urgency).toBe('1');
    });

    it('proposes no ticket without containment to track (a user with no risk)', async () => {
      const draft = draftOf(
        (
          await plan(
            'is alex.wilber@contoso.com compromised?',
            { users: [alexWilber()] },
            { ticketing: true },
          )
        ).outcome,
      );
      expect(draft.proposedActions ?? []).toEqual([]);
    });

    it('proposes no ticket when ticketing is off, as by default', async () => {
      for (const ticketing of [false, undefined]) {
        const draft = draftOf((await plan(question, { users: [adeleCompromised()] }, { ticketing })).outcome);
        expect((draft.proposedActions ?? []).map((p) => p.action)).not.toContain('servicenow.createIncident');
      }
    });
  });

  describe('user risk, for a user named rather than given by UPN', () => {
    it('answers for the one user the name matches', async () => {
      const { outcome, calls } = await plan('is adele compromised?', {
        users: [adeleCompromised(), alexWilber()],
      });
      expect(calls[0]).toEqual({ skill: 'findUsers', input: { query: 'adele', top: 10 } });
      expect(draftOf(outcome).subject?.id).toBe(ADELE_ID);
    });

    it('asks which one when several users match, listing them and looking nothing else up', async () => {
      const { outcome, ledger } = await plan('is alex compromised?', {
        users: [alexWilber(), alexJohnson()],
      });
      expect(outcome).toMatchObject({
        kind: 'help',
        reason: 'Several users match "alex". Which one did you mean?',
      });
      expect(outcome.kind === 'help' && outcome.candidates?.map((user) => user.id)).toEqual([
        ALEX_WILBER_ID,
        ALEX_JOHNSON_ID,
      ]);
      expect(ledger.count()).toBe(1);
    });

    it('says the user was not found, for a UPN the directory does not have', async () => {
      const { outcome, ledger } = await plan('is zed.nobody@contoso.com compromised?', {
        users: [adeleCompromised()],
      });
      expect(outcome).toEqual({
        kind: 'help',
        reason:
          'I couldn\'t find a user matching "zed.nobody@contoso.com" in the directory. Check the spelling or use their UPN.',
      });
      expect(ledger.count()).toBe(1);
    });

    it('says the user was not found, for a name nobody has', async () => {
      const { outcome } = await plan('is megan compromised?', { users: [adeleCompromised()] });
      expect(outcome).toMatchObject({ kind: 'help', reason: expect.stringContaining('"megan"') });
    });

    it('answers "could not look up" when the directory fails, and checks nothing else', async () => {
      const { outcome, ledger } = await plan('is adele.vance@contoso.com compromised?', {
        users: [adeleCompromised()],
        failing: new Set(['user']),
      });
      const draft = draftOf(outcome);
      expect(draft).toMatchObject({
        intent: 'user-risk',
        title: 'Could not look up adele.vance@contoso.com',
        summary:
          'Microsoft Graph answered 503 (service unavailable) after 3 tries. Nothing else could be checked without the user; try again in a minute.',
        riskLevel: 'unknown',
      });
      expect(draft.sources?.map((s) => [s.id, s.ok])).toEqual([['S1', false]]);
      expect(ledger.count()).toBe(1);
      expect(draft.proposedActions ?? []).toEqual([]);
    });

    it('asks which user when the question names nobody', async () => {
      const { outcome, ledger } = await plan(
        'is this account compromised?',
        { users: [adeleCompromised()] },
        { intent: { intent: 'user-risk', reason: 'test' } },
      );
      expect(outcome).toEqual({
        kind: 'help',
        reason: 'Tell me which user: their UPN (adele.vance@contoso.com) or their name.',
      });
      expect(ledger.count()).toBe(0);
    });
  });

  describe('risky users', () => {
    const tenant = (): Tenant => ({
      users: [
        adeleCompromised(),
        {
          ...alexWilber(),
          riskyUser: riskyUser({
            id: ALEX_WILBER_ID,
            riskLevel: 'medium',
            userDisplayName: 'Alex Wilber',
            userPrincipalName: 'alex.wilber@contoso.com',
          }),
        },
        {
          ...alexJohnson(),
          riskyUser: riskyUser({
            id: ALEX_JOHNSON_ID,
            riskLevel: 'low',
            userDisplayName: 'Alex Johnson',
            userPrincipalName: 'alex.johnson@contoso.com',
          }),
        },
      ],
    });

    it.each([
      { text: 'show risky users', levels: ['high', 'medium', 'low'] },
      { text: 'show high risk users', levels: ['high'] },
      { text: 'which users are at medium risk?', levels: ['medium'] },
      { text: 'show high and medium risk users', levels: ['high', 'medium'] },
    ])('"$text" asks for $levels users at risk', async ({ text, levels }) => {
      const { calls } = await plan(text, tenant());
      expect(calls).toEqual([
        { skill: 'riskyUsers', input: { riskLevels: levels, riskState: 'atRisk', top: 50 } },
      ]);
    });

    it('counts users by level, starts with the high-risk ones, and cites the list', async () => {
      const draft = draftOf((await plan('show risky users', tenant())).outcome);
      expect(draft).toMatchObject({
        intent: 'risky-users',
        riskLevel: 'high',
        facts: [
          { label: 'High', value: '1' },
          { label: 'Medium', value: '1' },
          { label: 'Low', value: '1' },
        ],
      });
      expect(draft.summary).toBe(
        'Identity Protection flags 3 users at risk: 1 high, 1 medium, 1 low. Start with Adele Vance.',
      );
      expect(draft.findings).toEqual([
        {
          title: 'Adele Vance is at high risk',
          detail: 'Risk updated 1 h ago.',
          severity: 'high',
          when: hoursAgo(1),
          citations: ['S1'],
        },
      ]);
      expect(draft.evidence?.[0]?.citations).toEqual(['S1']);
      expect(draft.proposedActions ?? []).toEqual([]);
    });

    it('says so when no user is at the level asked', async () => {
      const draft = draftOf((await plan('show high risk users', { users: [alexWilber()] })).outcome);
      expect(draft).toMatchObject({ title: 'No users at high risk', riskLevel: 'none', findings: [] });
    });

    it('says the list is unavailable when Identity Protection fails', async () => {
      const draft = draftOf(
        (await plan('show high risk users', { users: [], failing: new Set(['riskyUsers']) })).outcome,
      );
      expect(draft).toMatchObject({ title: 'Risky users: source unavailable', riskLevel: 'unknown' });
      expect(draft.summary).toContain('Ward could not list users at high risk');
    });
  });

  describe('questions the rules planner cannot answer yet', () => {
    it.each([
      {
        text: 'what is the weather tomorrow',
        reason: "I didn't recognise a security question about a user I can look up.",
      },
    ])('"$text" gets help saying why, and no lookups', async ({ text, reason }) => {
      const { outcome, ledger } = await plan(text, { users: [adeleCompromised()] });
      expect(outcome).toEqual({ kind: 'help', reason });
      expect(ledger.count()).toBe(0);
    });

    it('"help" gets help without a reason', async () => {
      const { outcome } = await plan('help', { users: [] });
      expect(outcome).toEqual({ kind: 'help' });
    });
  });
});
