/**
 * The fields of a "Open ticket" proposal (`servicenow.createIncident`), written from an answer: "Ward: <title>",
 * the summary and the findings, the user and the answer (`{answerId}` until the recorder stores it), urgency
 * from the risk level. Cut to ServiceNow's limits, keeping the user and answer lines that tie the ticket back to
 * Ward. Shared by every planner that proposes a ticket; it never names another user than the target.
 */
import { ANSWER_ID_PLACEHOLDER, type RiskLevel } from '../answer.js';

/** ServiceNow urgency for a risk level: 1 High, 2 Medium, 3 Low. */
export const TICKET_URGENCY: Record<RiskLevel, '1' | '2' | '3'> = {
  critical: '1',
  high: '1',
  medium: '2',
  low: '3',
  none: '3',
  unknown: '3',
};

const SHORT_DESCRIPTION_MAX = 160;
/** Under ServiceNow's 4,000: post-processing's redaction markers may be longer than what they replace. */
const DESCRIPTION_MAX = 3_800;

/** What a ticket is written from. */
export interface TicketAnswer {
  title: string;
  summary: string;
  /** Finding titles, in order. */
  findings: string[];
  riskLevel: RiskLevel;
  /** The target's display name ("Name (upn)"), when known. */
  user: string | undefined;
  /** The target's Entra object id (or, for a resource, its Azure resource id). */
  userId: string;
  /** What the target is (default a user): the trailer names a user by object id, a resource by resource id. */
  targetKind?: 'user' | 'resource';
}

/** The proposal's input: `shortDescription`, `description`, `urgency`, `correlationId`. */
export function ticketInput(answer: TicketAnswer): Record<string, string> {
  const trailer = [
    answer.targetKind === 'resource'
      ? `Resource: ${answer.user ?? answer.userId} · Azure resource id ${answer.userId}`
      : `User: ${answer.user ?? answer.userId} · Entra object id ${answer.userId}`,
    `Ward answer: ${ANSWER_ID_PLACEHOLDER}`,
  ].join('\n');
  const body = [
    answer.summary,
    ...(answer.findings.length ? ['', 'Findings:', ...answer.findings.map((title) => `- ${title}`)] : []),
  ].join('\n');
  // The placeholder becomes a 36-character UUID: leave room for it.
  const room = DESCRIPTION_MAX - trailer.length - (36 - ANSWER_ID_PLACEHOLDER.length) - 2;
  return {
    shortDescription: cut(`Ward: ${answer.title}`, SHORT_DESCRIPTION_MAX),
    description: `${cut(body, room)}\n\n${trailer}`,
    urgency: TICKET_URGENCY[answer.riskLevel],
    correlationId: `ward-${ANSWER_ID_PLACEHOLDER}`,
  };
}

/** `text`, or its first `max - 1` characters and an ellipsis. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
