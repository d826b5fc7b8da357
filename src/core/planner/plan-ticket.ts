/**
 * The rules planner's answer to ServiceNow ticket questions, from the ServiceNow plugin's read skills: one
 * incident (state, priority, who has it, caller, opened and updated times, description, the latest comments
 * and work notes, its address in ServiceNow) or a list (by caller, assignment group, opened by Ward, open or
 * resolved, how recent). Which ticket: a number in the question ("what's the status of INC0010003?"), else the
 * ticket the thread was just about ("any update?"); else a list.
 * It proposes no actions and never follows what a comment says: journal text is tenant data that callers (and
 * whoever holds a caller's mailbox) write, and the ledger flags planted instructions on the card. It never
 * throws for a failing source: an unknown number gets a clear "no such ticket", a failing ServiceNow a cited
 * partial answer.
 */
import type { GraphUser } from '../../clients/graph-resources.js';
import { formatAgo, formatWhen } from '../../plugins/format-when.js';
import type { ServiceNowJournalNote, ServiceNowTicket } from '../../plugins/servicenow/servicenow-ticket.js';
import type { IncidentJournal } from '../../plugins/servicenow/skills/incident-journal.js';
import type { IncidentList } from '../../plugins/servicenow/skills/incidents.js';
import type { AnswerDraft, Finding, RiskLevel, Target } from '../answer.js';
import { boundedText } from '../bounded-text.js';
import { resolveUser } from '../grounding/resolve-user.js';
import type { SkillCall } from '../grounding/skill-ledger.js';
import { followUpSubject } from '../memory/follow-up-subject.js';
import { readIncidentQuestion } from './incident-question.js';
import type { PlanInput, PlanOutcome } from './planner.js';
import { ambiguousUserHelp, userNotFoundHelp } from './unresolved-user-help.js';

/** Comments and work notes shown on a ticket's card, newest first. */
const JOURNAL_ENTRIES = 5;
/** Rows of a ticket list on the card (the Answer holds 25). */
const LIST_ROWS = 25;
/** How far back a list looks when the question says no time: a person's tickets, and everything else. */
const USER_DAYS = 90;
const DEFAULT_DAYS = 30;
const INCIDENT_NUMBER = /^INC\d{7}$/;
/** What a ServiceNow number other than an incident's names (Ward reads incidents only). */
const OTHER_RECORDS: Readonly<Record<string, string>> = {
  SIR: 'a Security Incident Response record',
  RITM: 'a requested item',
  CHG: 'a change request',
};
/** A ticket's priority as the answer's risk level, while it is still being worked on. */
const PRIORITY_RISK: Readonly<Record<string, RiskLevel>> = {
  '1': 'critical',
  '2': 'high',
  '3': 'medium',
  '4': 'low',
  '5': 'low',
};
const RISK_ORDER: readonly RiskLevel[] = ['unknown', 'none', 'low', 'medium', 'high', 'critical'];
/** Words of ticket questions that name extraction can take for a person: never looked up as users. */
const TICKET_WORDS: ReadonlySet<string> = new Set([
  'ward',
  'servicenow',
  'snow',
  'ticket',
  'tickets',
  'queue',
  'group',
  'team',
  'status',
  'update',
  'updates',
  'open',
  'opened',
  'resolved',
  'closed',
]);
/** "opened by Ward", "Ward's tickets", "tickets Ward opened". */
const BY_WARD =
  /\b(?:opened|created|raised|filed|logged|made)\s+(?:by|from)\s+ward\b|\bward(?:'s|’s)\s+tickets?\b|\bward\s+(?:opened|created|raised|filed)\b/i;
/** "group Service Desk", "queue Security Operations", "assignment group Cloud Platform". */
const GROUP_AFTER = /\b(?:group|queue|team)\s+["“]?([\p{L}][\p{L}\p{N}&'.-]*(?:\s+[\p{L}\p{N}&'.-]+){0,3})/iu;
/** "the Security Operations queue", "Service Desk group". */
const GROUP_BEFORE = /([\p{L}][\p{L}\p{N}&'.-]*(?:\s+[\p{L}\p{N}&'.-]+){0,3})\s+(?:group|queue|team)\b/iu;
/** Words that end a group name read from a question (they belong to the question, not the name). */
const NOT_GROUP_WORDS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'in',
  'for',
  'of',
  'to',
  'by',
  'from',
  'with',
  'and',
  'assigned',
  'assignment',
  'tickets',
  'ticket',
  'servicenow',
  'snow',
  'show',
  'list',
  'any',
  'all',
  'open',
  'opened',
  'resolved',
  'closed',
  'our',
  'my',
  'today',
  'this',
  'last',
  'past',
  'since',
  'what',
  'which',
  'whats',
  'are',
  'is',
  'group',
  'queue',
  'team',
]);

/** Answers a ServiceNow ticket question from the plugin's read skills. */
export async function planTicket(input: PlanInput): Promise<PlanOutcome> {
  const numbers = input.entities.tickets;
  const incident = numbers.find((number) => INCIDENT_NUMBER.test(number));
  if (incident !== undefined) {
    const others = numbers.filter((number) => number !== incident);
    const outcome = await summarise(input, incident);
    if (outcome.kind !== 'answer' || others.length === 0) return outcome;
    // One ticket per answer: the others become follow-ups, first in line.
    return {
      ...outcome,
      draft: {
        ...outcome.draft,
        followUps: [
          ...others.slice(0, 2).map((number) => `what's the status of ${number}?`),
          ...(outcome.draft.followUps ?? []),
        ].slice(0, 5),
      },
    };
  }
  const [other] = numbers;
  if (other !== undefined) return notAnIncident(other);

  const remembered = followUpSubject(input.turn.text, input.entities, input.history);
  if (remembered?.kind === 'incident' && INCIDENT_NUMBER.test(remembered.id)) {
    return summarise(input, remembered.id);
  }
  return list(input);
}

/** Help for a number Ward does not read: another kind of record, or not an incident number at all. */
function notAnIncident(number: string): PlanOutcome {
  const prefix = /^[A-Z]+/.exec(number)?.[0] ?? '';
  const what = OTHER_RECORDS[prefix];
  return {
    kind: 'help',
    reason: what
      ? `${number} is ${what} in ServiceNow; Ward reads ServiceNow incidents (INC numbers, e.g. "what's the status of INC0010001?").`
      : `${number} is not a ServiceNow incident number: those are INC and 7 digits, e.g. INC0010001.`,
  };
}

/** Help when this deployment has no ServiceNow. */
function notConnected(what: string): PlanOutcome {
  return {
    kind: 'help',
    reason: `${what} lives in ServiceNow, and ServiceNow is not connected to this Ward (SERVICENOW_URL, SERVICENOW_USERNAME and SERVICENOW_PASSWORD).`,
  };
}

function riskOf(ticket: ServiceNowTicket): RiskLevel {
  return ticket.active ? (PRIORITY_RISK[ticket.priority.value] ?? 'unknown') : 'none';
}

function highest(levels: readonly RiskLevel[]): RiskLevel {
  return levels.reduce<RiskLevel>(
    (top, level) => (RISK_ORDER.indexOf(level) > RISK_ORDER.indexOf(top) ? level : top),
    'none',
  );
}

/** "assigned to Isaiah Langer (Security Operations)", "in the Service Desk queue, not assigned to anyone yet". */
function assignment(ticket: ServiceNowTicket): string {
  const group = boundedText(ticket.assignmentGroup, 80);
  const person = boundedText(ticket.assignedTo, 80);
  if (person && group) return `assigned to ${person} (${group})`;
  if (person) return `assigned to ${person}`;
  if (group) return `in the ${group} queue, not assigned to anyone yet`;
  return 'not assigned to a group or anyone';
}

function ticketSubject(ticket: ServiceNowTicket): Target {
  return {
    kind: 'incident',
    id: ticket.number,
    displayName: boundedText(`${ticket.number}: ${ticket.shortDescription || 'ServiceNow incident'}`, 200),
  };
}

/** "a comment by adele.vance 16 min ago" */
function noteWords(note: ServiceNowJournalNote, now: Date): string {
  return `a ${note.kind} by ${boundedText(note.author || 'an unknown user', 80)}${note.at ? ` ${formatAgo(note.at, now)}` : ''}`;
}

async function summarise(input: PlanInput, number: string): Promise<PlanOutcome> {
  const { ledger } = input;
  const call = await ledger.call<ServiceNowTicket>('servicenow.incident', { number });
  if (!call.ok) {
    if (call.error.code === 'unknown_skill') return notConnected(number);
    if (call.error.code === 'not_found') {
      return {
        kind: 'help',
        reason: `ServiceNow has no incident ${number}. Check the number, or list tickets: "tickets for <user>", "show ServiceNow tickets opened by Ward today".`,
      };
    }
    return {
      kind: 'answer',
      draft: {
        intent: 'ticket',
        title: `${number}: ServiceNow unavailable`,
        summary: `${call.error.message} Ward could not read ${number}; try again in a minute.`,
        riskLevel: 'unknown',
        subject: { kind: 'incident', id: number, displayName: number },
        followUps: [`what's the status of ${number}?`],
        planner: 'rules',
        sources: ledger.sources(),
      },
    };
  }
  const ticket = call.data;
  const journal = await ledger.call<IncidentJournal>('servicenow.incidentJournal', {
    sysId: ticket.sysId,
    top: JOURNAL_ENTRIES,
  });
  return { kind: 'answer', draft: ticketDraft(input, ticket, call.sourceId, journal) };
}

function ticketDraft(
  input: PlanInput,
  ticket: ServiceNowTicket,
  ticketSource: string,
  journal: SkillCall<IncidentJournal>,
): AnswerDraft {
  const { now } = input;
  const caller = boundedText(ticket.caller, 100);
  const state = boundedText(ticket.state.label || 'unknown state', 40);
  const priority = boundedText(ticket.priority.label || 'not set', 40);
  const notes = journal.ok ? journal.data.notes : [];
  const latest = notes[0];

  const sentences = [
    `${ticket.number} is ${state}, priority ${priority}, ${assignment(ticket)}.`,
    `Opened ${ticket.openedAt ? formatAgo(ticket.openedAt, now) : 'at an unknown time'}${caller ? ` for ${caller}` : ''}${
      ticket.updatedAt ? `; last updated ${formatAgo(ticket.updatedAt, now)}` : ''
    }${ticket.updatedBy ? ` by ${boundedText(ticket.updatedBy, 80)}` : ''}.`,
  ];
  const finished = ticket.closedAt ?? ticket.resolvedAt;
  if (!ticket.active && finished) {
    sentences.push(
      `${ticket.closedAt ? 'Closed' : 'Resolved'} ${formatAgo(finished, now)}${
        ticket.closeCode ? ` (${boundedText(ticket.closeCode, 60)})` : ''
      }.`,
    );
  }
  if (!journal.ok) {
    sentences.push(`Its comments and work notes could not be read: ${journal.error.message}`);
  } else if (latest) {
    sentences.push(`Latest: ${noteWords(latest, now)}.`);
  } else {
    sentences.push('No comments or work notes yet.');
  }

  const correlation = ticket.correlationId
    ? `${ticket.correlationDisplay ? `${boundedText(ticket.correlationDisplay, 60)} ` : ''}${boundedText(ticket.correlationId, 100)}`
    : '';
  const facts = [
    { label: 'State', value: state },
    { label: 'Priority', value: priority },
    { label: 'Assignment group', value: boundedText(ticket.assignmentGroup, 100) || '—' },
    { label: 'Assigned to', value: boundedText(ticket.assignedTo, 100) || 'nobody yet' },
    { label: 'Caller', value: caller || '—' },
    ...(ticket.openedAt ? [{ label: 'Opened', value: formatWhen(ticket.openedAt, now) }] : []),
    ...(ticket.updatedAt ? [{ label: 'Updated', value: formatWhen(ticket.updatedAt, now) }] : []),
    ...(!ticket.active && finished
      ? [{ label: ticket.closedAt ? 'Closed' : 'Resolved', value: formatWhen(finished, now) }]
      : []),
    ...(ticket.category ? [{ label: 'Category', value: boundedText(ticket.category, 60) }] : []),
    ...(correlation ? [{ label: 'Correlation', value: correlation }] : []),
    { label: 'In ServiceNow', value: ticket.url },
  ].slice(0, 12);

  const findings: Finding[] = [
    {
      title: boundedText(ticket.shortDescription || `${ticket.number} has no short description`, 200),
      detail: ticket.description ? boundedText(ticket.description, 1_000) : undefined,
      severity: riskOf(ticket),
      when: ticket.openedAt,
      citations: [ticketSource],
    },
  ];
  if (latest) {
    findings.push({
      title: boundedText(`Latest ${latest.kind} by ${latest.author || 'an unknown user'}`, 200),
      detail: boundedText(latest.text, 1_000),
      severity: 'none',
      when: latest.at,
      citations: [journal.sourceId],
    });
  }

  const defenderIncident = /^\d{1,10}$/.test(ticket.correlationId) ? ticket.correlationId : undefined;
  const followUps = [
    ...(defenderIncident ? [`summarise incident ${defenderIncident}`] : []),
    ...(caller ? [`is ${caller} compromised?`, `tickets for ${caller}`] : []),
  ].slice(0, 5);

  return {
    intent: 'ticket',
    title: boundedText(`${ticket.number}: ${ticket.shortDescription || 'ServiceNow incident'}`, 200),
    summary: sentences.join(' '),
    riskLevel: riskOf(ticket),
    subject: ticketSubject(ticket),
    facts,
    findings,
    evidence:
      journal.ok && notes.length > 0
        ? [
            {
              title: journal.data.truncated
                ? `Latest ${notes.length} comments and work notes`
                : 'Comments and work notes',
              columns: ['When', 'Who', 'Type', 'Text'],
              rows: notes.map((note) => [
                note.at ? formatWhen(note.at, now) : 'unknown time',
                boundedText(note.author, 80),
                note.kind,
                boundedText(note.text, 300),
              ]),
              citations: [journal.sourceId],
            },
          ]
        : [],
    remediation:
      ticket.active && !ticket.assignedTo
        ? [
            {
              title: `Assign ${ticket.number}`,
              detail: `Nobody owns ${ticket.number} yet${ticket.assignmentGroup ? ` in ${boundedText(ticket.assignmentGroup, 80)}` : ''}: assign it in ServiceNow so the work is not done twice.`,
            },
          ]
        : [],
    proposedActions: [],
    followUps,
    sources: input.ledger.sources(),
    planner: 'rules',
  };
}

/** The assignment group a question names ("the Security Operations queue", "group Service Desk"), if any. */
export function readAssignmentGroup(text: string): string | undefined {
  const cut = text.slice(0, 500);
  const words = (phrase: string) => phrase.split(/\s+/).filter((word) => word.length > 0);
  const clean = (word: string) => word.toLowerCase().replace(/['’.-]/g, '');
  const after = GROUP_AFTER.exec(cut);
  if (after?.[1]) {
    const kept: string[] = [];
    for (const word of words(after[1])) {
      if (NOT_GROUP_WORDS.has(clean(word))) break;
      kept.push(word);
    }
    if (kept.length > 0) return kept.join(' ');
  }
  const before = GROUP_BEFORE.exec(cut);
  if (before?.[1]) {
    const kept: string[] = [];
    for (const word of words(before[1]).reverse()) {
      if (NOT_GROUP_WORDS.has(clean(word))) break;
      kept.unshift(word);
    }
    if (kept.length > 0) return kept.join(' ');
  }
  return undefined;
}

/** The state filter of a list: what the question says, else open tickets when nothing narrows the list. */
function stateOf(statuses: readonly string[] | undefined, narrowed: boolean): 'open' | 'resolved' | 'any' {
  if (statuses === undefined) return narrowed ? 'any' : 'open';
  if (statuses.length === 0) return 'any';
  return statuses.includes('resolved') ? 'resolved' : 'open';
}

async function list(input: PlanInput): Promise<PlanOutcome> {
  const text = input.turn.text;
  const question = readIncidentQuestion(text, input.entities);
  const byWard = BY_WARD.test(text);
  const group = readAssignmentGroup(text);
  const groupWords = new Set(
    (group ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word.length > 0),
  );
  const names = input.entities.names.filter(
    (name) =>
      !name
        .toLowerCase()
        .split(' ')
        .every((word) => TICKET_WORDS.has(word) || groupWords.has(word)),
  );
  const namesUser = input.entities.upns.length > 0 || names.length > 0;

  let callerEmail: string | undefined;
  let userWords: string | undefined;
  let subject: Target | undefined;
  if (namesUser || (input.entities.upns.length === 0 && input.entities.names.length === 0)) {
    const resolution =
      names.length === input.entities.names.length
        ? await input.resolveUser()
        : await resolveUser(
            { ...input.entities, names },
            input.ledger,
            followUpSubject(text, input.entities, input.history),
          );
    switch (resolution.kind) {
      case 'not-found':
        return userNotFoundHelp(resolution.query);
      case 'ambiguous':
        return ambiguousUserHelp(resolution);
      case 'failed': {
        // The directory failed; a typed UPN is still the caller's email in most tenants.
        const upn = input.entities.upns[0];
        if (!upn) {
          return {
            kind: 'answer',
            draft: {
              intent: 'tickets',
              title: `Could not look up ${boundedText(resolution.query, 100)}`,
              summary: `${resolution.error.message} Ward needs the user to find their tickets; try again in a minute, or use their UPN.`,
              riskLevel: 'unknown',
              planner: 'rules',
              sources: input.ledger.sources(),
            },
          };
        }
        callerEmail = upn.toLowerCase();
        userWords = upn.toLowerCase();
        break;
      }
      case 'resolved':
        ({ callerEmail, userWords, subject } = describeCaller(resolution.user));
        if (callerEmail === undefined) {
          return {
            kind: 'help',
            reason: `${boundedText(userWords ?? 'That user', 150)} has no email or UPN in the directory to find their ServiceNow tickets by.`,
          };
        }
        break;
      case 'none':
        break;
    }
  }

  const narrowed = callerEmail !== undefined || byWard || group !== undefined;
  const state = stateOf(question.statuses, narrowed);
  const days = question.days ?? (callerEmail ? USER_DAYS : DEFAULT_DAYS);
  const call = await input.ledger.call<IncidentList>('servicenow.incidents', {
    ...(callerEmail ? { callerEmail } : {}),
    ...(group ? { assignmentGroup: group } : {}),
    ...(byWard ? { openedByWard: true } : {}),
    state,
    days,
    top: question.top ?? 20,
  });

  const stateWords = state === 'any' ? '' : `${state} `;
  const what = `${stateWords}ServiceNow tickets${byWard ? ' opened by Ward' : ''}${
    userWords ? ` for ${userWords}` : ''
  }${group ? ` in ${boundedText(group, 80)}` : ''}`;
  const period = days === 1 ? 'in the last day' : `in the last ${days} days`;
  if (!call.ok) {
    if (call.error.code === 'unknown_skill') return notConnected('A ticket list');
    return {
      kind: 'answer',
      draft: {
        intent: 'tickets',
        title: boundedText(`${what.charAt(0).toUpperCase()}${what.slice(1)}: source unavailable`, 200),
        summary: `${call.error.message} Ward could not list ${what}; try again in a minute.`,
        riskLevel: 'unknown',
        ...(subject ? { subject } : {}),
        planner: 'rules',
        sources: input.ledger.sources(),
      },
    };
  }
  return {
    kind: 'answer',
    draft: listDraft(input, call, what, { period, opened: byWard ? period : `opened ${period}` }, subject),
  };
}

function describeCaller(user: GraphUser): {
  callerEmail: string | undefined;
  userWords: string;
  subject: Target;
} {
  const upn = user.userPrincipalName?.toLowerCase();
  const email = (user.mail ?? user.userPrincipalName)?.toLowerCase() || undefined;
  const name = user.displayName ?? upn ?? user.id;
  const label = upn && upn !== name.toLowerCase() ? `${name} (${upn})` : name;
  return {
    callerEmail: email,
    userWords: boundedText(label, 150),
    subject: { kind: 'user', id: user.id, displayName: label },
  };
}

function listDraft(
  input: PlanInput,
  call: SkillCall<IncidentList> & { ok: true },
  what: string,
  window: { period: string; opened: string },
  subject: Target | undefined,
): AnswerDraft {
  const { now } = input;
  const { tickets, truncated } = call.data;
  const count = `${tickets.length}${truncated ? '+' : ''}`;
  const open = tickets.filter((ticket) => ticket.active);
  // Most urgent first: priority, then the newest.
  const urgent = [...open].sort(
    (a, b) =>
      (Number.parseInt(a.priority.value, 10) || 9) - (Number.parseInt(b.priority.value, 10) || 9) ||
      (b.openedAt ?? '').localeCompare(a.openedAt ?? ''),
  );
  const first = urgent[0];
  const title =
    tickets.length === 0
      ? `No ${what}`
      : `${count} ${tickets.length === 1 ? what.replace('tickets', 'ticket') : what}`;
  const summary =
    tickets.length === 0
      ? `No ${what} ${window.opened}.`
      : `${count} ${what} ${window.opened}: ${open.length} open, ${tickets.length - open.length} resolved, closed or cancelled.${
          first
            ? ` Most urgent: ${first.number} (${boundedText(first.priority.label, 40)}, ${boundedText(first.state.label, 40)}), ${boundedText(first.shortDescription, 120)}.`
            : ''
        }`;
  const followUps = (urgent.length > 0 ? urgent : tickets)
    .slice(0, 3)
    .map((ticket) => `what's the status of ${ticket.number}?`);
  return {
    intent: 'tickets',
    title: boundedText(title.charAt(0).toUpperCase() + title.slice(1), 200),
    summary: boundedText(summary, 4_000),
    riskLevel: highest(tickets.map(riskOf)),
    ...(subject ? { subject } : {}),
    facts: [
      { label: 'Open', value: String(open.length) },
      { label: 'Resolved, closed or cancelled', value: String(tickets.length - open.length) },
      { label: 'Opened', value: window.period },
    ],
    findings: urgent.slice(0, 3).map((ticket) => ({
      title: boundedText(`${ticket.number}: ${ticket.shortDescription || 'no short description'}`, 200),
      detail: boundedText(
        `${ticket.state.label}, priority ${ticket.priority.label}, ${assignment(ticket)}; opened ${
          ticket.openedAt ? formatAgo(ticket.openedAt, now) : 'at an unknown time'
        }${ticket.caller ? ` for ${ticket.caller}` : ''}.`,
        2_000,
      ),
      severity: riskOf(ticket),
      when: ticket.openedAt,
      citations: [call.sourceId],
    })),
    evidence:
      tickets.length > 0
        ? [
            {
              title: truncated ? `The newest ${tickets.length} tickets` : 'Tickets',
              columns: ['Ticket', 'Short description', 'State', 'Priority', 'Assigned to', 'Opened'],
              rows: tickets
                .slice(0, LIST_ROWS)
                .map((ticket) => [
                  ticket.number,
                  boundedText(ticket.shortDescription, 200),
                  boundedText(ticket.state.label, 40),
                  boundedText(ticket.priority.label, 40),
                  boundedText(ticket.assignedTo || ticket.assignmentGroup || '—', 100),
                  ticket.openedAt ? formatAgo(ticket.openedAt, now) : '',
                ]),
              citations: [call.sourceId],
            },
          ]
        : [],
    remediation: [],
    proposedActions: [],
    followUps,
    sources: input.ledger.sources(),
    planner: 'rules',
  };
}
