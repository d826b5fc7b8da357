/**
 * Builds Identity Protection records: a risk detection (`microsoft.graph.riskDetection`) tied to the sign-in
 * it was raised on, and a risky user (`microsoft.graph.riskyUser`) summarising a person's risk. Used by the
 * stories and the background risk seed so both produce the same, consistent shapes.
 * It never chooses what is risky: callers say what happened.
 */
import type { DemoRiskDetection, DemoRiskyUser, DemoSignIn, DemoUser } from '../demo-tenant-state.js';

/** One `{ Key, Value }` entry of a detection's `additionalInfo` JSON. */
export interface AdditionalInfoEntry {
  Key: string;
  Value: unknown;
}

/** What a risk detection is made from. */
export interface RiskDetectionEvent {
  id: string;
  person: DemoUser;
  riskEventType: string;
  riskLevel: 'low' | 'medium' | 'high';
  riskState: string;
  riskDetail: string;
  /** `IdentityProtection`, `MicrosoftCloudAppSecurity`, ... */
  source: string;
  detectionTimingType: 'realtime' | 'nearRealtime' | 'offline';
  /** The sign-in the risk was detected on; absent for user-activity detections (leaked credentials). */
  signIn?: DemoSignIn;
  /** Epoch ms on the seeded timeline. */
  activityAt: number;
  detectedAt: number;
  lastUpdatedAt: number;
  additionalInfo?: AdditionalInfoEntry[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The detection record for `event`. */
export function buildRiskDetection(event: RiskDetectionEvent): DemoRiskDetection {
  const { person, signIn } = event;
  return {
    id: event.id,
    requestId: signIn?.id ?? null,
    correlationId: signIn?.correlationId ?? null,
    riskEventType: event.riskEventType,
    riskState: event.riskState,
    riskLevel: event.riskLevel,
    riskDetail: event.riskDetail,
    source: event.source,
    detectionTimingType: event.detectionTimingType,
    activity: signIn === undefined ? 'user' : 'signin',
    tokenIssuerType: 'AzureAD',
    ipAddress: signIn?.ipAddress ?? null,
    location: signIn === undefined ? null : { ...signIn.location },
    activityDateTime: iso(event.activityAt),
    detectedDateTime: iso(event.detectedAt),
    lastUpdatedDateTime: iso(event.lastUpdatedAt),
    userId: person.user.id,
    userDisplayName: person.user.displayName,
    userPrincipalName: person.user.userPrincipalName,
    additionalInfo: event.additionalInfo === undefined ? null : JSON.stringify(event.additionalInfo),
  };
}

/**
 * The risky-user record. Identity Protection reports `riskLevel: none` once the risk is remediated,
 * dismissed or confirmed safe; while at risk, the level is the highest of the open detections.
 */
export function buildRiskyUser(person: DemoUser, detections: readonly DemoRiskDetection[]): DemoRiskyUser {
  const latest = detections.reduce((a, b) => (a.lastUpdatedDateTime >= b.lastUpdatedDateTime ? a : b));
  const open = detections.filter((d) => d.riskState === 'atRisk' || d.riskState === 'confirmedCompromised');
  const rank = { none: 0, low: 1, medium: 2, high: 3 } as const;
  const level = open.reduce<'none' | 'low' | 'medium' | 'high'>(
    (max, d) =>
      rank[d.riskLevel as keyof typeof rank] > rank[max] ? (d.riskLevel as keyof typeof rank) : max,
    'none',
  );
  return {
    id: person.user.id,
    isDeleted: false,
    isProcessing: false,
    riskLastUpdatedDateTime: latest.lastUpdatedDateTime,
    riskLevel: level,
    riskState:
      open.length > 0
        ? open.some((d) => d.riskState === 'confirmedCompromised')
          ? 'confirmedCompromised'
          : 'atRisk'
        : latest.riskState,
    riskDetail: open.length > 0 ? 'none' : latest.riskDetail,
    userDisplayName: person.user.displayName,
    userPrincipalName: person.user.userPrincipalName,
  };
}
