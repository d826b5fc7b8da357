/**
 * Turns a validated model submission into an AnswerDraft. The model decides the words and which evidence to
 * cite; Ward decides everything that can act: a proposal survives only for an action the registry has, on a
 * user the planner actually saw (the resolved user or a user in tool data), with the title and
 * destructiveness from the action's own descriptor and its input built by Ward (a ticket's text from the
 * answer) or checked against the action's schema; otherwise it is dropped. Sources are the ledger's; text is
 * redacted and kept within the Answer's bounds.
 */
import type { GraphUser } from '../../clients/graph-resources.js';
import { SERVICENOW_ACTIONS } from '../../plugins/servicenow/servicenow-actions.js';
import type { Action } from '../../plugins/types.js';
import type { AnswerDraft, AnswerNotice, ProposedAction, Source, Target } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import type { PluginRegistry } from '../plugin-registry.js';
import type { ModelAnswer } from './model-answer.js';
import { type SeenUsers, userLabel } from './seen-users.js';
import { ticketInput } from './ticket-input.js';

/** The proposal whose input is a ticket written from the answer. */
const TICKET_ACTION = `servicenow.${SERVICENOW_ACTIONS.createIncident.name}`;
const MAX_INJECTION_NOTICES = 3;

/** What the draft is built with besides the submission: the question's facts, never the model's. */
export interface ModelAnswerContext {
  intent: string;
  /** The model's name: the answer's `planner`. */
  model: string;
  registry: PluginRegistry;
  /** The user the question is about, when grounding resolved one. */
  user?: GraphUser;
  seen: SeenUsers;
  sources: Source[];
  /** Notices from the loop (budget) to show first. */
  notices: AnswerNotice[];
}

/** The answer's target for a user. */
export function userTarget(user: GraphUser): Target {
  const label = userLabel(user.displayName, user.userPrincipalName);
  return { kind: 'user', id: user.id, ...(label ? { displayName: label } : {}) };
}

/**
 * Builds the draft. Never throws on anything the model wrote (it was validated already). Text is redacted
 * here and cut to the Answer's bounds, so post-processing's redaction cannot push it over them.
 */
export function draftFromModelAnswer(submitted: ModelAnswer, context: ModelAnswerContext): AnswerDraft {
  const { registry } = context;
  const answer = withinBounds(submitted);
  const subject = context.user ? userTarget(context.user) : undefined;
  return {
    intent: context.intent,
    title: answer.title,
    summary: answer.summary,
    riskLevel: answer.riskLevel,
    ...(subject ? { subject } : {}),
    facts: answer.facts,
    findings: answer.findings.map((finding) => ({
      title: finding.title,
      detail: finding.detail,
      severity: finding.severity,
      when: finding.when,
      citations: [...new Set(finding.citations)],
    })),
    evidence: (answer.evidence ?? []).map((table) => ({
      title: table.title,
      columns: table.columns,
      rows: table.rows,
      citations: [...new Set(table.citations)],
    })),
    remediation: answer.remediation.map((step) => ({
      title: step.title,
      detail: step.detail,
      action: step.action && registry.describeAction(step.action) ? step.action : undefined,
    })),
    guidance: answer.guidance,
    proposedActions: proposals(answer, context),
    followUps: answer.followUps,
    notices: [...context.notices, ...injectionNotices(answer, context.sources)],
    sources: context.sources,
    planner: context.model,
  };
}

/** The submission with secrets redacted and every bounded text cut back to its bound. */
function withinBounds(answer: ModelAnswer): ModelAnswer {
  return {
    ...answer,
    summary: boundedText(answer.summary, 4000),
    title: boundedText(answer.title, 200),
    facts: answer.facts.map((fact) => ({
      label: boundedText(fact.label, 60),
      value: boundedText(fact.value, 300),
    })),
    findings: answer.findings.map((finding) => ({
      ...finding,
      title: boundedText(finding.title, 200),
      detail: finding.detail === undefined ? undefined : boundedText(finding.detail, 2000),
    })),
    evidence: answer.evidence?.map((table) => ({
      ...table,
      title: boundedText(table.title, 200),
      columns: table.columns.map((column) => boundedText(column, 60)),
      rows: table.rows.map((row) => row.map((cell) => boundedText(cell, 300))),
    })),
    remediation: answer.remediation.map((step) => ({
      ...step,
      title: boundedText(step.title, 200),
      detail: step.detail === undefined ? undefined : boundedText(step.detail, 1000),
    })),
    guidance: answer.guidance.map((text) => boundedText(text, 1000)),
    proposedActions: answer.proposedActions.map((proposal) => ({
      ...proposal,
      why: boundedText(proposal.why, 500),
    })),
    followUps: answer.followUps.map((text) => boundedText(text, 200)),
    injectionObserved: answer.injectionObserved?.map((observed) => ({
      ...observed,
      text: boundedText(observed.text, 300),
    })),
  };
}

function proposals(answer: ModelAnswer, context: ModelAnswerContext): ProposedAction[] {
  const kept: ProposedAction[] = [];
  const taken = new Set<string>();
  for (const proposal of answer.proposedActions) {
    const registered = context.registry.describeAction(proposal.action.trim());
    const seenUser = context.seen.find(proposal.targetId);
    if (!registered || !seenUser) continue;
    const key = `${registered.ref} ${seenUser.id.toLowerCase()}`;
    if (taken.has(key)) continue;
    const target: Target = {
      kind: 'user',
      id: seenUser.id,
      ...(seenUser.displayName ? { displayName: seenUser.displayName } : {}),
    };
    const input =
      registered.ref === TICKET_ACTION
        ? ticketInput({
            title: answer.title,
            summary: answer.summary,
            findings: answer.findings.map((finding) => finding.title),
            riskLevel: answer.riskLevel,
            user: target.displayName,
            userId: target.id,
          })
        : undefined;
    if (!acceptsInput(registered, target.id, input)) continue;
    taken.add(key);
    kept.push({
      action: registered.ref,
      title: registered.title,
      destructive: registered.destructive,
      target,
      why: proposal.why,
      ...(input ? { input } : {}),
    });
  }
  return kept;
}

/**
 * Whether the action can run with what the proposal carries: the target, the input Ward built, and (for an
 * action with a choice) the analyst's pick on the confirmation card. An action needing fields Ward cannot
 * fill is dropped rather than shown as a button that would fail.
 */
function acceptsInput(
  action: Pick<Action, 'input' | 'choice'>,
  userId: string,
  input: Record<string, string> | undefined,
): boolean {
  const choice = action.choice ? { [action.choice.id]: action.choice.options[0]?.value } : {};
  try {
    return action.input.safeParse({ userId, ...input, ...choice }).success;
  } catch {
    return false;
  }
}

/**
 * Instructions the model reports having seen in tool data, as injection notices, except for sources the ledger
 * already flagged (post-processing writes those).
 */
function injectionNotices(answer: ModelAnswer, sources: readonly Source[]): AnswerNotice[] {
  const byId = new Map(sources.map((source) => [source.id, source]));
  const notices: AnswerNotice[] = [];
  const reported = new Set<string>();
  for (const observed of answer.injectionObserved ?? []) {
    const source = byId.get(observed.sourceId);
    if (!source || source.flagged?.length || reported.has(source.id)) continue;
    reported.add(source.id);
    const quoted = observed.text.trim().slice(0, 300);
    notices.push({
      kind: 'injection',
      text: boundedText(
        `${source.service} data (${source.id}) contains instructions aimed at an AI${quoted ? `: “${quoted}”` : ''}. Ward ignored them; check who wrote it.`,
        600,
      ),
      citations: [source.id],
    });
    if (notices.length >= MAX_INJECTION_NOTICES) break;
  }
  return notices;
}
