/**
 * A list of Defender XDR incidents in an analyst's words: how many, how bad, who owns them, which to take
 * first, with one table row each (severity, status, affected users and devices, last update). Open incidents
 * come first, worst severity first, then the most recently changed. Pure: no I/O, no clock; it decides no
 * action, and says "none" only for a list that was read, never for one that failed.
 */
import type { DefenderIncident } from '../../clients/graph-security-resources.js';
import { formatAgo } from '../format-when.js';
import { type IncidentAssessment, type Level, listWords, severityLevel, words } from './assess-incident.js';
import { collectIncidentEntities } from './incident-entities.js';

/** What the list summary is computed from. */
export interface IncidentListEvidence {
  incidents: DefenderIncident[];
  /** More incidents matched than were read or returned. */
  truncated: boolean;
  /** What was asked for, in words placed before "incidents": "open high severity", "" for all. */
  scope: string;
  /** Whose incidents, in words ("Adele Vance (adele.vance@contoso.com)"), when the list is about a user. */
  user?: string;
  /** How recent, in words ("updated in the last 30 days"), when the list was limited in time. */
  window?: string;
  now: Date;
}

/** What the list says; every statement rests on the one list that was read. */
export interface IncidentListSummary {
  riskLevel: Level;
  title: string;
  summary: string;
  facts: { label: string; value: string }[];
  findings: { title: string; detail: string; severity: Level; when?: string }[];
  table?: { title: string; columns: string[]; rows: string[][] };
  remediation: IncidentAssessment['remediation'];
  followUps: string[];
}

const OPEN = new Set(['active', 'inProgress', 'awaitingAction']);
const RANK: Readonly<Record<string, number>> = { high: 4, medium: 3, low: 2, informational: 1 };
const SEVERITIES = ['high', 'medium', 'low', 'informational'] as const;

function rank(severity: string): number {
  return Object.hasOwn(RANK, severity) ? (RANK[severity] ?? 0) : 0;
}

function isOpen(incident: DefenderIncident): boolean {
  return OPEN.has(incident.status);
}

function updated(incident: DefenderIncident): string {
  return incident.lastUpdateDateTime ?? incident.createdDateTime;
}

/** Open first, then worst severity, then most recently changed. */
export function triageOrder(incidents: readonly DefenderIncident[]): DefenderIncident[] {
  return [...incidents].sort(
    (a, b) =>
      Number(isOpen(b)) - Number(isOpen(a)) ||
      rank(b.severity) - rank(a.severity) ||
      updated(b).localeCompare(updated(a)),
  );
}

function affected(incident: DefenderIncident): string[] {
  const entities = collectIncidentEntities(incident.alerts ?? []);
  return [...entities.users.map((user) => user.name), ...entities.devices.map((device) => device.name)];
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Summarises a list of incidents read for one question. */
export function summariseIncidents(evidence: IncidentListEvidence): IncidentListSummary {
  const { now } = evidence;
  const incidents = triageOrder(evidence.incidents);
  const count = `${incidents.length}${evidence.truncated ? '+' : ''}`;
  const scope = evidence.scope ? `${evidence.scope} ` : '';
  const noun = incidents.length === 1 && !evidence.truncated ? 'incident' : 'incidents';
  const forWhom = evidence.user ? ` for ${evidence.user}` : '';
  const open = incidents.filter(isOpen);
  const unassigned = open.filter((incident) => !incident.assignedTo);
  const worstOpen = open[0];
  const riskLevel: Level = worstOpen ? severityLevel(worstOpen.severity) : 'none';

  const describe = (incident: DefenderIncident): string => {
    const who = affected(incident);
    const alerts = incident.alerts?.length;
    return [
      `${incident.severity} severity`,
      words(incident.status),
      incident.assignedTo ? `assigned to ${incident.assignedTo}` : 'unassigned',
      alerts === undefined ? undefined : `${alerts} alert${alerts === 1 ? '' : 's'}`,
      who.length ? `affects ${listWords(who.slice(0, 4))}` : undefined,
      `updated ${formatAgo(updated(incident), now)}`,
    ]
      .filter(Boolean)
      .join(' · ');
  };

  const parts: string[] = [];
  if (incidents.length === 0) {
    parts.push(
      `Defender XDR has no ${scope}incidents${forWhom}${evidence.window ? ` ${evidence.window}` : ''}.`,
    );
  } else {
    const bySeverity = SEVERITIES.map(
      (severity) => [severity, incidents.filter((i) => i.severity === severity).length] as const,
    )
      .filter(([, n]) => n > 0)
      .map(([severity, n]) => `${n} ${severity}`);
    const allOpen = open.length === incidents.length;
    const details = [
      bySeverity.length > 1 ? listWords(bySeverity) : '',
      allOpen ? '' : `${open.length} open`,
      unassigned.length ? `${unassigned.length}${allOpen ? '' : ' open and'} unassigned` : '',
    ].filter(Boolean);
    parts.push(
      `Defender XDR has ${count} ${scope}${noun}${forWhom}${evidence.window ? ` ${evidence.window}` : ''}${
        details.length ? `: ${details.join('; ')}` : ''
      }.`,
    );
    if (worstOpen) {
      parts.push(
        `Start with incident ${worstOpen.id} (${cut(worstOpen.displayName ?? 'untitled', 120)}): ${describe(worstOpen)}.`,
      );
    } else {
      parts.push('None of them is open.');
    }
  }

  const facts: IncidentListSummary['facts'] = [
    ...SEVERITIES.map((severity) => ({
      label: severity.charAt(0).toUpperCase() + severity.slice(1),
      value: String(incidents.filter((incident) => incident.severity === severity).length),
    })).filter((fact) => fact.value !== '0'),
    { label: 'Open', value: String(open.length) },
    { label: 'Open and unassigned', value: String(unassigned.length) },
  ];

  const findings = incidents.slice(0, 5).map((incident) => ({
    title: cut(`Incident ${incident.id}: ${incident.displayName ?? 'untitled'}`, 200),
    detail: cut(describe(incident), 1_900),
    severity: isOpen(incident) ? severityLevel(incident.severity) : ('none' as const),
    when: updated(incident),
  }));

  const remediation: IncidentListSummary['remediation'] = [];
  const first = unassigned.filter((incident) => incident.severity === 'high');
  if (first.length) {
    remediation.push({
      title: 'Take the unassigned high-severity incidents first',
      detail: `Nobody owns ${listWords(first.slice(0, 5).map((incident) => incident.id))}. Ask "summarise incident ${first[0]?.id}" for its timeline, evidence and next steps.`,
    });
  } else if (worstOpen) {
    remediation.push({
      title: `Look at incident ${worstOpen.id} first`,
      detail: `Ask "summarise incident ${worstOpen.id}" for its timeline, evidence and next steps.`,
    });
  }

  return {
    riskLevel,
    title: incidents.length ? `${count} ${scope}${noun}${forWhom}` : `No ${scope}incidents${forWhom}`,
    summary: parts.join(' '),
    facts,
    findings,
    table: incidents.length
      ? {
          title: 'Incidents',
          columns: ['Id', 'Incident', 'Severity', 'Status', 'Affected', 'Updated'],
          rows: incidents
            .slice(0, 25)
            .map((incident) => [
              incident.id,
              incident.displayName ?? 'untitled',
              incident.severity,
              words(incident.status),
              listWords(affected(incident).slice(0, 4)),
              formatAgo(updated(incident), now),
            ]),
        }
      : undefined,
    remediation,
    followUps: incidents.slice(0, 3).map((incident) => `summarise incident ${incident.id}`),
  };
}
