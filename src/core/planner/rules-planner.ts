/**
 * The deterministic planner: picks skills from the intent and the grounded entities, runs independent ones in
 * parallel, and composes the answer from their data with the plugins' own assessments. No model, no network
 * beyond the skills; answers the questions it knows well and says plainly what it cannot answer yet.
 */
import type {
  AuthenticationMethod,
  GraphUser,
  RiskDetection,
  RiskyUser,
  SignIn,
} from '../../clients/graph-resources.js';
import type { CustomSkillDescriptor } from '../../plugins/custom/custom-skill-descriptor.js';
import { assessUserRisk, type EvidenceKey } from '../../plugins/entra/assess-user-risk.js';
import { ENTRA_ACTIONS } from '../../plugins/entra/entra-actions.js';
import type { PrivilegedRoleAssignments } from '../../plugins/entra/skills/privileged-role-assignments.js';
import { formatAgo } from '../../plugins/format-when.js';
import { SERVICENOW_ACTIONS } from '../../plugins/servicenow/servicenow-actions.js';
import type { AnswerDraft, ProposedAction, RiskLevel, Source } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import type { SkillCall } from '../grounding/skill-ledger.js';
import { planCloudPosture } from './plan-cloud-posture.js';
import { planCustomSkill } from './plan-custom-skill.js';
import { planDevice } from './plan-device.js';
import { planHunt } from './plan-hunt.js';
import { planIdentityPosture } from './plan-identity-posture.js';
import { planIncident } from './plan-incident.js';
import { planIndicator } from './plan-indicator.js';
import { planScript } from './plan-script.js';
import { planSignInFailure } from './plan-sign-in-failure.js';
import { planTicket } from './plan-ticket.js';
import type { PlanInput, Planner, PlanOutcome } from './planner.js';
import { ticketInput } from './ticket-input.js';
import { ambiguousUserHelp, userNotFoundHelp } from './unresolved-user-help.js';

/** What the rules planner may propose besides the plugins' own assessments. */
export interface RulesPlannerOptions {
  /**
   * A ticketing plugin (`servicenow`) is registered: a user-risk answer that proposes containment also
   * proposes opening a ticket. Off by default, so a deployment without ServiceNow never shows the button.
   */
  ticketing?: boolean;
  /** The custom plugins' skills (`plugins/custom/`), for questions that name one's trigger phrase. */
  customSkills?: readonly CustomSkillDescriptor[];
}

/** Creates the deterministic planner. */
export function createRulesPlanner(options: RulesPlannerOptions = {}): Planner {
  const ticketing = options.ticketing ?? false;
  return {
    name: 'rules',
    async plan(input) {
      switch (input.intent.intent) {
        case 'user-risk':
          return planUserRisk(input, ticketing);
        case 'risky-users':
          return planRiskyUsers(input);
        case 'help':
          return { kind: 'help' };
        case 'incident':
          return planIncident(input);
        case 'device':
          return planDevice(input);
        case 'indicator':
          return planIndicator(input);
        case 'script':
          return planScript(input);
        case 'hunt':
          return planHunt(input);
        case 'cloud-posture':
          return planCloudPosture(input, { ticketing });
        case 'sign-in-failure':
          return planSignInFailure(input);
        case 'identity-posture':
          return planIdentityPosture(input);
        case 'ticket':
          return planTicket(input);
        case 'custom':
          return planCustomSkill(input, options.customSkills ?? []);
        default:
          // In a channel about an incident ("Incident 4211 – …"), "what's new?" is about that incident.
          if (input.linkedIncident) return planIncident(input);
          return {
            kind: 'help',
            reason: "I didn't recognise a security question about a user I can look up.",
          };
      }
    },
  };
}

async function planUserRisk(input: PlanInput, ticketing: boolean): Promise<PlanOutcome> {
  const resolution = await input.resolveUser();
  switch (resolution.kind) {
    case 'none':
      return {
        kind: 'help',
        reason: 'Tell me which user: their UPN (adele.vance@contoso.com) or their name.',
      };
    case 'not-found':
      return userNotFoundHelp(resolution.query);
    case 'ambiguous':
      return ambiguousUserHelp(resolution);
    case 'failed':
      return {
        kind: 'answer',
        draft: {
          intent: 'user-risk',
          title: `Could not look up ${resolution.query}`,
          summary: `${resolution.error.message} Nothing else could be checked without the user; try again in a minute.`,
          riskLevel: 'unknown',
          planner: 'rules',
          sources: input.ledger.sources(),
        },
      };
    case 'resolved':
      return {
        kind: 'answer',
        draft: await userRiskAnswer(input, resolution.user, resolution.sourceId, ticketing),
      };
  }
}

async function userRiskAnswer(
  input: PlanInput,
  user: GraphUser,
  userSourceId: string,
  ticketing: boolean,
): Promise<AnswerDraft> {
  const { ledger } = input;
  // Independent reads run in parallel: the answer waits for the slowest source, not their sum.
  const [riskyUser, detections, signIns, methods, roles] = await Promise.all([
    ledger.call<RiskyUser | null>('entra.riskyUser', { userId: user.id }),
    ledger.call<RiskDetection[]>('entra.riskDetections', { userId: user.id, days: 30 }),
    ledger.call<{ signIns: SignIn[]; truncated: boolean }>('entra.signIns', { userId: user.id, hours: 72 }),
    ledger.call<AuthenticationMethod[]>('entra.authenticationMethods', { user: user.id }),
    // A privileged account at risk is a bigger incident; "does she have admin roles?" is answered here too.
    ledger.call<PrivilegedRoleAssignments>('entra.privilegedRoleAssignments', { user: user.id }),
  ]);
  const value = <T>(call: SkillCall<T>): T | undefined => (call.ok ? call.data : undefined);
  const assessment = assessUserRisk({
    user,
    riskyUser: value(riskyUser),
    detections: value(detections),
    signIns: value(signIns)?.signIns,
    methods: value(methods),
    roles: roles.ok ? { ok: true, holders: roles.data.holders } : { ok: false },
    now: input.now,
  });
  const cite: Record<EvidenceKey, string> = {
    user: userSourceId,
    riskyUser: riskyUser.sourceId,
    riskDetections: detections.sourceId,
    signIns: signIns.sourceId,
    authenticationMethods: methods.sourceId,
    roles: roles.sourceId,
  };
  const displayName = user.displayName ?? user.userPrincipalName ?? user.id;
  const target = {
    kind: 'user' as const,
    id: user.id,
    displayName: `${displayName}${user.userPrincipalName ? ` (${user.userPrincipalName})` : ''}`,
  };

  // Graph allows 256-character display names; the title holds 200. Whoever sets a name must not be able to
  // stop Ward answering about that user.
  const title = `${boundedText(displayName, 100)}: ${assessment.verdict}`;
  const containment: ProposedAction[] = assessment.proposedActions.map((proposal) => ({
    action: `entra.${proposal.action}`,
    title: ENTRA_ACTIONS[proposal.action].title,
    destructive: ENTRA_ACTIONS[proposal.action].destructive,
    target,
    why: proposal.why,
  }));
  const ticket: ProposedAction[] =
    ticketing && containment.length > 0
      ? [
          {
            action: `servicenow.${SERVICENOW_ACTIONS.createIncident.name}`,
            title: SERVICENOW_ACTIONS.createIncident.title,
            destructive: SERVICENOW_ACTIONS.createIncident.destructive,
            target,
            why: 'Track the investigation and containment in ServiceNow.',
            input: ticketInput({
              title,
              summary: assessment.summary,
              findings: assessment.findings.map((finding) => finding.title),
              riskLevel: assessment.riskLevel,
              user: target.displayName,
              userId: user.id,
            }),
          },
        ]
      : [];

  return {
    intent: 'user-risk',
    title,
    summary: assessment.summary,
    riskLevel: assessment.riskLevel,
    subject: target,
    facts: [
      {
        label: 'User',
        value: `${displayName}${user.userPrincipalName ? ` · ${user.userPrincipalName}` : ''}`,
      },
      ...assessment.facts.map(({ label, value: text }) => ({ label, value: text })),
    ],
    findings: assessment.findings.map((finding) => ({
      title: finding.title,
      detail: finding.detail,
      severity: finding.severity,
      when: finding.when,
      citations: finding.sources.map((key) => cite[key]),
    })),
    evidence: assessment.evidence.map((table) => ({
      title: table.title,
      columns: table.columns,
      rows: table.rows,
      citations: [cite[table.source]],
    })),
    remediation: assessment.remediation.map((step) => ({
      title: step.title,
      detail: step.detail,
      action: step.action ? `entra.${step.action}` : undefined,
    })),
    guidance: assessment.guidance,
    proposedActions: [...containment, ...ticket],
    followUps: assessment.followUps,
    sources: ledger.sources(),
    planner: 'rules',
  };
}

const LEVEL_WORDS = ['high', 'medium', 'low'] as const;

async function planRiskyUsers(input: PlanInput): Promise<PlanOutcome> {
  const asked = LEVEL_WORDS.filter((level) => new RegExp(`\\b${level}\\b`, 'i').test(input.turn.text));
  const call = await input.ledger.call<{ users: RiskyUser[]; truncated: boolean }>('entra.riskyUsers', {
    riskLevels: asked.length ? asked : [...LEVEL_WORDS],
    riskState: 'atRisk',
    top: 50,
  });
  const scope = asked.length ? `at ${asked.join(' or ')} risk` : 'at risk';
  if (!call.ok) {
    return {
      kind: 'answer',
      draft: {
        intent: 'risky-users',
        title: 'Risky users: source unavailable',
        summary: `${call.error.message} Ward could not list users ${scope}; try again in a minute.`,
        riskLevel: 'unknown',
        planner: 'rules',
        sources: input.ledger.sources(),
      },
    };
  }
  const users = call.data.users;
  const counts = { high: 0, medium: 0, low: 0 } as Record<string, number>;
  for (const user of users) counts[user.riskLevel] = (counts[user.riskLevel] ?? 0) + 1;
  const top: RiskLevel = counts.high ? 'high' : counts.medium ? 'medium' : counts.low ? 'low' : 'none';
  const label = (user: RiskyUser) => user.userDisplayName ?? user.userPrincipalName ?? user.id;
  const highest = users.filter((user) => user.riskLevel === 'high').slice(0, 5);
  const sources: Source[] = input.ledger.sources();
  return {
    kind: 'answer',
    draft: {
      intent: 'risky-users',
      title: users.length
        ? `${users.length}${call.data.truncated ? '+' : ''} ${users.length === 1 ? 'user' : 'users'} ${scope}`
        : `No users ${scope}`,
      summary: users.length
        ? `Identity Protection flags ${users.length}${call.data.truncated ? '+' : ''} ${users.length === 1 ? 'user' : 'users'} ${scope}: ${counts.high ?? 0} high, ${
            counts.medium ?? 0
          } medium, ${counts.low ?? 0} low.${highest.length ? ` Start with ${highest.map(label).join(', ')}.` : ''}`
        : `Identity Protection flags no users ${scope} right now.`,
      riskLevel: top,
      facts: [
        { label: 'High', value: String(counts.high ?? 0) },
        { label: 'Medium', value: String(counts.medium ?? 0) },
        { label: 'Low', value: String(counts.low ?? 0) },
      ],
      findings: highest.map((user) => ({
        title: `${label(user)} is at high risk`,
        detail: user.riskLastUpdatedDateTime
          ? `Risk updated ${formatAgo(user.riskLastUpdatedDateTime, input.now)}.`
          : undefined,
        severity: 'high' as const,
        when: user.riskLastUpdatedDateTime ?? undefined,
        citations: [call.sourceId],
      })),
      evidence: users.length
        ? [
            {
              title: 'Users at risk',
              columns: ['User', 'Level', 'State', 'Updated'],
              rows: users
                .slice(0, 25)
                .map((user) => [
                  `${label(user)}${user.userPrincipalName ? ` (${user.userPrincipalName})` : ''}`,
                  user.riskLevel,
                  user.riskState,
                  user.riskLastUpdatedDateTime ? formatAgo(user.riskLastUpdatedDateTime, input.now) : '',
                ]),
              citations: [call.sourceId],
            },
          ]
        : [],
      remediation: highest.length
        ? [
            {
              title: 'Investigate high-risk users first',
              detail:
                'Ask "is <user> compromised?" for each: Ward gathers detections, sign-ins and MFA, and proposes containment.',
            },
          ]
        : [],
      guidance: [
        'A user risk policy in Conditional Access (require a secure password change for high risk) remediates most of these without an analyst.',
      ],
      followUps: users.slice(0, 3).map((user) => `is ${user.userPrincipalName ?? label(user)} compromised?`),
      sources,
      planner: 'rules',
    },
  };
}
