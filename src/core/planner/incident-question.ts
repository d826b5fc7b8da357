/**
 * Reads what an incident question asks for, from its words and entities: which incident (a Defender XDR
 * number, a ServiceNow number, one Ward cannot read), or a list and its filters (severity, status, how recent,
 * how many). Pure and host-neutral; every pattern is anchored on a word and bounded, so any text is read in
 * linear time. It never resolves users and never decides where an id came from besides the question itself.
 */
import type { IncidentStatus, SecuritySeverity } from '../../clients/graph-security-resources.js';
import { isDefenderIncidentId, isServiceNowNumber } from '../../plugins/defender-xdr/incident-reference.js';
import type { Entities } from '../grounding/extract-entities.js';

/** The statuses of an incident still being worked on. */
export const OPEN_INCIDENT_STATUSES: readonly IncidentStatus[] = ['active', 'inProgress', 'awaitingAction'];

/** What an incident question asks for. */
export interface IncidentQuestion {
  /** Defender XDR incident ids named, in order. */
  defenderIds: string[];
  /** ServiceNow numbers named (`INC0012345`): not Defender incidents. */
  serviceNowNumbers: string[];
  /** Numbers named as incidents that neither Defender nor ServiceNow issues (out of range). */
  otherIds: string[];
  /**
   * The question asks for several incidents ("incidents", "list", a severity). Status and time words alone do
   * not: in a channel about one incident, "anything open?" is about that incident.
   */
  wantsList: boolean;
  severities?: SecuritySeverity[];
  /** Statuses asked for; `undefined` when none was said; empty when "all" was. */
  statuses?: IncidentStatus[];
  /** "last 7 days", "this week", "today". */
  days?: number;
  /** "top 5". */
  top?: number;
}

const MAX_TEXT = 4_000;
const SEVERITY_WORDS: readonly SecuritySeverity[] = ['high', 'medium', 'low', 'informational'];

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Reads the question `text` (with its extracted `entities`). */
export function readIncidentQuestion(text: string, entities: Entities): IncidentQuestion {
  const lower = text.slice(0, MAX_TEXT).toLowerCase();
  const defenderIds = entities.incidentIds.filter(isDefenderIncidentId);
  const serviceNowNumbers = entities.incidentIds.filter(isServiceNowNumber).map((id) => id.toUpperCase());
  const otherIds = entities.incidentIds.filter((id) => !isDefenderIncidentId(id) && !isServiceNowNumber(id));

  const severities = SEVERITY_WORDS.filter((severity) => new RegExp(`\\b${severity}\\b`).test(lower));
  let statuses: IncidentStatus[] | undefined;
  if (/\b(?:open|active|unresolved|ongoing|outstanding)\b/.test(lower))
    statuses = [...OPEN_INCIDENT_STATUSES];
  else if (/\b(?:resolved|closed)\b/.test(lower)) statuses = ['resolved'];
  else if (/\bin[ -]?progress\b/.test(lower)) statuses = ['inProgress'];
  else if (/\b(?:all|every)\b/.test(lower)) statuses = [];

  let days: number | undefined;
  const lastDays = /\b(?:last|past|previous)\s+(\d{1,3})\s+days?\b/.exec(lower);
  const lastHours = /\b(?:last|past|previous)\s+(\d{1,4})\s+h(?:ou)?rs?\b/.exec(lower);
  if (lastDays) days = clamp(Number(lastDays[1]), 1, 180);
  else if (lastHours) days = clamp(Math.ceil(Number(lastHours[1]) / 24), 1, 180);
  else if (/\b(?:today|last day|past day)\b/.test(lower)) days = 1;
  else if (/\b(?:this|last|past) week\b/.test(lower)) days = 7;
  else if (/\b(?:this|last|past) month\b/.test(lower)) days = 30;

  const topMatch = /\btop\s+(\d{1,3})\b/.exec(lower);
  const top = topMatch ? clamp(Number(topMatch[1]), 1, 50) : undefined;

  const wantsList =
    /\bincidents\b/.test(lower) || /\b(?:list|show all)\b/.test(lower) || severities.length > 0;

  return {
    defenderIds,
    serviceNowNumbers,
    otherIds,
    wantsList,
    ...(severities.length ? { severities } : {}),
    ...(statuses !== undefined ? { statuses } : {}),
    ...(days !== undefined ? { days } : {}),
    ...(top !== undefined ? { top } : {}),
  };
}
