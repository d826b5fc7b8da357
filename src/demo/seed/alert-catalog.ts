/**
 * The kinds of Defender XDR alert the demo tenant's background raises, as each product titles, describes and
 * classifies them (service and detection source, MITRE ATT&CK category and techniques, usual severity), and
 * the incident scenarios they come in. Data only; never used outside the demo tenant.
 */

/** What one kind of alert looks like. */
export interface AlertTemplate {
  title: string;
  description: string;
  recommendedActions: string;
  /** MITRE ATT&CK tactic as Defender spells it (`InitialAccess`, `CredentialAccess`, ...). */
  category: string;
  serviceSource: string;
  detectionSource: string;
  productName: string;
  detectorId: string;
  mitreTechniques: readonly string[];
  severity: 'informational' | 'low' | 'medium' | 'high';
  /** What the evidence is about: the user's device, the user's mailbox/account, or a sign-in address. */
  evidence: 'device' | 'user' | 'signIn' | 'email';
}

const MDE = {
  serviceSource: 'microsoftDefenderForEndpoint',
  detectionSource: 'microsoftDefenderForEndpoint',
  productName: 'Microsoft Defender for Endpoint',
} as const;
const MDO = {
  serviceSource: 'microsoftDefenderForOffice365',
  detectionSource: 'microsoftDefenderForOffice365',
  productName: 'Microsoft Defender for Office 365',
} as const;
const MDCA = {
  serviceSource: 'microsoftDefenderForCloudApps',
  detectionSource: 'cloudAppSecurity',
  productName: 'Microsoft Defender for Cloud Apps',
} as const;
const MDI = {
  serviceSource: 'microsoftDefenderForIdentity',
  detectionSource: 'microsoftDefenderForIdentity',
  productName: 'Microsoft Defender for Identity',
} as const;
const IDP = {
  serviceSource: 'azureAdIdentityProtection',
  detectionSource: 'azureAdIdentityProtection',
  productName: 'Microsoft Entra ID Protection',
} as const;

const INVESTIGATE_SIGN_IN =
  'Review the sign-in and the user’s recent activity. If it was not the user: confirm the user compromised, reset the password, revoke sessions and review MFA methods.';
const INVESTIGATE_DEVICE =
  'Review the device timeline around the alert, isolate the device if the activity is not expected, collect an investigation package and run a full antivirus scan.';

export const ALERT_TEMPLATES = {
  passwordSpray: {
    ...IDP,
    title: 'Password spray',
    description:
      'A password spray attack tried a few common passwords against many accounts from one address; the password of at least one account was found.',
    recommendedActions: INVESTIGATE_SIGN_IN,
    category: 'CredentialAccess',
    detectorId: 'a6a3a6b4-2c1e-4b2a-9f53-5f0a1d2c3e41',
    mitreTechniques: ['T1110.003'],
    severity: 'high',
    evidence: 'signIn',
  },
  anonymousIp: {
    ...IDP,
    title: 'Anonymous IP address',
    description: 'Sign-in from an anonymous IP address (for example, a Tor browser or an anonymizer VPN).',
    recommendedActions: INVESTIGATE_SIGN_IN,
    category: 'InitialAccess',
    detectorId: 'b3c1d2e4-5f6a-4b7c-8d9e-0f1a2b3c4d52',
    mitreTechniques: ['T1078', 'T1090.003'],
    severity: 'medium',
    evidence: 'signIn',
  },
  atypicalTravel: {
    ...IDP,
    title: 'Atypical travel',
    description:
      'Two sign-ins from geographically distant locations, at least one of them atypical for the user, within less time than travel between them takes.',
    recommendedActions: INVESTIGATE_SIGN_IN,
    category: 'InitialAccess',
    detectorId: 'c4d2e3f5-6a7b-4c8d-9e0f-1a2b3c4d5e63',
    mitreTechniques: ['T1078'],
    severity: 'high',
    evidence: 'signIn',
  },
  unfamiliarSignIn: {
    ...IDP,
    title: 'Unfamiliar sign-in properties',
    description:
      'Sign-in with properties not seen recently for the user: a new device, a new address or a new location.',
    recommendedActions: INVESTIGATE_SIGN_IN,
    category: 'InitialAccess',
    detectorId: 'd5e3f4a6-7b8c-4d9e-8f0a-2b3c4d5e6f74',
    mitreTechniques: ['T1078'],
    severity: 'medium',
    evidence: 'signIn',
  },
  maliciousIp: {
    ...IDP,
    title: 'Malicious IP address',
    description: 'Sign-in attempts from an address known to be malicious, with a high rate of failures.',
    recommendedActions: INVESTIGATE_SIGN_IN,
    category: 'InitialAccess',
    detectorId: 'e6f4a5b7-8c9d-4e0f-9a1b-3c4d5e6f7a85',
    mitreTechniques: ['T1078'],
    severity: 'medium',
    evidence: 'signIn',
  },
  leakedCredentials: {
    ...IDP,
    title: 'Leaked credentials',
    description: 'The user’s valid credentials were found in a public leak or on the dark web.',
    recommendedActions:
      'Require the user to change the password, and check for sign-ins with the leaked password.',
    category: 'CredentialAccess',
    detectorId: 'f7a5b6c8-9d0e-4f1a-8b2c-4d5e6f7a8b96',
    mitreTechniques: ['T1589.001'],
    severity: 'high',
    evidence: 'user',
  },
  encodedPowerShell: {
    ...MDE,
    title: 'Suspicious PowerShell command line',
    description:
      'A suspicious PowerShell command line was run: hidden, with an encoded command that downloads and runs content from the internet. Attackers use this to run code in memory.',
    recommendedActions: INVESTIGATE_DEVICE,
    category: 'Execution',
    detectorId: '0a8b9c1d-2e3f-4a5b-9c6d-7e8f9a0b1c07',
    mitreTechniques: ['T1059.001', 'T1027', 'T1105'],
    severity: 'high',
    evidence: 'device',
  },
  scheduledTask: {
    ...MDE,
    title: 'Suspicious scheduled task',
    description: 'A scheduled task that runs a script from a user-writable folder was created.',
    recommendedActions: INVESTIGATE_DEVICE,
    category: 'Persistence',
    detectorId: '1b9c0d2e-3f4a-4b5c-8d7e-8f9a0b1c2d18',
    mitreTechniques: ['T1053.005'],
    severity: 'medium',
    evidence: 'device',
  },
  lsassAccess: {
    ...MDE,
    title: 'Suspicious access to LSASS service',
    description:
      'A process accessed the memory of the Local Security Authority Subsystem Service: possible credential dumping.',
    recommendedActions: INVESTIGATE_DEVICE,
    category: 'CredentialAccess',
    detectorId: '2c0d1e3f-4a5b-4c6d-9e8f-9a0b1c2d3e29',
    mitreTechniques: ['T1003.001'],
    severity: 'high',
    evidence: 'device',
  },
  unwantedSoftware: {
    ...MDE,
    detectionSource: 'antivirus',
    title: 'Potentially unwanted application was blocked',
    description:
      'Microsoft Defender Antivirus blocked a potentially unwanted application (a bundled browser toolbar).',
    recommendedActions:
      'No action needed beyond confirming the block; remind the user of the software policy.',
    category: 'Malware',
    detectorId: '3d1e2f4a-5b6c-4d7e-8f9a-0b1c2d3e4f3a',
    mitreTechniques: [],
    severity: 'low',
    evidence: 'device',
  },
  maliciousUrlRemoved: {
    ...MDO,
    title: 'Email messages containing malicious URL removed after delivery',
    description:
      'Emails with a URL later found to be malicious were delivered and then removed by zero-hour auto purge.',
    recommendedActions: 'Check whether the recipients clicked the URL, and block the sender and the URL.',
    category: 'InitialAccess',
    detectorId: '4e2f3a5b-6c7d-4e8f-9a0b-1c2d3e4f5a4b',
    mitreTechniques: ['T1566.002'],
    severity: 'informational',
    evidence: 'email',
  },
  maliciousUrlClick: {
    ...MDO,
    title: 'A potentially malicious URL click was detected',
    description: 'A user clicked a link in an email that was later found to be malicious.',
    recommendedActions:
      'Reset the user’s password if credentials may have been entered, and review recent sign-ins.',
    category: 'InitialAccess',
    detectorId: '5f3a4b6c-7d8e-4f9a-8b1c-2d3e4f5a6b5c',
    mitreTechniques: ['T1566.002'],
    severity: 'high',
    evidence: 'email',
  },
  userReportedPhish: {
    ...MDO,
    title: 'Email reported by user as malware or phish',
    description: 'A user reported an email as phishing.',
    recommendedActions: 'Review the reported email and remove similar messages from other mailboxes.',
    category: 'InitialAccess',
    detectorId: '6a4b5c7d-8e9f-4a0b-9c2d-3e4f5a6b7c6d',
    mitreTechniques: ['T1566'],
    severity: 'informational',
    evidence: 'email',
  },
  impossibleTravel: {
    ...MDCA,
    title: 'Impossible travel activity',
    description: 'Activity from two distant locations within a time shorter than travel between them takes.',
    recommendedActions: INVESTIGATE_SIGN_IN,
    category: 'InitialAccess',
    detectorId: '7b5c6d8e-9f0a-4b1c-8d3e-4f5a6b7c8d7e',
    mitreTechniques: ['T1078'],
    severity: 'medium',
    evidence: 'signIn',
  },
  massDownload: {
    ...MDCA,
    title: 'Mass download by a single user',
    description:
      'A user downloaded an unusually large number of files from SharePoint and OneDrive in one session.',
    recommendedActions: 'Confirm with the user and their manager that the downloads were expected.',
    category: 'Exfiltration',
    detectorId: '8c6d7e9f-0a1b-4c2d-9e4f-5a6b7c8d9e8f',
    mitreTechniques: ['T1530'],
    severity: 'medium',
    evidence: 'user',
  },
  infrequentCountry: {
    ...MDCA,
    title: 'Activity from infrequent country',
    description: 'Activity from a country the organization’s users rarely or never act from.',
    recommendedActions: INVESTIGATE_SIGN_IN,
    category: 'InitialAccess',
    detectorId: '9d7e8f0a-1b2c-4d3e-8f5a-6b7c8d9e0f90',
    mitreTechniques: ['T1078'],
    severity: 'low',
    evidence: 'signIn',
  },
  bruteForce: {
    ...MDI,
    title: 'Suspected Brute Force attack (Kerberos, NTLM)',
    description:
      'Many authentication failures against one account from one computer, using Kerberos and NTLM.',
    recommendedActions:
      'Find the source computer and what ran the attempts; enforce long, complex passwords.',
    category: 'CredentialAccess',
    detectorId: '0e8f9a1b-2c3d-4e4f-9a6b-7c8d9e0f1a01',
    mitreTechniques: ['T1110'],
    severity: 'medium',
    evidence: 'device',
  },
  accountEnumeration: {
    ...MDI,
    title: 'Account enumeration reconnaissance',
    description: 'A computer queried the domain controller for many account names that do not exist.',
    recommendedActions: 'Find the process on the source computer that made the queries.',
    category: 'Discovery',
    detectorId: '1f9a0b2c-3d4e-4f5a-8b7c-8d9e0f1a2b12',
    mitreTechniques: ['T1087.002'],
    severity: 'medium',
    evidence: 'device',
  },
} as const satisfies Record<string, AlertTemplate>;

export type AlertKind = keyof typeof ALERT_TEMPLATES;

/** An incident scenario: the alerts it is made of, how a true positive is determined, and how common it is. */
export interface IncidentScenario {
  alerts: readonly AlertKind[];
  truePositiveDetermination: string;
  weight: number;
}

export const INCIDENT_SCENARIOS: readonly IncidentScenario[] = [
  { alerts: ['maliciousUrlRemoved'], truePositiveDetermination: 'phishing', weight: 8 },
  { alerts: ['maliciousUrlClick', 'maliciousUrlRemoved'], truePositiveDetermination: 'phishing', weight: 4 },
  { alerts: ['userReportedPhish'], truePositiveDetermination: 'phishing', weight: 5 },
  { alerts: ['unfamiliarSignIn'], truePositiveDetermination: 'compromisedAccount', weight: 5 },
  { alerts: ['anonymousIp', 'unfamiliarSignIn'], truePositiveDetermination: 'compromisedAccount', weight: 3 },
  { alerts: ['maliciousIp'], truePositiveDetermination: 'compromisedAccount', weight: 2 },
  { alerts: ['impossibleTravel'], truePositiveDetermination: 'compromisedAccount', weight: 4 },
  { alerts: ['infrequentCountry'], truePositiveDetermination: 'compromisedAccount', weight: 3 },
  { alerts: ['massDownload'], truePositiveDetermination: 'maliciousUserActivity', weight: 2 },
  { alerts: ['unwantedSoftware'], truePositiveDetermination: 'unwantedSoftware', weight: 5 },
  { alerts: ['encodedPowerShell', 'scheduledTask'], truePositiveDetermination: 'malware', weight: 2 },
  { alerts: ['bruteForce', 'accountEnumeration'], truePositiveDetermination: 'multiStagedAttack', weight: 2 },
  {
    alerts: ['lsassAccess', 'encodedPowerShell', 'accountEnumeration'],
    truePositiveDetermination: 'multiStagedAttack',
    weight: 1,
  },
];

/** Defender's words for a tactic in incident names ("Initial access", "Credential access", ...). */
export const CATEGORY_WORDS: Readonly<Record<string, string>> = {
  InitialAccess: 'Initial access',
  CredentialAccess: 'Credential access',
  Execution: 'Execution',
  Persistence: 'Persistence',
  Discovery: 'Discovery',
  Exfiltration: 'Exfiltration',
  Malware: 'Malware',
  DefenseEvasion: 'Defense evasion',
};

/** The prefix Defender gives alert ids of each product. */
export const ALERT_ID_PREFIXES: Readonly<Record<string, string>> = {
  microsoftDefenderForEndpoint: 'da',
  microsoftDefenderForOffice365: 'fa',
  microsoftDefenderForCloudApps: 'ca',
  microsoftDefenderForIdentity: 'aa',
  azureAdIdentityProtection: 'ad',
};
