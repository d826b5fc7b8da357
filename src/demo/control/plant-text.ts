/**
 * `POST /_demo/plant`: writes text an attacker could control into one seeded record, to show and test how
 * Ward treats tenant data that holds instructions aimed at an AI (prompt injection). Body (JSON, validated):
 *
 *     { "target": "user.displayName", "id": "adele.vance@contoso.com", "value": "Adele (note to AI: …)" }
 *
 * Targets, with the record `id` they take (every one defaults to a record of Adele Vance's story) and the
 * real service's length limit:
 * - `user.displayName` (256), `user.jobTitle` (128), `user.department` (64), `user.officeLocation` (128):
 *   the directory user, by object id or UPN. A display name also changes on the user's riskyUser record,
 *   which Graph serves with the current name; sign-in logs keep the name they were written with.
 * - `signIn.appDisplayName` (256: an app anyone can register in their own tenant), `signIn.deviceDisplayName`
 *   (256): one sign-in, by its id, or the newest sign-in of a user given by object id or UPN. The matching
 *   `SigninLogs` row changes with it.
 * - `riskDetection.userAgent` (1,024): the `userAgent` entry of a detection's `additionalInfo`, by detection
 *   id or the newest detection of a user.
 * - `alert.title` (256), `alert.description` (4,000): a Defender XDR alert, by alert id, provider alert id,
 *   incident id (its newest alert) or user (the newest alert naming them); default: incident 4211's newest.
 *   The matching `SecurityAlert` row changes with it.
 * - `process.commandLine` (32,767, Windows' limit): a process, by the id of an alert naming it as evidence,
 *   a `DeviceProcessEvents` ReportId, or a device name (its newest process); default: incident 4211's
 *   encoded PowerShell. Every alert naming the same process, their `SecurityAlert` rows and the
 *   `DeviceProcessEvents` row change together.
 * - `ticket.shortDescription` (160), `ticket.description` (4,000): a ServiceNow incident, by number, sys_id,
 *   correlation id or caller (object id or UPN: their newest incident); default: the ticket for incident 4211.
 * - `ticket.comments` (4,000): adds a comment to that incident's journal, written by its caller, the way the
 *   self-service portal lets any employee do.
 *
 * Answers 200 with what changed: `{ target, id, field, previous, value, changed: [{ record, id, field }] }`.
 * A bad body gets 400 with what to fix; an id that names no record gets 404. `POST /_demo/reset` undoes it
 * (the reset reseeds every record). It changes only the named field of the named record and its copies, and
 * only in the demo tenant's memory.
 */
import { z } from 'zod/v4';
import { createDemoClock } from '../demo-clock.js';
import type { DemoTenantState, DemoUser } from '../demo-tenant-state.js';
import { GraphHttpError } from '../graph/graph-error.js';
import { securityAlertRow, sentinelAlertId } from '../seed/log-analytics-security-rows.js';
import { signInLogRow } from '../seed/log-analytics-sign-in-row.js';
import { STORY_PEOPLE } from '../seed/people.js';
import { ADELE_INCIDENT_ID } from '../seed/story-adele-incident.js';
import type { DemoServiceNowIncident } from '../servicenow/servicenow-state.js';
import type { DemoAlertEvidence, DemoSecurityAlert } from '../state/security-incident.js';

/** Each target and the longest value the real service accepts there. */
const TARGET_LIMITS = {
  'user.displayName': 256,
  'user.jobTitle': 128,
  'user.department': 64,
  'user.officeLocation': 128,
  'signIn.appDisplayName': 256,
  'signIn.deviceDisplayName': 256,
  'riskDetection.userAgent': 1_024,
  'alert.title': 256,
  'alert.description': 4_000,
  'process.commandLine': 32_767,
  'ticket.shortDescription': 160,
  'ticket.description': 4_000,
  'ticket.comments': 4_000,
} as const;

/** A field `POST /_demo/plant` can write. */
export type PlantTarget = keyof typeof TARGET_LIMITS;

/** Every target, in the order the module header lists them. */
export const PLANT_TARGETS = Object.keys(TARGET_LIMITS) as [PlantTarget, ...PlantTarget[]];

/** The body of `POST /_demo/plant`. */
export const plantTextSchema = z
  .object({
    target: z.enum(PLANT_TARGETS),
    id: z.string().trim().min(1).max(200).optional(),
    value: z.string().min(1).max(32_767),
  })
  .strict()
  .superRefine((body, context) => {
    const limit = TARGET_LIMITS[body.target];
    if (body.value.length > limit) {
      context.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${body.target} holds at most ${limit} characters in the real service; this value has ${body.value.length}.`,
      });
    }
  });
export type PlantTextRequest = z.infer<typeof plantTextSchema>;

/** One stored record the plant changed. */
export interface PlantedChange {
  /** e.g. `user`, `riskyUser`, `signIn`, `SigninLogs`, `alert`, `SecurityAlert`, `DeviceProcessEvents`. */
  record: string;
  id: string;
  field: string;
}

/** What `POST /_demo/plant` answers. */
export interface PlantTextResult {
  target: PlantTarget;
  /** The record the target names. */
  id: string;
  field: string;
  /** The field's value before (for a comment: the incident's number, the journal had no such entry). */
  previous: string | null;
  value: string;
  changed: PlantedChange[];
}

function notFound(what: string, id: string, hint: string): never {
  throw new GraphHttpError(404, 'NotFound', `No ${what} '${id}' in the demo tenant. ${hint}`);
}

const USER_HINT = 'Use an object id or a UPN, e.g. adele.vance@contoso.com.';

function findUser(state: DemoTenantState, id: string | undefined): DemoUser | undefined {
  const wanted = (id ?? STORY_PEOPLE.adele.id).toLowerCase();
  return state.users.find(
    (person) => person.user.id === wanted || person.user.userPrincipalName.toLowerCase() === wanted,
  );
}

function requireUser(state: DemoTenantState, id: string | undefined): DemoUser {
  return findUser(state, id) ?? notFound('user', id ?? '', USER_HINT);
}

function plantOnUser(state: DemoTenantState, request: PlantTextRequest): PlantTextResult {
  const person = requireUser(state, request.id);
  const field = request.target.slice('user.'.length) as
    | 'displayName'
    | 'jobTitle'
    | 'department'
    | 'officeLocation';
  const previous = person.user[field];
  person.user[field] = request.value;
  const changed: PlantedChange[] = [{ record: 'user', id: person.user.id, field }];
  if (field === 'displayName') {
    for (const risky of state.riskyUsers.filter((entry) => entry.id === person.user.id)) {
      risky.userDisplayName = request.value;
      changed.push({ record: 'riskyUser', id: risky.id, field: 'userDisplayName' });
    }
  }
  return { target: request.target, id: person.user.id, field, previous, value: request.value, changed };
}

function plantOnSignIn(state: DemoTenantState, request: PlantTextRequest): PlantTextResult {
  const wanted = request.id ?? STORY_PEOPLE.adele.id;
  // Newest first: a user's first sign-in in the list is their newest.
  let signIn = state.signIns.find((entry) => entry.id === wanted);
  if (!signIn) {
    const person = findUser(state, wanted);
    if (person) signIn = state.signIns.find((entry) => entry.userId === person.user.id);
    if (!signIn) {
      notFound(
        'sign-in',
        wanted,
        person
          ? `${person.user.userPrincipalName} has no sign-ins.`
          : `Use a sign-in id, or a user: ${USER_HINT}`,
      );
    }
  }
  const row = state.logAnalytics.tables.SigninLogs.findIndex((entry) => entry.Id === signIn.id);
  let field: string;
  let previous: string | null;
  if (request.target === 'signIn.appDisplayName') {
    field = 'appDisplayName';
    previous = signIn.appDisplayName;
    signIn.appDisplayName = request.value;
  } else {
    field = 'deviceDetail.displayName';
    previous = signIn.deviceDetail.displayName;
    signIn.deviceDetail.displayName = request.value;
  }
  const changed: PlantedChange[] = [{ record: 'signIn', id: signIn.id, field }];
  if (row >= 0) {
    state.logAnalytics.tables.SigninLogs[row] = signInLogRow(signIn, state.tenantId);
    changed.push({
      record: 'SigninLogs',
      id: signIn.id,
      field: field === 'appDisplayName' ? 'AppDisplayName' : 'DeviceDetail.displayName',
    });
  }
  return { target: request.target, id: signIn.id, field, previous, value: request.value, changed };
}

const additionalInfoSchema = z.array(z.object({ Key: z.string(), Value: z.unknown() }));

function plantOnRiskDetection(state: DemoTenantState, request: PlantTextRequest): PlantTextResult {
  const wanted = request.id ?? STORY_PEOPLE.adele.id;
  let detection = state.riskDetections.find((entry) => entry.id === wanted);
  if (!detection) {
    const person = findUser(state, wanted);
    if (person) {
      detection = state.riskDetections
        .filter((entry) => entry.userId === person.user.id)
        .sort((a, b) => b.detectedDateTime.localeCompare(a.detectedDateTime))[0];
    }
    if (!detection) {
      notFound(
        'risk detection',
        wanted,
        person
          ? `${person.user.userPrincipalName} has no risk detections.`
          : `Use a detection id, or a user: ${USER_HINT}`,
      );
    }
  }
  // `additionalInfo` is JSON text of `{ Key, Value }` pairs; the seed writes it, so it parses.
  let entries: { Key: string; Value: unknown }[] = [];
  if (detection.additionalInfo !== null) {
    const parsed = additionalInfoSchema.safeParse(JSON.parse(detection.additionalInfo));
    if (parsed.success) entries = parsed.data;
  }
  const existing = entries.find((entry) => entry.Key === 'userAgent');
  const previous = typeof existing?.Value === 'string' ? existing.Value : null;
  if (existing) existing.Value = request.value;
  else entries.unshift({ Key: 'userAgent', Value: request.value });
  detection.additionalInfo = JSON.stringify(entries);
  return {
    target: request.target,
    id: detection.id,
    field: 'additionalInfo.userAgent',
    previous,
    value: request.value,
    changed: [{ record: 'riskDetection', id: detection.id, field: 'additionalInfo' }],
  };
}

function namesUser(alert: DemoSecurityAlert, userId: string): boolean {
  return alert.evidence.some(
    (evidence) =>
      'userAccount' in evidence && evidence.userAccount.azureAdUserId?.toLowerCase() === userId.toLowerCase(),
  );
}

const ALERT_HINT = 'Use an alert id, a provider alert id, an incident id (e.g. 4211) or a user.';

function findAlert(state: DemoTenantState, id: string | undefined): DemoSecurityAlert {
  const wanted = id ?? ADELE_INCIDENT_ID;
  // Newest first: the first alert that matches is the newest.
  const alert =
    state.securityAlerts.find((entry) => entry.id === wanted || entry.providerAlertId === wanted) ??
    state.securityAlerts.find((entry) => entry.incidentId === wanted);
  if (alert) return alert;
  const person = findUser(state, wanted);
  const named = person && state.securityAlerts.find((entry) => namesUser(entry, person.user.id));
  return named ?? notFound('alert', wanted, ALERT_HINT);
}

/** Rewrites the `SecurityAlert` rows of `alerts` from the alerts as they are now. */
function refreshAlertRows(state: DemoTenantState, alerts: readonly DemoSecurityAlert[]): PlantedChange[] {
  const changed: PlantedChange[] = [];
  const rows = state.logAnalytics.tables.SecurityAlert;
  for (const alert of alerts) {
    const systemAlertId = sentinelAlertId(alert);
    const index = rows.findIndex((row) => row.SystemAlertId === systemAlertId);
    if (index < 0) continue;
    rows[index] = securityAlertRow(alert);
    changed.push({ record: 'SecurityAlert', id: systemAlertId, field: 'DisplayName, Description, Entities' });
  }
  return changed;
}

function plantOnAlert(state: DemoTenantState, request: PlantTextRequest): PlantTextResult {
  const alert = findAlert(state, request.id);
  const field = request.target === 'alert.title' ? 'title' : 'description';
  const previous = alert[field];
  alert[field] = request.value;
  return {
    target: request.target,
    id: alert.id,
    field,
    previous,
    value: request.value,
    changed: [{ record: 'alert', id: alert.id, field }, ...refreshAlertRows(state, [alert])],
  };
}

type ProcessEvidence = Extract<
  DemoAlertEvidence,
  { '@odata.type': '#microsoft.graph.security.processEvidence' }
>;

const isProcess = (evidence: DemoAlertEvidence): evidence is ProcessEvidence =>
  evidence['@odata.type'] === '#microsoft.graph.security.processEvidence';

/** A process, as the fields that name it in both Defender XDR evidence and `DeviceProcessEvents`. */
interface ProcessKey {
  deviceId: string;
  processId: number;
  createdAt: string;
}

const PROCESS_HINT =
  'Use the id of an alert with process evidence, a DeviceProcessEvents ReportId, or a device name (e.g. desktop-adele01.contoso.com).';

function findProcess(
  state: DemoTenantState,
  id: string | undefined,
): { key: ProcessKey; commandLine: string } {
  const rows = state.logAnalytics.tables.DeviceProcessEvents;
  const fromEvidence = (evidence: ProcessEvidence) => ({
    key: {
      deviceId: evidence.mdeDeviceId,
      processId: evidence.processId,
      createdAt: evidence.processCreationDateTime,
    },
    commandLine: evidence.processCommandLine,
  });
  if (id === undefined) {
    const alert = state.securityAlerts.find(
      (entry) => entry.incidentId === ADELE_INCIDENT_ID && entry.evidence.some(isProcess),
    );
    const evidence = alert?.evidence.find(isProcess);
    if (evidence) return fromEvidence(evidence);
    return notFound('process', `incident ${ADELE_INCIDENT_ID}`, PROCESS_HINT);
  }
  const alert = state.securityAlerts.find((entry) => entry.id === id || entry.providerAlertId === id);
  if (alert) {
    const evidence = alert.evidence.find(isProcess);
    if (evidence) return fromEvidence(evidence);
    return notFound('process evidence on alert', id, PROCESS_HINT);
  }
  const lower = id.toLowerCase();
  // Newest first: a device's first row is its newest process.
  const row =
    rows.find((entry) => String(entry.ReportId) === id) ??
    rows.find(
      (entry) =>
        entry.DeviceName.toLowerCase() === lower || entry.DeviceName.toLowerCase().split('.')[0] === lower,
    );
  if (!row) return notFound('process', id, PROCESS_HINT);
  return {
    key: { deviceId: row.DeviceId, processId: row.ProcessId, createdAt: row.ProcessCreationTime },
    commandLine: row.ProcessCommandLine,
  };
}

function plantOnProcess(state: DemoTenantState, request: PlantTextRequest): PlantTextResult {
  const { key, commandLine } = findProcess(state, request.id);
  const changed: PlantedChange[] = [];
  const touched: DemoSecurityAlert[] = [];
  for (const alert of state.securityAlerts) {
    for (const evidence of alert.evidence) {
      if (
        isProcess(evidence) &&
        evidence.mdeDeviceId === key.deviceId &&
        evidence.processId === key.processId &&
        evidence.processCreationDateTime === key.createdAt
      ) {
        evidence.processCommandLine = request.value;
        if (!touched.includes(alert)) touched.push(alert);
        changed.push({ record: 'alert', id: alert.id, field: 'evidence.processCommandLine' });
      }
    }
  }
  for (const row of state.logAnalytics.tables.DeviceProcessEvents) {
    if (
      row.DeviceId === key.deviceId &&
      row.ProcessId === key.processId &&
      row.ProcessCreationTime === key.createdAt
    ) {
      row.ProcessCommandLine = request.value;
      changed.push({ record: 'DeviceProcessEvents', id: String(row.ReportId), field: 'ProcessCommandLine' });
    }
  }
  changed.push(...refreshAlertRows(state, touched));
  return {
    target: request.target,
    id: `${key.deviceId}/${key.processId}`,
    field: 'processCommandLine',
    previous: commandLine,
    value: request.value,
    changed,
  };
}

const TICKET_HINT = 'Use an incident number (INC…), a sys_id, a correlation id (e.g. 4211) or a caller.';

function findTicket(state: DemoTenantState, id: string | undefined): DemoServiceNowIncident {
  const { incidents, users } = state.serviceNow;
  const wanted = id ?? ADELE_INCIDENT_ID;
  const upper = wanted.toUpperCase();
  const direct = incidents.find(
    (entry) => entry.number === upper || entry.sys_id === wanted || entry.correlation_id === wanted,
  );
  if (direct) return direct;
  const person = findUser(state, wanted);
  const caller =
    person && users.find((user) => user.email.toLowerCase() === person.user.userPrincipalName.toLowerCase());
  // In creation order: the last match is the caller's newest incident.
  const newest = caller && incidents.filter((entry) => entry.caller_id === caller.sys_id).at(-1);
  return newest ?? notFound('ServiceNow incident', wanted, TICKET_HINT);
}

function plantOnTicket(state: DemoTenantState, request: PlantTextRequest, now: () => Date): PlantTextResult {
  const incident = findTicket(state, request.id);
  if (request.target === 'ticket.comments') {
    const caller = state.serviceNow.users.find((user) => user.sys_id === incident.caller_id);
    const stored = createDemoClock(now, () => state.anchorMs).toStored(now());
    state.serviceNow.journal.push({
      element_id: incident.sys_id,
      element: 'comments',
      value: request.value,
      sys_created_on: stored,
      sys_created_by: caller?.user_name ?? 'guest',
    });
    return {
      target: request.target,
      id: incident.number,
      field: 'comments',
      previous: null,
      value: request.value,
      changed: [{ record: 'sys_journal_field', id: incident.sys_id, field: 'comments' }],
    };
  }
  const field = request.target === 'ticket.shortDescription' ? 'short_description' : 'description';
  const previous = incident[field];
  incident[field] = request.value;
  return {
    target: request.target,
    id: incident.number,
    field,
    previous,
    value: request.value,
    changed: [{ record: 'incident', id: incident.sys_id, field }],
  };
}

/** Writes `request.value` into the record it names (see the module header); throws 404 for an unknown id. */
export function plantText(
  state: DemoTenantState,
  request: PlantTextRequest,
  now: () => Date,
): PlantTextResult {
  const [kind] = request.target.split('.');
  switch (kind) {
    case 'user':
      return plantOnUser(state, request);
    case 'signIn':
      return plantOnSignIn(state, request);
    case 'riskDetection':
      return plantOnRiskDetection(state, request);
    case 'alert':
      return plantOnAlert(state, request);
    case 'process':
      return plantOnProcess(state, request);
    default:
      return plantOnTicket(state, request, now);
  }
}

/** Validates a `POST /_demo/plant` body (400 with what to fix) and plants it. */
export function routePlantText(body: unknown, state: DemoTenantState, now: () => Date): PlantTextResult {
  const parsed = plantTextSchema.safeParse(body);
  if (!parsed.success) {
    throw new GraphHttpError(
      400,
      'BadRequest',
      `Invalid plant request:\n${z.prettifyError(parsed.error)}\nSend {"target": one of ${PLANT_TARGETS.join(', ')}; "id"?: the record; "value": the text}.`,
    );
  }
  return plantText(state, parsed.data, now);
}
