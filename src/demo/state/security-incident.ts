/**
 * Microsoft Defender XDR incidents and alerts as Microsoft Graph v1.0 serves them under `/security/incidents`
 * and `/security/alerts_v2` (`microsoft.graph.security.incident`, `microsoft.graph.security.alert`), with the
 * alert evidence types the demo tenant's stories use. Holds data only: it never computes or talks HTTP.
 */

/** `microsoft.graph.security.alertComment` */
export interface DemoAlertComment {
  comment: string;
  createdByDisplayName: string;
  createdDateTime: string;
}

/** `microsoft.graph.security.userAccount` */
export interface DemoSecurityUserAccount {
  accountName: string;
  domainName: string | null;
  userSid: string | null;
  azureAdUserId: string | null;
  userPrincipalName: string | null;
  displayName: string | null;
}

/** `microsoft.graph.security.fileDetails` */
export interface DemoFileDetails {
  sha1: string | null;
  sha256: string | null;
  fileName: string;
  filePath: string;
  fileSize: number | null;
  filePublisher: string | null;
  signer: string | null;
  issuer: string | null;
}

/** What every `microsoft.graph.security.alertEvidence` carries. */
interface EvidenceBase {
  createdDateTime: string;
  /** `unknown` | `suspicious` | `malicious` | `noThreatsFound` */
  verdict: string;
  /** `none` | `remediated` | `prevented` | `blocked` | `notFound` */
  remediationStatus: string;
  remediationStatusDetails: string | null;
  /** `compromised`, `attacker`, `contextual`, ... */
  roles: string[];
  detailedRoles: string[];
  tags: string[];
}

/** The evidence types the demo tenant serves, discriminated by `@odata.type`. */
export type DemoAlertEvidence =
  | (EvidenceBase & {
      '@odata.type': '#microsoft.graph.security.userEvidence';
      userAccount: DemoSecurityUserAccount;
    })
  | (EvidenceBase & {
      '@odata.type': '#microsoft.graph.security.deviceEvidence';
      firstSeenDateTime: string;
      mdeDeviceId: string;
      azureAdDeviceId: string | null;
      deviceDnsName: string;
      osPlatform: string;
      osBuild: number;
      version: string;
      /** `active` | `inactive` | ... */
      healthStatus: string;
      /** `none` | `informational` | `low` | `medium` | `high` */
      riskScore: string;
      rbacGroupId: number;
      rbacGroupName: string;
      onboardingStatus: string;
      defenderAvStatus: string;
      ipInterfaces: string[];
      loggedOnUsers: { accountName: string; domainName: string }[];
      vmMetadata: null;
    })
  | (EvidenceBase & {
      '@odata.type': '#microsoft.graph.security.ipEvidence';
      ipAddress: string;
      countryLetterCode: string | null;
    })
  | (EvidenceBase & {
      '@odata.type': '#microsoft.graph.security.processEvidence';
      processId: number;
      parentProcessId: number;
      processCommandLine: string;
      processCreationDateTime: string;
      parentProcessCreationDateTime: string;
      /** `detected` | `blocked` | `prevented` */
      detectionStatus: string;
      mdeDeviceId: string;
      imageFile: DemoFileDetails;
      parentProcessImageFile: DemoFileDetails;
      userAccount: DemoSecurityUserAccount;
    })
  | (EvidenceBase & {
      '@odata.type': '#microsoft.graph.security.urlEvidence';
      url: string;
    })
  | (EvidenceBase & {
      '@odata.type': '#microsoft.graph.security.mailboxEvidence';
      primaryAddress: string;
      displayName: string;
      userAccount: DemoSecurityUserAccount;
    });

/** `microsoft.graph.security.alert` (served at `/security/alerts_v2`). */
export interface DemoSecurityAlert {
  '@odata.type': '#microsoft.graph.security.alert';
  id: string;
  providerAlertId: string;
  incidentId: string;
  /** `new` | `inProgress` | `resolved` */
  status: string;
  /** `informational` | `low` | `medium` | `high` */
  severity: string;
  classification: string | null;
  determination: string | null;
  serviceSource: string;
  detectionSource: string;
  productName: string;
  detectorId: string;
  tenantId: string;
  title: string;
  description: string;
  recommendedActions: string;
  category: string;
  assignedTo: string | null;
  alertWebUrl: string;
  incidentWebUrl: string;
  actorDisplayName: string | null;
  threatDisplayName: string | null;
  threatFamilyName: string | null;
  mitreTechniques: string[];
  createdDateTime: string;
  lastUpdateDateTime: string;
  resolvedDateTime: string | null;
  firstActivityDateTime: string;
  lastActivityDateTime: string;
  comments: DemoAlertComment[];
  evidence: DemoAlertEvidence[];
  systemTags: string[];
  alertPolicyId: string | null;
  additionalData: Record<string, string>;
}

/** `microsoft.graph.security.incident` (its alerts are the alerts whose `incidentId` is its id). */
export interface DemoSecurityIncident {
  '@odata.type': '#microsoft.graph.security.incident';
  id: string;
  incidentWebUrl: string;
  tenantId: string;
  redirectIncidentId: string | null;
  displayName: string;
  createdDateTime: string;
  lastUpdateDateTime: string;
  assignedTo: string | null;
  classification: string;
  determination: string;
  /** `active` | `resolved` | `inProgress` | `redirected` */
  status: string;
  severity: string;
  customTags: string[];
  systemTags: string[];
  description: string | null;
  resolvingComment: string | null;
  summary: string | null;
  comments: DemoAlertComment[];
}
