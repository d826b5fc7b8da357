/**
 * Grounding first, before the model is asked anything: resolves the user the question is about (a UPN, a name,
 * or "her" from the conversation's memory) and fetches the obvious facts through the ledger in parallel, so the
 * model starts from cited facts and needs fewer turns. A question about a user who cannot be told apart, or
 * found, gets help instead of a model call, exactly as the rules planner answers it. It never asks the model
 * and never guesses between candidates.
 */
import type { GraphUser } from '../../clients/graph-resources.js';
import type { SkillCall } from '../grounding/skill-ledger.js';
import type { PluginRegistry } from '../plugin-registry.js';
import type { HelpOutcome, PlanInput } from './planner.js';
import type { SeenUsers } from './seen-users.js';
import type { ToolCallRunner } from './tool-call-runner.js';
import { ambiguousUserHelp, userNotFoundHelp } from './unresolved-user-help.js';

/** A fact fetched before the first model call, shown to the model as if it had called the tool. */
export interface PrefetchedFact {
  /** `plugin.skill` */
  ref: string;
  input: Record<string, unknown>;
  result: SkillCall<unknown>;
}

/** What grounding found: help to give instead, a directory that failed, or the subject and facts. */
export type Grounding =
  | { kind: 'help'; outcome: HelpOutcome }
  /** The directory could not be read: there is nothing to ground an answer on. */
  | { kind: 'lookup-failed'; query: string; message: string }
  | { kind: 'grounded'; user?: GraphUser; facts: PrefetchedFact[] };

/** Intents about a person's own risk: the user's risk record and recent detections are always wanted. */
const USER_RISK_INTENTS: ReadonlySet<string> = new Set(['user-risk', 'unknown']);

/** Resolves the subject and prefetches the facts for the question's intent. */
export async function groundQuestion(
  input: PlanInput,
  registry: PluginRegistry,
  runner: ToolCallRunner,
  seen: SeenUsers,
): Promise<Grounding> {
  const intent = input.intent.intent;
  const prefetch = async (wanted: [string, Record<string, unknown>][]): Promise<PrefetchedFact[]> => {
    const available = wanted.filter(([ref]) => registry.skill(ref));
    return Promise.all(
      available.map(async ([ref, skillInput]) => ({
        ref,
        input: skillInput,
        result: await runner.call(ref, skillInput),
      })),
    );
  };

  // An incident question starts from the incident (with its alerts and evidence), not from a person.
  const incidentId = input.entities.incidentIds.find((id) => /^\d{1,10}$/.test(id)) ?? input.linkedIncident;
  if ((intent === 'incident' || (intent === 'unknown' && input.linkedIncident)) && incidentId) {
    return { kind: 'grounded', facts: await prefetch([['defender-xdr.incident', { incidentId }]]) };
  }

  if (intent === 'risky-users') {
    return { kind: 'grounded', facts: await prefetch([['entra.riskyUsers', { riskState: 'atRisk' }]]) };
  }

  // A ServiceNow ticket question starts from the ticket and its latest comments and work notes.
  const ticketNumber = input.entities.tickets.find((number) => /^INC\d{7}$/.test(number));
  if (intent === 'ticket' && ticketNumber) {
    return {
      kind: 'grounded',
      facts: await prefetch([
        ['servicenow.incident', { number: ticketNumber }],
        ['servicenow.incidentJournal', { number: ticketNumber, top: 5 }],
      ]),
    };
  }

  const resolution = await input.resolveUser();
  switch (resolution.kind) {
    case 'ambiguous':
      return {
        kind: 'help',
        outcome: ambiguousUserHelp(resolution),
      };
    case 'not-found':
      return {
        kind: 'help',
        outcome: userNotFoundHelp(resolution.query),
      };
    case 'none':
      return intent === 'user-risk'
        ? {
            kind: 'help',
            outcome: {
              kind: 'help',
              reason: 'Tell me which user: their UPN (adele.vance@contoso.com) or their name.',
            },
          }
        : { kind: 'grounded', facts: [] };
    case 'failed':
      return { kind: 'lookup-failed', query: resolution.query, message: resolution.error.message };
    case 'resolved': {
      const { user } = resolution;
      seen.addUser(user);
      const source = input.ledger.sources().find((candidate) => candidate.id === resolution.sourceId);
      const ref = source ? `${source.plugin}.${source.skill}` : 'entra.user';
      const userFact: PrefetchedFact = {
        ref,
        input:
          ref === 'entra.findUsers'
            ? { query: resolution.query }
            : { user: resolution.via === 'upn' ? resolution.query : user.id },
        result: { ok: true, data: user, sourceId: resolution.sourceId },
      };
      const enrichment = USER_RISK_INTENTS.has(intent)
        ? await prefetch([
            ['entra.riskyUser', { userId: user.id }],
            ['entra.riskDetections', { userId: user.id, days: 30 }],
            ['entra.authenticationMethods', { user: user.id }],
          ])
        : intent === 'device'
          ? await prefetch([['intune.userDevices', { user: user.id }]])
          : intent === 'ticket' && (user.mail ?? user.userPrincipalName)
            ? await prefetch([
                [
                  'servicenow.incidents',
                  { callerEmail: (user.mail ?? user.userPrincipalName ?? '').toLowerCase(), days: 90 },
                ],
              ])
            : [];
      return { kind: 'grounded', user, facts: [userFact, ...enrichment] };
    }
  }
}
