/**
 * Zod schemas for the Microsoft Graph security resources Ward reads from Microsoft Defender XDR
 * (`/security/incidents`, `/security/alerts_v2`), field for field as the public v1.0 reference documents them.
 * One schema, both sides: the alert, evidence and incident schemas are the ones `graph-resources.ts` already
 * shares with the demo tenant's contract tests (re-exported here, never copied); this module adds the incident
 * fields those leave out and the known values of the security enumerations.
 * Enumerations stay strings on the wire (Graph adds values over time); code compares against the known values
 * below and treats anything else as "unknown". It never talks HTTP and never interprets a record.
 */
import { z } from 'zod/v4';
import {
  alertEvidenceSchema,
  securityAlertSchema,
  securityFileDetailsSchema,
  securityIncidentSchema,
} from './graph-resources.js';

export {
  type AlertEvidence,
  alertCommentSchema,
  alertEvidenceSchema,
  type SecurityAlert,
  securityAlertSchema,
  securityFileDetailsSchema,
  securityIncidentSchema,
  securityUserAccountSchema,
} from './graph-resources.js';

const nullableString = z.string().nullable().optional();

/**
 * `microsoft.graph.security.alertEvidence` with `fileDetails`, which `fileEvidence` carries (the file a
 * detection is about: name, path, hashes, signer).
 */
export const defenderEvidenceSchema = alertEvidenceSchema.extend({
  fileDetails: securityFileDetailsSchema.nullable().optional(),
});
export type DefenderEvidence = z.infer<typeof defenderEvidenceSchema>;

/** `microsoft.graph.security.alert` (`/security/alerts_v2`), its evidence read as {@link defenderEvidenceSchema}. */
export const defenderAlertSchema = securityAlertSchema.extend({
  evidence: z.array(defenderEvidenceSchema).nullable().optional(),
});
export type DefenderAlert = z.infer<typeof defenderAlertSchema>;

/**
 * `microsoft.graph.security.incident` with everything Ward reads: the shared schema plus `resolvingComment`
 * (why it was resolved and classified so) and `summary` (Defender's overview of the attack, when it wrote one).
 * `$expand=alerts` adds the incident's alerts with their evidence.
 */
export const defenderIncidentSchema = securityIncidentSchema.extend({
  resolvingComment: nullableString,
  summary: nullableString,
  alerts: z.array(defenderAlertSchema).nullable().optional(),
});
export type DefenderIncident = z.infer<typeof defenderIncidentSchema>;

/** `microsoft.graph.security.alertSeverity` values that rank (`unknownFutureValue` does not). */
export const SECURITY_SEVERITIES = ['informational', 'low', 'medium', 'high'] as const;
export type SecuritySeverity = (typeof SECURITY_SEVERITIES)[number];

/** `microsoft.graph.security.incidentStatus` values Ward filters by. */
export const INCIDENT_STATUSES = [
  'active',
  'inProgress',
  'awaitingAction',
  'resolved',
  'redirected',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** `microsoft.graph.security.alertStatus` values Ward filters by. */
export const ALERT_STATUSES = ['new', 'inProgress', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The evidence types (`@odata.type`) Ward reads fields of; other types are listed by their name only. */
export const EVIDENCE_TYPES = {
  user: '#microsoft.graph.security.userEvidence',
  device: '#microsoft.graph.security.deviceEvidence',
  ip: '#microsoft.graph.security.ipEvidence',
  process: '#microsoft.graph.security.processEvidence',
  file: '#microsoft.graph.security.fileEvidence',
  url: '#microsoft.graph.security.urlEvidence',
  mailbox: '#microsoft.graph.security.mailboxEvidence',
} as const;
