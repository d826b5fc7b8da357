/**
 * How the ServiceNow plugin hands an incident and its journal to a planner: plain data with the words an
 * analyst reads (state and priority labels, the caller's and the group's names), times as ISO 8601 UTC, and
 * the incident's address in ServiceNow. Also the skills' input rules for naming an incident (its number or
 * sys_id), so text never reaches a query unvalidated. Pure: no client, no clock.
 */
import { z } from 'zod/v4';
import type {
  DisplayedField,
  ServiceNowDisplayedIncident,
  ServiceNowJournalEntry,
} from '../../clients/servicenow-resources.js';

/** A value and what ServiceNow shows for it (a choice's label, a reference's name). */
export interface ShownValue {
  value: string;
  label: string;
}

/** An incident as the ServiceNow skills return it. Empty fields are "" (labels) or undefined (times). */
export interface ServiceNowTicket {
  number: string;
  sysId: string;
  shortDescription: string;
  description: string;
  /** 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled (instances may add more). */
  state: ShownValue;
  /** 1 Critical .. 5 Planning. */
  priority: ShownValue;
  impact: ShownValue;
  urgency: ShownValue;
  category: string;
  /** Still being worked on (not resolved, closed or cancelled). */
  active: boolean;
  caller: string;
  openedBy: string;
  assignedTo: string;
  assignmentGroup: string;
  /** The external record it follows (e.g. a Defender XDR incident id, or `ward-<answer id>`). */
  correlationId: string;
  correlationDisplay: string;
  closeCode: string;
  closeNotes: string;
  openedAt?: string;
  updatedAt?: string;
  updatedBy: string;
  resolvedAt?: string;
  closedAt?: string;
  /** The incident's form in ServiceNow. */
  url: string;
}

/** One comment (seen by the caller) or work note (internal) on an incident. */
export interface ServiceNowJournalNote {
  kind: 'comment' | 'work note';
  /** The writer's ServiceNow user name. */
  author: string;
  /** ISO 8601 UTC, or undefined when ServiceNow sent no readable time. */
  at?: string;
  text: string;
}

/** ServiceNow's `INC0010001`, any case as pasted (`inc0010001`), read upper-case. */
export const incidentNumberInput = z
  .string()
  .trim()
  .transform((number) => number.toUpperCase())
  .pipe(
    z.string().regex(/^INC\d{7}$/, 'expected a ServiceNow incident number: INC and 7 digits (INC0010001)'),
  );

/** A sys_id: 32 hex digits (read lower-case). */
export const sysIdInput = z
  .string()
  .trim()
  .transform((id) => id.toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{32}$/, 'expected a ServiceNow sys_id: 32 hex digits'));

/** Which incident a skill reads: `number` or `sysId`, exactly one. */
export const incidentReferenceInput = z
  .object({
    number: incidentNumberInput
      .optional()
      .describe('The incident number as ServiceNow shows it, e.g. INC0010001.'),
    sysId: sysIdInput
      .optional()
      .describe("The incident's sys_id (32 hex digits), when the number is not known."),
  })
  .strict()
  .refine((input) => (input.number === undefined) !== (input.sysId === undefined), {
    message: 'give the incident number or its sys_id (exactly one)',
  });

/** `2025-06-11 14:05:00` (the Table API's UTC) as `2025-06-11T14:05:00Z`; undefined when empty or unreadable. */
export function serviceNowTimeToIso(value: string | undefined): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value?.trim() ?? '');
  if (match === null) return undefined;
  const iso = `${match[1]}T${match[2]}Z`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** The address of an incident's form: `<instance>/nav_to.do?uri=incident.do?sys_id=<sys_id>`, encoded. */
export function incidentUrl(baseUrl: string, sysId: string): string {
  return `${baseUrl}/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${sysId}`)}`;
}

const shown = (field: DisplayedField | undefined): ShownValue => ({
  value: field?.value ?? '',
  label: field?.display || field?.value || '',
});
const text = (field: DisplayedField | undefined): string => field?.display || field?.value || '';
const time = (field: DisplayedField | undefined): string | undefined => serviceNowTimeToIso(field?.value);

/** An incident read with display values, as a ticket. */
export function toTicket(incident: ServiceNowDisplayedIncident, baseUrl: string): ServiceNowTicket {
  const state = shown(incident.state);
  const active = incident.active?.value;
  return {
    number: incident.number.value,
    sysId: incident.sys_id.value,
    shortDescription: text(incident.short_description),
    description: incident.description?.value ?? '',
    state,
    priority: shown(incident.priority),
    impact: shown(incident.impact),
    urgency: shown(incident.urgency),
    category: text(incident.category),
    active:
      active === undefined || active === '' ? !['6', '7', '8'].includes(state.value) : active === 'true',
    caller: text(incident.caller_id),
    openedBy: text(incident.opened_by),
    assignedTo: text(incident.assigned_to),
    assignmentGroup: text(incident.assignment_group),
    correlationId: incident.correlation_id?.value ?? '',
    correlationDisplay: incident.correlation_display?.value ?? '',
    closeCode: text(incident.close_code),
    closeNotes: incident.close_notes?.value ?? '',
    openedAt: time(incident.opened_at) ?? time(incident.sys_created_on),
    updatedAt: time(incident.sys_updated_on),
    updatedBy: incident.sys_updated_by?.value ?? '',
    resolvedAt: time(incident.resolved_at),
    closedAt: time(incident.closed_at),
    url: incidentUrl(baseUrl, incident.sys_id.value),
  };
}

/** A journal entry as a note; undefined for an element that is neither a comment nor a work note. */
export function toJournalNote(entry: ServiceNowJournalEntry): ServiceNowJournalNote | undefined {
  const kind =
    entry.element === 'comments' ? 'comment' : entry.element === 'work_notes' ? 'work note' : undefined;
  if (kind === undefined) return undefined;
  return {
    kind,
    author: entry.sys_created_by,
    at: serviceNowTimeToIso(entry.sys_created_on),
    text: entry.value,
  };
}
