/**
 * The rules planner's answer to incident questions, from the Defender XDR plugin's read skills: one incident
 * summarised (severity, status, timeline, affected users and devices, MITRE ATT&CK, evidence, next steps) or a
 * list (by severity, status, user, recency). Which incident: a Defender number in the question, else the
 * incident the thread was just about ("and the alerts?"), else the one the channel's name links ("what's
 * new?" in "Incident 4211 – Adele"); else a list.
 * It proposes no actions (Defender XDR is read-only in Ward; containment comes from the user-risk answer the
 * follow-ups lead to), never throws for a failing source (the answer says what failed, and what it could read
 * instead), and never treats a ServiceNow number as a Defender incident.
 */
import type { GraphUser } from '../../clients/graph-resources.js';
import type {
  DefenderAlert,
  DefenderIncident,
  IncidentStatus,
} from '../../clients/graph-security-resources.js';
import {
  assessIncident,
  type IncidentAssessment,
  type IncidentEvidenceKey,
} from '../../plugins/defender-xdr/assess-incident.js';
import { isDefenderIncidentId, type UserMatch } from '../../plugins/defender-xdr/incident-reference.js';
import type { AlertList } from '../../plugins/defender-xdr/skills/alerts.js';
import type { IncidentList } from '../../plugins/defender-xdr/skills/incidents.js';
import { summariseIncidents } from '../../plugins/defender-xdr/summarise-incidents.js';
import type { AnswerDraft, Target } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import type { SkillCall } from '../grounding/skill-ledger.js';
import { followUpSubject } from '../memory/follow-up-subject.js';
import { type IncidentQuestion, OPEN_INCIDENT_STATUSES, readIncidentQuestion } from './incident-question.js';
import type { PlanInput, PlanOutcome } from './planner.js';

/** How far back the alerts list is read when the incident itself cannot be. */
const FALLBACK_ALERT_DAYS = 90;
/** How far back a user's incidents are looked for when the question says no time. */
const USER_INCIDENT_DAYS = 30;
/**
 * Words of incident questions that name extraction can take for a person ("show high severity incidents"
 * yields the candidate name "severity"): never looked up as users.
 */
const INCIDENT_WORDS: ReadonlySet<string> = new Set([
  'severity',
  'severities',
  'status',
  'resolved',
  'closed',
  'open',
  'active',
  'unresolved',
  'unassigned',
  'assigned',
  'progress',
  'informational',
  'critical',
  'defender',
  'xdr',
  'incident',
  'incidents',
  'alert',
  'alerts',
  'summarise',
  'summarize',
  'summary',
  'timeline',
]);

/** True when a candidate name is a word of the incident question, not a person. */
function isIncidentWord(name: string): boolean {
  return INCIDENT_WORDS.has(name.toLowerCase());
}

/** Answers an incident question from the plugins' read skills. */
export async function planIncident(input: PlanInput): Promise<PlanOutcome> {
  const question = readIncidentQuestion(input.turn.text, input.entities);
  const namesUser =
    input.entities.upns.length > 0 || input.entities.names.some((name) => !isIncidentWord(name));

  const [asked, ...others] = question.defenderIds;
  if (asked) {
    const outcome = await summarise(input, asked, 'question');
    if (outcome.kind !== 'answer' || others.length === 0) return outcome;
    // One incident per answer: the others become follow-ups, first in line.
    const next = others.slice(0, 2).map((id) => `summarise incident ${id}`);
    return {
      ...outcome,
      draft: {
        ...outcome.draft,
        summary: `${outcome.draft.summary} (This answer is about incident ${asked}; ask about ${others.slice(0, 2).join(' and ')} next.)`,
        followUps: [...next, ...(outcome.draft.followUps ?? [])].slice(0, 5),
      },
    };
  }

  if (question.serviceNowNumbers.length > 0 && !question.wantsList) {
    const numbers = question.serviceNowNumbers.slice(0, 3).join(', ');
    return {
      kind: 'help',
      reason: `${numbers} ${question.serviceNowNumbers.length > 1 ? 'are ServiceNow ticket numbers' : 'is a ServiceNow ticket number'}, not a Microsoft Defender XDR incident: ask about a Defender incident by its number ("summarise incident <number>"), or open the ticket in ServiceNow.`,
    };
  }
  if (question.otherIds.length > 0 && !question.wantsList) {
    return {
      kind: 'help',
      reason: `${boundedText(question.otherIds[0] ?? '', 20)} is not a Microsoft Defender XDR incident number (Defender numbers its incidents from 1 to 2147483647).`,
    };
  }

  if (!question.wantsList && !namesUser) {
    const remembered = followUpSubject(input.turn.text, input.entities, input.history);
    if (remembered?.kind === 'incident' && isDefenderIncidentId(remembered.id)) {
      return summarise(input, remembered.id, 'memory');
    }
    if (input.linkedIncident && isDefenderIncidentId(input.linkedIncident)) {
      return summarise(input, input.linkedIncident, 'channel');
    }
  }
  return list(input, question, namesUser);
}

type IncidentOrigin = 'question' | 'memory' | 'channel';

/** When Ward last answered about incident `id` in this conversation, if it did. */
function lastAnsweredAbout(input: PlanInput, id: string): Date | undefined {
  for (let index = input.history.length - 1; index >= 0; index--) {
    const turn = input.history[index];
    if (turn?.subject?.kind === 'incident' && turn.subject.id === id) return turn.at;
  }
  return undefined;
}

async function summarise(input: PlanInput, id: string, origin: IncidentOrigin): Promise<PlanOutcome> {
  const { ledger } = input;
  const first = await ledger.call<DefenderIncident | null>('defender-xdr.incident', { incidentId: id });
  if (first.ok && first.data === null) {
    return {
      kind: 'help',
      reason:
        origin === 'channel'
          ? `This channel's name links incident ${id}, but Microsoft Defender XDR has no incident ${id}. Name the incident ("summarise incident <number>") or ask "show open incidents".`
          : `Microsoft Defender XDR has no incident ${id}. Check the number, or ask "show open incidents" to list them.`,
    };
  }

  // A merged incident: follow it once to the incident that carries on, and say so.
  let call = first;
  let mergedFrom: string | undefined;
  const redirect = first.ok ? first.data?.redirectIncidentId : undefined;
  if (
    first.ok &&
    first.data?.status === 'redirected' &&
    redirect &&
    redirect !== id &&
    isDefenderIncidentId(redirect)
  ) {
    const followed = await ledger.call<DefenderIncident | null>('defender-xdr.incident', {
      incidentId: redirect,
    });
    if (followed.ok && followed.data) {
      call = followed;
      mergedFrom = id;
    }
  }
  const incidentId = mergedFrom ? (redirect ?? id) : id;

  let incident: DefenderIncident | undefined;
  let alerts: DefenderAlert[] | undefined;
  let alertsFrom: IncidentEvidenceKey = 'incident';
  let alertsSourceId = call.sourceId;
  let alertsTruncated = false;
  if (call.ok && call.data) {
    incident = call.data;
    alerts = call.data.alerts ?? [];
  } else {
    // The incident could not be read: its alerts may still be (alerts_v2 is another endpoint).
    const fallback = await ledger.call<AlertList>('defender-xdr.alerts', {
      incidentId: id,
      days: FALLBACK_ALERT_DAYS,
      top: 200,
    });
    alertsSourceId = fallback.sourceId;
    alertsFrom = 'alerts';
    if (fallback.ok && fallback.data.alerts.length > 0) {
      alerts = fallback.data.alerts;
      alertsTruncated = fallback.data.truncated;
    } else {
      const reason = call.ok ? '' : `${call.error.message} `;
      const alertWords = fallback.ok
        ? `and found no alerts of it in the last ${FALLBACK_ALERT_DAYS} days`
        : 'and could not list its alerts either';
      return {
        kind: 'answer',
        draft: {
          intent: 'incident',
          title: `Incident ${id}: Microsoft Defender XDR unavailable`,
          summary: `${reason}Ward could not read incident ${id} ${alertWords}; try again in a minute.`,
          riskLevel: 'unknown',
          subject: { kind: 'incident', id, displayName: `Incident ${id}` },
          followUps: ['show open high severity incidents'],
          planner: 'rules',
          sources: ledger.sources(),
        },
      };
    }
  }

  const assessment = assessIncident({
    incidentId,
    incident,
    alerts,
    alertsFrom,
    alertsTruncated,
    now: input.now,
    since: lastAnsweredAbout(input, incidentId),
  });
  const cite: Record<IncidentEvidenceKey, string> = { incident: call.sourceId, alerts: alertsSourceId };
  return {
    kind: 'answer',
    draft: incidentDraft(input, incidentId, incident, assessment, cite, first.sourceId, mergedFrom),
  };
}

function incidentDraft(
  input: PlanInput,
  id: string,
  incident: DefenderIncident | undefined,
  assessment: IncidentAssessment,
  cite: Record<IncidentEvidenceKey, string>,
  firstSourceId: string,
  mergedFrom: string | undefined,
): AnswerDraft {
  const name = incident?.displayName ? boundedText(incident.displayName, 150) : assessment.verdict;
  const subject: Target = {
    kind: 'incident',
    id,
    displayName: boundedText(incident?.displayName ?? `Defender XDR incident ${id}`, 200),
  };
  const merged = mergedFrom
    ? [
        {
          title: `Incident ${mergedFrom} was merged into incident ${id}`,
          detail: `Defender XDR redirects incident ${mergedFrom} to ${id}; this answer is about ${id}.`,
          severity: 'none' as const,
          citations: [firstSourceId],
        },
      ]
    : [];
  return {
    intent: 'incident',
    title: `Incident ${id}: ${name}`,
    summary: `${mergedFrom ? `Incident ${mergedFrom} was merged into incident ${id}. ` : ''}${assessment.summary}`,
    riskLevel: assessment.riskLevel,
    subject,
    facts: [
      ...(mergedFrom ? [{ label: 'Merged from', value: `incident ${mergedFrom}` }] : []),
      ...assessment.facts.map(({ label, value }) => ({ label, value })),
    ].slice(0, 12),
    findings: [
      ...merged,
      ...assessment.findings.map((finding) => ({
        title: finding.title,
        detail: finding.detail,
        severity: finding.severity,
        when: finding.when,
        citations: [...new Set(finding.sources.map((key) => cite[key]))],
      })),
    ].slice(0, 30),
    evidence: assessment.evidence.slice(0, 6).map((table) => ({
      title: table.title,
      columns: table.columns,
      rows: table.rows,
      citations: [cite[table.source]],
    })),
    remediation: assessment.remediation,
    guidance: assessment.guidance,
    proposedActions: [],
    followUps: assessment.followUps,
    sources: input.ledger.sources(),
    planner: 'rules',
  };
}

/** "open high severity": the filters of a list in the words placed before "incidents". */
function scopeWords(question: IncidentQuestion, statuses: readonly IncidentStatus[] | undefined): string {
  const status =
    statuses === undefined || statuses.length === 0
      ? ''
      : statuses.length === OPEN_INCIDENT_STATUSES.length &&
          OPEN_INCIDENT_STATUSES.every((s) => statuses.includes(s))
        ? 'open'
        : statuses
            .map((s) => (s === 'inProgress' ? 'in-progress' : s === 'awaitingAction' ? 'awaiting-action' : s))
            .join(' or ');
  const severity = question.severities?.length ? `${question.severities.join(' or ')} severity` : '';
  return [status, severity].filter(Boolean).join(' ');
}

async function list(input: PlanInput, question: IncidentQuestion, namesUser: boolean): Promise<PlanOutcome> {
  let user: UserMatch | undefined;
  let userWords: string | undefined;
  let subject: Target | undefined;
  if (namesUser) {
    const resolution = await input.resolveUser();
    switch (resolution.kind) {
      case 'not-found': {
        // Name extraction may have read a word of the question first ("resolved incidents for zed").
        const query = input.entities.upns[0] ?? input.entities.names.find((name) => !isIncidentWord(name));
        return {
          kind: 'help',
          reason: `I couldn't find a user matching "${boundedText(query ?? resolution.query, 100)}" in the directory. Check the spelling or use their UPN.`,
        };
      }
      case 'ambiguous':
        return {
          kind: 'help',
          reason: `Several users match "${resolution.query}". Whose incidents did you mean?`,
          candidates: resolution.candidates.slice(0, 6),
        };
      case 'failed': {
        // The directory failed; a typed UPN still finds the user's incidents in Defender's evidence.
        const upn = input.entities.upns[0];
        if (!upn) {
          return {
            kind: 'answer',
            draft: {
              intent: 'incidents',
              title: `Could not look up ${boundedText(resolution.query, 100)}`,
              summary: `${resolution.error.message} Ward needs the user to find their incidents; try again in a minute, or use their UPN.`,
              riskLevel: 'unknown',
              planner: 'rules',
              sources: input.ledger.sources(),
            },
          };
        }
        user = { userPrincipalName: upn };
        userWords = upn;
        break;
      }
      case 'resolved':
        ({ user, userWords, subject } = describeUser(resolution.user));
        break;
      case 'none':
        break;
    }
  }

  const statuses: IncidentStatus[] | undefined =
    question.statuses !== undefined
      ? question.statuses.length
        ? question.statuses
        : undefined
      : user
        ? undefined
        : [...OPEN_INCIDENT_STATUSES];
  const days = question.days ?? (user ? USER_INCIDENT_DAYS : undefined);
  const scope = scopeWords(question, statuses);
  const call: SkillCall<IncidentList> = await input.ledger.call<IncidentList>('defender-xdr.incidents', {
    ...(question.severities ? { severities: question.severities } : {}),
    ...(statuses ? { statuses } : {}),
    ...(user ? { user } : {}),
    ...(days !== undefined ? { days } : {}),
    top: question.top ?? 20,
  });
  const what = `${scope ? `${scope} ` : ''}incidents${userWords ? ` for ${userWords}` : ''}`;
  if (!call.ok) {
    return {
      kind: 'answer',
      draft: {
        intent: 'incidents',
        title: `${what.charAt(0).toUpperCase()}${what.slice(1)}: source unavailable`,
        summary: `${call.error.message} Ward could not list ${what}; try again in a minute.`,
        riskLevel: 'unknown',
        ...(subject ? { subject } : {}),
        planner: 'rules',
        sources: input.ledger.sources(),
      },
    };
  }
  const summary = summariseIncidents({
    incidents: call.data.incidents,
    truncated: call.data.truncated,
    scope,
    ...(userWords ? { user: userWords } : {}),
    ...(days !== undefined ? { window: `updated in the last ${days} day${days === 1 ? '' : 's'}` } : {}),
    now: input.now,
  });
  const followUps = [
    ...summary.followUps,
    ...(user?.userPrincipalName ? [`is ${user.userPrincipalName} compromised?`] : []),
  ].slice(0, 5);
  return {
    kind: 'answer',
    draft: {
      intent: 'incidents',
      title: boundedText(summary.title, 200),
      summary: summary.summary,
      riskLevel: summary.riskLevel,
      ...(subject ? { subject } : {}),
      facts: summary.facts,
      findings: summary.findings.map((finding) => ({ ...finding, citations: [call.sourceId] })),
      evidence: summary.table ? [{ ...summary.table, citations: [call.sourceId] }] : [],
      remediation: summary.remediation,
      proposedActions: [],
      followUps,
      sources: input.ledger.sources(),
      planner: 'rules',
    },
  };
}

function describeUser(user: GraphUser): { user: UserMatch; userWords: string; subject: Target } {
  const upn = user.userPrincipalName?.toLowerCase();
  const name = user.displayName ?? upn ?? user.id;
  const label = upn && upn !== name.toLowerCase() ? `${name} (${upn})` : name;
  return {
    user: { id: user.id, ...(upn ? { userPrincipalName: upn } : {}) },
    userWords: boundedText(label, 150),
    subject: { kind: 'user', id: user.id, displayName: label },
  };
}
