/**
 * The Defender XDR incident assessment: from an incident and its alerts to a verdict, a summary, the timeline
 * (alerts in time order), the affected users and devices, the MITRE ATT&CK tactics and techniques, the
 * evidence that matters (decoded encoded PowerShell, attacker addresses, URLs, files), what changed since
 * Ward last answered, and ordered next steps. Computed from the data, never per incident; every statement
 * names the evidence it rests on. A source that failed (`undefined`) is said to be unknown, never "nothing
 * found". Pure: no I/O, no clock. It proposes no actions: Defender XDR is read-only in Ward.
 */
import type { DefenderAlert, DefenderIncident } from '../../clients/graph-security-resources.js';
import { formatAgo, formatSpan, formatUtc, formatWhen } from '../format-when.js';
import {
  type AffectedDevice,
  type AffectedUser,
  collectIncidentEntities,
  type IncidentEntities,
  type ProcessSighting,
} from './incident-entities.js';
import { categoryWords, describeTechnique, mitreTactic, orderTactics, type Tactic } from './mitre-attack.js';

/** Which call a statement rests on: the incident (with its expanded alerts) or the alerts list. */
export type IncidentEvidenceKey = 'incident' | 'alerts';
/** The answer's risk levels (see `src/core/answer.ts`). */
export type Level = 'none' | 'low' | 'medium' | 'high' | 'critical' | 'unknown';

/** What the assessment is computed from. */
export interface IncidentEvidence {
  /** The incident id asked about. */
  incidentId: string;
  /** The incident; `undefined` when Defender XDR could not be read for it. */
  incident: DefenderIncident | undefined;
  /** Its alerts (expanded with the incident, or listed on their own); `undefined` when no source answered. */
  alerts: DefenderAlert[] | undefined;
  /** Where `alerts` came from. */
  alertsFrom: IncidentEvidenceKey;
  /** The alerts list was cut short (more alerts than were read). */
  alertsTruncated?: boolean;
  now: Date;
  /** When Ward last answered about this incident in this conversation: changes since then are called out. */
  since?: Date;
}

/** What the assessment says. */
export interface IncidentAssessment {
  riskLevel: Level;
  /** One line, e.g. "High severity, active, unassigned". */
  verdict: string;
  summary: string;
  facts: { label: string; value: string; source: IncidentEvidenceKey }[];
  findings: {
    title: string;
    detail?: string;
    severity: Level;
    when?: string;
    sources: IncidentEvidenceKey[];
  }[];
  evidence: { title: string; columns: string[]; rows: string[][]; source: IncidentEvidenceKey }[];
  remediation: { title: string; detail?: string }[];
  guidance: string[];
  followUps: string[];
  /** Who and what the incident affects (for follow-ups and the answer's subject). */
  affected: { users: AffectedUser[]; devices: AffectedDevice[] };
  /** ATT&CK tactics of its alerts, in attack order. */
  tactics: Tactic[];
}

const OPEN_STATUSES = new Set(['active', 'inProgress', 'awaitingAction']);
const STATUS_WORDS: Readonly<Record<string, string>> = {
  active: 'active',
  inProgress: 'in progress',
  awaitingAction: 'awaiting action',
  resolved: 'resolved',
  redirected: 'merged into another incident',
  new: 'new',
};
const SERVICE_WORDS: Readonly<Record<string, string>> = {
  microsoftDefenderForEndpoint: 'Microsoft Defender for Endpoint',
  microsoftDefenderForIdentity: 'Microsoft Defender for Identity',
  microsoftDefenderForCloudApps: 'Microsoft Defender for Cloud Apps',
  microsoftDefenderForOffice365: 'Microsoft Defender for Office 365',
  microsoft365Defender: 'Microsoft Defender XDR',
  azureAdIdentityProtection: 'Microsoft Entra ID Protection',
  microsoftAppGovernance: 'App governance',
  dataLossPrevention: 'Microsoft Purview data loss prevention',
  microsoftDefenderForCloud: 'Microsoft Defender for Cloud',
  microsoftSentinel: 'Microsoft Sentinel',
  microsoftInsiderRiskManagement: 'Microsoft Purview insider risk management',
};
const SEVERITY_RANK: Readonly<Record<string, number>> = { informational: 1, low: 2, medium: 3, high: 4 };
/** Tactics after which an attacker is on the device: the device needs isolating, not just watching. */
const HANDS_ON_DEVICE = new Set(['TA0002', 'TA0003', 'TA0004', 'TA0005', 'TA0006', 'TA0008', 'TA0011']);
const DOWNLOADS =
  /DownloadString|DownloadFile|DownloadData|Invoke-WebRequest|\biwr\b|\bwget\b|\bcurl\b|Start-BitsTransfer|Net\.WebClient/i;
const RUNS = /\bIEX\b|Invoke-Expression|\.Invoke\(|Start-Process|\biex\b/i;
/** Alerts that get a finding of their own (the most recent ones); the timeline table shows up to 25. */
const MAX_ALERT_FINDINGS = 24;
const MAX_TIMELINE_ROWS = 25;

/** `table[key]` for the table's own keys only: Graph text like "constructor" must not reach Object.prototype. */
function lookup(table: Readonly<Record<string, string>>, key: string | null | undefined): string | undefined {
  return key && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A severity as Graph writes it, as a risk level (`informational` is low). */
export function severityLevel(severity: string | null | undefined): Level {
  if (severity === 'high' || severity === 'medium' || severity === 'low') return severity;
  if (severity === 'informational') return 'low';
  return 'unknown';
}

function severityRank(severity: string | null | undefined): number {
  return severity && Object.hasOwn(SEVERITY_RANK, severity) ? (SEVERITY_RANK[severity] ?? 0) : 0;
}

/** The worst severity among `alerts` (Graph's word), or undefined when none has a known one. */
function worstSeverity(alerts: readonly DefenderAlert[]): string | undefined {
  let worst: string | undefined;
  for (const alert of alerts) if (severityRank(alert.severity) > severityRank(worst)) worst = alert.severity;
  return worst;
}

/** "In progress", "compromised account": enumeration values and camelCase in words. */
export function words(value: string): string {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `text`, or its first `max - 1` characters and an ellipsis. */
function cut(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

/** When an alert's activity happened: its first activity, else when it was created. */
export function alertTime(alert: DefenderAlert): string {
  return alert.firstActivityDateTime ?? alert.createdDateTime;
}

/** Alerts in the order things happened (oldest first); ties keep creation order. */
export function inTimeOrder(alerts: readonly DefenderAlert[]): DefenderAlert[] {
  return [...alerts].sort(
    (a, b) => alertTime(a).localeCompare(alertTime(b)) || a.createdDateTime.localeCompare(b.createdDateTime),
  );
}

function serviceName(alert: DefenderAlert): string {
  return (
    alert.productName ??
    lookup(SERVICE_WORDS, alert.serviceSource) ??
    (alert.serviceSource ? words(alert.serviceSource) : 'Defender')
  );
}

function userLabel(user: AffectedUser): string {
  return user.userPrincipalName && user.userPrincipalName !== user.name.toLowerCase()
    ? `${user.name} (${user.userPrincipalName})`
    : user.name;
}

/** What a decoded encoded command does, in a few words. */
function decodedBehaviour(process: ProcessSighting): string | undefined {
  const decoded = process.decoded;
  if (!decoded) return undefined;
  const from = decoded.urls.length ? ` ${listWords(decoded.urls.slice(0, 2))}` : '';
  if (DOWNLOADS.test(decoded.decoded) && RUNS.test(decoded.decoded))
    return `downloads and runs code from${from || ' the internet'}`;
  if (DOWNLOADS.test(decoded.decoded)) return `downloads from${from || ' the internet'}`;
  return from ? `names${from}` : undefined;
}

function classificationWords(incident: DefenderIncident): string | undefined {
  const classification =
    incident.classification && incident.classification !== 'unknown' ? incident.classification : undefined;
  const determination =
    incident.determination && incident.determination !== 'unknown' ? incident.determination : undefined;
  if (!classification && !determination) return undefined;
  if (!classification) return words(determination ?? '');
  return determination ? `${words(classification)} (${words(determination)})` : words(classification);
}

/** Assesses one Defender XDR incident from the evidence gathered. */
export function assessIncident(evidence: IncidentEvidence): IncidentAssessment {
  const { incident, incidentId, now, since } = evidence;
  const alertsKey = evidence.alertsFrom;
  const alerts = evidence.alerts ? inTimeOrder(evidence.alerts) : undefined;
  const entities: IncidentEntities = collectIncidentEntities(alerts ?? []);
  const titleOf = new Map((alerts ?? []).map((alert) => [alert.id, alert.title ?? 'Untitled alert']));
  const facts: IncidentAssessment['facts'] = [];
  const findings: IncidentAssessment['findings'] = [];
  const tables: IncidentAssessment['evidence'] = [];
  const remediation: IncidentAssessment['remediation'] = [];
  const guidance: string[] = [];
  const parts: string[] = [];

  const status = incident?.status;
  const open = incident
    ? OPEN_STATUSES.has(incident.status)
    : (alerts ?? []).some((alert) => alert.status !== 'resolved');
  const severity = incident?.severity ?? (alerts ? worstSeverity(alerts) : undefined);
  const statusWords = status ? (lookup(STATUS_WORDS, status) ?? words(status)) : undefined;

  // Risk level and verdict.
  let riskLevel: Level;
  let verdict: string;
  if (incident?.status === 'resolved') {
    riskLevel = 'none';
    const classification = classificationWords(incident);
    verdict = classification ? `Resolved — ${classification}` : 'Resolved';
  } else if (incident?.status === 'redirected') {
    riskLevel = 'unknown';
    verdict = incident.redirectIncidentId
      ? `Merged into incident ${incident.redirectIncidentId}`
      : 'Merged into another incident';
  } else if (incident) {
    riskLevel = severityLevel(incident.severity);
    const owner = incident.assignedTo ? `assigned to ${incident.assignedTo}` : 'unassigned';
    verdict = `${cap(incident.severity)} severity, ${statusWords ?? 'status unknown'}, ${owner}`;
  } else if (alerts && alerts.length > 0) {
    riskLevel = open ? severityLevel(severity) : 'none';
    verdict = `${severity ? `${cap(severity)} severity` : 'Severity unknown'} (from its alerts) — incident details unavailable`;
  } else {
    riskLevel = 'unknown';
    verdict = 'Unknown — Defender XDR did not answer';
  }

  // Facts about the incident record.
  if (incident) {
    facts.push({ label: 'Severity', value: incident.severity, source: 'incident' });
    facts.push({ label: 'Status', value: statusWords ?? incident.status, source: 'incident' });
    facts.push({ label: 'Assigned to', value: incident.assignedTo ?? 'nobody', source: 'incident' });
    const classification = classificationWords(incident);
    if (classification) facts.push({ label: 'Classification', value: classification, source: 'incident' });
    facts.push({ label: 'Created', value: formatWhen(incident.createdDateTime, now), source: 'incident' });
    if (incident.lastUpdateDateTime) {
      facts.push({
        label: 'Last update',
        value: formatWhen(incident.lastUpdateDateTime, now),
        source: 'incident',
      });
    }
    if (incident.summary)
      facts.push({ label: 'Defender summary', value: cut(incident.summary, 480), source: 'incident' });
  }

  // Tactics and techniques.
  const tacticsInOrder = orderTactics(
    (alerts ?? []).map((alert) => mitreTactic(alert.category)).filter((t): t is Tactic => !!t),
  );
  const techniques = [...new Set((alerts ?? []).flatMap((alert) => alert.mitreTechniques ?? []))];
  const products = [...new Set((alerts ?? []).map(serviceName))];
  if (alerts) {
    facts.push({
      label: 'Alerts',
      value: alerts.length
        ? `${alerts.length}${evidence.alertsTruncated ? '+' : ''} from ${listWords(products)}`
        : 'none returned',
      source: alertsKey,
    });
    if (tacticsInOrder.length) {
      facts.push({
        label: 'MITRE ATT&CK tactics',
        value: tacticsInOrder.map((tactic) => `${tactic.name} (${tactic.id})`).join(', '),
        source: alertsKey,
      });
    }
    if (techniques.length) {
      facts.push({
        label: 'MITRE ATT&CK techniques',
        value: cut(techniques.map(describeTechnique).join(', '), 480),
        source: alertsKey,
      });
    }
  }

  // What changed since Ward last answered about it.
  if (since && alerts) {
    const sinceIso = since.toISOString();
    const added = alerts.filter((alert) => alert.createdDateTime > sinceIso);
    const updated = alerts.filter(
      (alert) => alert.createdDateTime <= sinceIso && (alert.lastUpdateDateTime ?? '') > sinceIso,
    );
    const ago = formatAgo(sinceIso, now);
    if (added.length || updated.length) {
      const changes = [
        added.length ? `${added.length} new alert${added.length > 1 ? 's' : ''}` : '',
        updated.length ? `${updated.length} updated` : '',
      ].filter(Boolean);
      findings.push({
        title: `Since Ward's last answer about it (${ago}): ${listWords(changes)}`,
        detail: cut(
          [
            ...added.map(
              (a) =>
                `New: ${a.title ?? 'Untitled alert'} (${a.severity}, ${formatAgo(a.createdDateTime, now)}).`,
            ),
            ...updated.map(
              (a) =>
                `Updated: ${a.title ?? 'Untitled alert'} (now ${lookup(STATUS_WORDS, a.status) ?? words(a.status)}).`,
            ),
          ].join(' '),
          1_900,
        ),
        severity: added.length ? severityLevel(worstSeverity(added)) : 'low',
        when: (added.at(-1) ?? updated.at(-1))?.lastUpdateDateTime ?? undefined,
        sources: [alertsKey],
      });
      parts.push(`Since Ward's last answer about it (${ago}): ${listWords(changes)}.`);
    } else {
      parts.push(`Nothing new since Ward's last answer about it (${ago}): no new or updated alerts.`);
    }
  }

  // Summary: the incident in plain words.
  const name = `Incident ${incident?.id ?? incidentId}`;
  if (incident?.status === 'redirected') {
    parts.push(
      `${name} was merged into ${incident.redirectIncidentId ? `incident ${incident.redirectIncidentId}` : 'another incident'}: work continues there.`,
    );
  } else if (incident?.status === 'resolved') {
    const classification = classificationWords(incident);
    parts.push(
      `${name} is resolved${classification ? ` as ${classification}` : ''}${incident.assignedTo ? ` by ${incident.assignedTo}` : ''}.`,
    );
    if (incident.resolvingComment) parts.push(`Resolution: ${cut(incident.resolvingComment, 300)}`);
  } else if (incident) {
    parts.push(
      `${name} is ${incident.severity} severity and ${statusWords ?? incident.status}${incident.assignedTo ? `, assigned to ${incident.assignedTo}` : ', and nobody is assigned'}.`,
    );
  } else {
    parts.push(
      alerts?.length
        ? `Ward could not read ${name.toLowerCase()} itself from Defender XDR; this is built from its alerts alone.`
        : `Ward could not read ${name.toLowerCase()} from Defender XDR.`,
    );
  }
  if (alerts && alerts.length > 0) {
    const first = alerts[0];
    const last = alerts[alerts.length - 1];
    const span =
      first && last && alerts.length > 1
        ? ` between ${formatUtc(alertTime(first))} and ${formatUtc(alertTime(last))} (${formatSpan(Date.parse(alertTime(last)) - Date.parse(alertTime(first)))})`
        : first
          ? ` at ${formatUtc(alertTime(first))}`
          : '';
    const story = [...new Set(alerts.map((alert) => categoryWords(alert.category)))];
    parts.push(
      `Its ${alerts.length}${evidence.alertsTruncated ? '+' : ''} alert${alerts.length > 1 ? 's' : ''} from ${listWords(products)}${span}${
        story.length
          ? `: ${story.length > 1 ? `${story.slice(0, -1).join(', ')}, then ${story.at(-1)}` : story[0]}`
          : ''
      }.`,
    );
  } else if (alerts) {
    parts.push('Defender XDR returned no alerts for it.');
  }
  const affectedWords = [
    ...entities.users.slice(0, 3).map(userLabel),
    ...entities.devices.slice(0, 3).map((device) => device.name),
  ];
  if (affectedWords.length) parts.push(`It affects ${listWords(affectedWords)}.`);
  else if (alerts?.length) parts.push('Its evidence names no user or device.');
  const latest = alerts?.at(-1);
  const keyProcess = entities.processes.find((process) => process.decoded);
  if (latest && incident?.status !== 'resolved') {
    const on = entities.devices.find((device) => device.alertIds.includes(latest.id))?.name;
    const behaviour =
      keyProcess && keyProcess.alertId === latest.id ? decodedBehaviour(keyProcess) : undefined;
    parts.push(
      `Latest: "${latest.title ?? 'Untitled alert'}"${on ? ` on ${on}` : ''}, ${formatAgo(alertTime(latest), now)}${
        behaviour ? ` — an encoded PowerShell command that ${behaviour}` : ''
      }.`,
    );
  }
  if (keyProcess && (!latest || keyProcess.alertId !== latest.id || incident?.status === 'resolved')) {
    const behaviour = decodedBehaviour(keyProcess);
    if (behaviour)
      parts.push(
        `An encoded PowerShell command${keyProcess.device ? ` on ${keyProcess.device}` : ''} ${behaviour}.`,
      );
  }

  // Findings: the timeline's alerts, oldest first, then the evidence that decides the response.
  const hasHighAlert = (alerts ?? []).some(
    (alert) => alert.status !== 'resolved' && alert.severity === 'high',
  );
  for (const alert of (alerts ?? []).slice(-MAX_ALERT_FINDINGS)) {
    const tactic = mitreTactic(alert.category);
    const mentioned = [
      ...entities.ips
        .filter((ip) => ip.alertIds.includes(alert.id))
        .map((ip) => `IP ${ip.address}${ip.country ? ` (${ip.country})` : ''}`),
      ...entities.urls.filter((url) => url.alertIds.includes(alert.id)).map((url) => url.url),
      ...entities.devices
        .filter((device) => device.alertIds.includes(alert.id))
        .map((device) => `device ${device.name}`),
    ];
    const detail = [
      alert.description ? cut(alert.description, 700) : '',
      tactic || alert.category
        ? `Tactic: ${tactic ? `${tactic.name} (${tactic.id})` : categoryWords(alert.category)}.`
        : '',
      alert.mitreTechniques?.length
        ? `Techniques: ${alert.mitreTechniques.map(describeTechnique).join(', ')}.`
        : '',
      mentioned.length ? `Evidence: ${listWords(mentioned.slice(0, 6))}.` : '',
      `${serviceName(alert)}, ${alert.severity} severity, ${lookup(STATUS_WORDS, alert.status) ?? words(alert.status)}.`,
    ]
      .filter(Boolean)
      .join(' ');
    findings.push({
      title: cut(alert.title ?? 'Untitled alert', 200),
      detail: cut(detail, 1_900),
      severity: alert.status === 'resolved' ? 'none' : severityLevel(alert.severity),
      when: alertTime(alert),
      sources: [alertsKey],
    });
  }
  for (const process of entities.processes.filter((p) => p.decoded).slice(0, 2)) {
    const behaviour = decodedBehaviour(process);
    const alertSeverity = (alerts ?? []).find((alert) => alert.id === process.alertId)?.severity;
    findings.push({
      title: cut(
        `Encoded PowerShell${process.device ? ` on ${process.device}` : ''}${behaviour ? ` ${behaviour}` : ''}`,
        200,
      ),
      detail: cut(
        `Command line${process.user ? ` (as ${process.user}` : ''}${process.parentFileName ? `${process.user ? ', ' : ' ('}started by ${process.parentFileName}` : ''}${
          process.user || process.parentFileName ? ')' : ''
        }: ${process.commandLine}\nDecoded: ${cut(process.decoded?.decoded ?? '', 700)}`,
        1_900,
      ),
      severity:
        process.verdict === 'malicious'
          ? 'high'
          : severityRank(alertSeverity) >= 3
            ? severityLevel(alertSeverity)
            : 'medium',
      when: process.when,
      sources: [alertsKey],
    });
  }

  // Evidence tables.
  if (alerts && alerts.length > 0) {
    tables.push({
      title: `Timeline (alerts in time order${alerts.length > MAX_TIMELINE_ROWS ? `, the last ${MAX_TIMELINE_ROWS} of ${alerts.length}` : ''})`,
      columns: ['When', 'Alert', 'Severity', 'Tactic', 'Source', 'Status'],
      rows: alerts
        .slice(-MAX_TIMELINE_ROWS)
        .map((alert) => [
          formatWhen(alertTime(alert), now),
          alert.title ?? 'Untitled alert',
          alert.severity,
          categoryWords(alert.category),
          serviceName(alert),
          lookup(STATUS_WORDS, alert.status) ?? words(alert.status),
        ]),
      source: alertsKey,
    });
  }
  const entityRows: string[][] = [
    ...entities.users.map((user) => [
      'User',
      user.name,
      user.userPrincipalName ?? user.id ?? '',
      user.roles.join(', '),
      user.verdict ?? '',
    ]),
    ...entities.devices.map((device) => [
      'Device',
      device.name,
      [
        device.platform && `${device.platform}${device.osBuild ? ` build ${device.osBuild}` : ''}`,
        device.riskScore && `risk ${device.riskScore}`,
        device.healthStatus,
        device.addresses.length ? device.addresses.slice(0, 3).join(', ') : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      device.roles.join(', '),
      device.verdict ?? '',
    ]),
    ...entities.mailboxes.map((mailbox) => ['Mailbox', mailbox.address, mailbox.name ?? '', '', '']),
  ];
  if (entityRows.length) {
    tables.push({
      title: 'Affected users and devices',
      columns: ['Kind', 'Name', 'Details', 'Role', 'Verdict'],
      rows: entityRows.slice(0, 25),
      source: alertsKey,
    });
  }
  const alertTitles = (ids: readonly string[]) =>
    [...new Set(ids.map((id) => titleOf.get(id) ?? id))].join('; ');
  const indicatorRows: string[][] = [
    ...entities.processes.map((process) => [
      'Process',
      process.commandLine,
      [
        process.fileName,
        process.device && `on ${process.device}`,
        process.user && `as ${process.user}`,
        process.parentFileName && `parent ${process.parentFileName}`,
        process.decoded?.urls.length ? `decoded: fetches ${process.decoded.urls.join(', ')}` : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      process.verdict ?? '',
      alertTitles([process.alertId]),
    ]),
    ...entities.ips.map((ip) => [
      'IP address',
      ip.address,
      [ip.country, ip.roles.join(', ')].filter(Boolean).join(' · '),
      ip.verdict ?? '',
      alertTitles(ip.alertIds),
    ]),
    ...entities.urls.map((url) => ['URL', url.url, '', url.verdict ?? '', alertTitles(url.alertIds)]),
    ...entities.files.map((file) => [
      'File',
      file.name,
      [file.path, file.sha256 && `SHA-256 ${file.sha256}`].filter(Boolean).join(' · '),
      file.verdict ?? '',
      alertTitles(file.alertIds),
    ]),
  ];
  if (indicatorRows.length) {
    tables.push({
      title: 'Evidence: processes, addresses, URLs, files',
      columns: ['Kind', 'Value', 'Details', 'Verdict', 'Alerts'],
      rows: indicatorRows.slice(0, 25),
      source: alertsKey,
    });
  }

  // Next steps, ordered: own it, contain, block, hunt, close.
  const attackerIps = entities.ips.filter(
    (ip) => ip.roles.includes('attacker') || ip.verdict === 'malicious',
  );
  const badUrls = [
    ...new Set([
      ...entities.urls
        .filter((url) => url.verdict === 'malicious' || url.verdict === 'suspicious')
        .map((url) => url.url),
      ...entities.processes.flatMap((process) => process.decoded?.urls ?? []),
    ]),
  ];
  const compromisedUsers = entities.users.filter(
    (user) => user.roles.includes('compromised') || user.verdict === 'malicious',
  );
  const handsOnDevices = entities.devices.filter((device) => {
    const onDevice = (alerts ?? []).filter((alert) => device.alertIds.includes(alert.id));
    return (
      entities.processes.some(
        (process) => process.device === device.name && process.verdict !== 'noThreatsFound',
      ) || onDevice.some((alert) => HANDS_ON_DEVICE.has(mitreTactic(alert.category)?.id ?? ''))
    );
  });
  if (incident?.status === 'redirected') {
    const target = incident.redirectIncidentId;
    remediation.push({
      title: target ? `Continue on incident ${target}` : 'Continue on the incident it was merged into',
      detail: target
        ? `Defender XDR merged incident ${incident.id} into ${target}: ask "summarise incident ${target}".`
        : undefined,
    });
  } else if (open) {
    if (incident && !incident.assignedTo) {
      remediation.push({
        title: 'Assign the incident and set it to In progress',
        detail: `Nobody owns incident ${incident.id} yet: assign it in the Microsoft Defender portal so the work is not done twice.`,
      });
    }
    for (const device of handsOnDevices.slice(0, 2)) {
      const processes = entities.processes.filter((process) => process.device === device.name);
      remediation.push({
        title: `Isolate ${device.name} in Defender for Endpoint`,
        detail: `${processes.length ? `It ran ${listWords([...new Set(processes.map((p) => p.fileName ?? 'a suspicious process'))])}${processes.some((p) => p.decoded) ? ' with an encoded command' : ''}. ` : ''}Isolation cuts it off the network (Defender keeps its connection) while you collect an investigation package and run a full antivirus scan.`,
      });
    }
    for (const user of compromisedUsers.slice(0, 2)) {
      const reference = user.userPrincipalName ?? user.name;
      remediation.push({
        title: `Secure ${user.name}'s account`,
        detail: `Ask Ward "is ${reference} compromised?": it checks Identity Protection risk, sign-ins and MFA, and proposes confirm compromised, password reset and session revocation for an analyst to click.`,
      });
    }
    if (attackerIps.length || badUrls.length) {
      const indicators = [...attackerIps.map((ip) => ip.address), ...badUrls];
      remediation.push({
        title: 'Block the attacker’s addresses and URLs',
        detail: `Add ${listWords(indicators.slice(0, 6))} as block indicators in Defender XDR${attackerIps.length ? ', and the IP addresses to a blocked named location in Conditional Access' : ''}.`,
      });
    }
    if (entities.processes.length || attackerIps.length || badUrls.length) {
      const what = [
        entities.processes.length ? 'the same command line on other devices (DeviceProcessEvents)' : '',
        badUrls.length ? 'connections to the same URLs (DeviceNetworkEvents)' : '',
        attackerIps.length ? 'sign-ins from the same addresses by other accounts (SigninLogs)' : '',
      ].filter(Boolean);
      remediation.push({
        title: 'Hunt for the same activity elsewhere',
        detail: `With advanced hunting, look for ${listWords(what)}.`,
      });
    }
    // Defender's own advice, once per distinct text, naming the alerts that give it.
    const recommended = new Map<string, string[]>();
    for (const alert of alerts ?? []) {
      if (alert.status === 'resolved' || !alert.recommendedActions) continue;
      const titles = recommended.get(alert.recommendedActions) ?? [];
      titles.push(`"${alert.title ?? 'Untitled alert'}"`);
      recommended.set(alert.recommendedActions, titles);
    }
    for (const [text, titles] of [...recommended].slice(0, 2)) {
      remediation.push({
        title: cut(`Defender's recommendation for ${listWords([...new Set(titles)])}`, 200),
        detail: cut(text, 900),
      });
    }
    remediation.push({
      title: 'Classify and resolve it once contained',
      detail:
        'Set the classification and determination and a resolving comment in Defender XDR, so the next analyst knows what happened.',
    });
  } else if (incident?.status === 'resolved' || (alerts && alerts.length > 0)) {
    remediation.push({
      title: 'No containment needed',
      detail: 'The incident is resolved. Reopen it if new alerts arrive for the same users or devices.',
    });
  }

  // Prevention guidance, from what the evidence shows.
  const hasTechnique = (prefix: string) => techniques.some((id) => id.toUpperCase().startsWith(prefix));
  if (
    entities.processes.some((process) => process.decoded) ||
    hasTechnique('T1059.001') ||
    hasTechnique('T1027')
  ) {
    guidance.push(
      'Turn on the attack surface reduction rule "Block execution of potentially obfuscated scripts" and PowerShell script block logging, and keep standard users in PowerShell Constrained Language Mode.',
    );
  }
  if (hasTechnique('T1110')) {
    guidance.push(
      'Keep Entra smart lockout and the banned password list on and block legacy authentication: password sprays live on weak passwords and basic auth.',
    );
  }
  if (hasTechnique('T1090')) {
    guidance.push(
      'Block sign-ins from anonymous IP addresses, or require a compliant device for them, with a sign-in risk Conditional Access policy.',
    );
  }
  if (hasTechnique('T1078') && tacticsInOrder.some((tactic) => tactic.id === 'TA0001')) {
    guidance.push(
      'Require phishing-resistant MFA and a user-risk policy that forces a secure password change: stolen valid passwords are how this started.',
    );
  }
  if (hasTechnique('T1566')) {
    guidance.push(
      'Turn on Safe Links, Safe Attachments and zero-hour auto purge, and let users report phishing from Outlook.',
    );
  }

  if (open && hasHighAlert && (handsOnDevices.length || compromisedUsers.length)) {
    const targets = [
      handsOnDevices.length ? `isolate ${listWords(handsOnDevices.slice(0, 2).map((d) => d.name))}` : '',
      compromisedUsers.length
        ? `secure ${listWords(compromisedUsers.slice(0, 2).map((u) => `${u.name}'s account`))}`
        : '',
    ].filter(Boolean);
    parts.push(`Contain it now: ${listWords(targets)}.`);
  } else if (open && compromisedUsers.length) {
    parts.push(
      `Check with ${listWords(compromisedUsers.slice(0, 2).map((u) => u.name))} whether the activity was theirs.`,
    );
  }
  if (alerts === undefined) parts.push('Not checked (source unavailable): its alerts and evidence.');
  else if (evidence.alertsTruncated)
    parts.push('More alerts exist than Ward read: the timeline may be incomplete.');

  const followUps = [
    ...entities.users
      .filter((user) => user.userPrincipalName)
      .slice(0, 2)
      .map((user) => `is ${user.userPrincipalName} compromised?`),
    ...entities.devices.slice(0, 2).map((device) => `is ${device.name} compliant?`),
    ...(incident?.status === 'redirected' && incident.redirectIncidentId
      ? [`summarise incident ${incident.redirectIncidentId}`]
      : []),
    'show open high severity incidents',
  ].slice(0, 5);

  return {
    riskLevel,
    verdict,
    summary: parts.join(' '),
    facts,
    findings,
    evidence: tables,
    remediation: remediation.slice(0, 12),
    guidance: guidance.slice(0, 4),
    followUps,
    affected: { users: entities.users, devices: entities.devices },
    tactics: tacticsInOrder,
  };
}
