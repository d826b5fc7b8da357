/**
 * The Defender for Cloud recommendation catalog of the demo tenant: the secure score controls and the
 * assessment metadata (display name, severity, categories, threats, remediation) for the resource types in
 * Contoso's estate. Names and severities follow Defender for Cloud's built-in recommendations. Assessment
 * keys and control ids are Azure's own where named in `AZURE_ASSESSMENT_KEYS`/`AZURE_CONTROL_IDS`; the others
 * are stable GUIDs derived from the display name (not Azure's), so nothing should hard-code them.
 * Data only; never used outside the demo tenant.
 */
import type { DemoAssessmentMetadata, DemoSecureScoreControl } from '../arm/defender-for-cloud-state.js';
import { RESOURCE_TYPES } from './contoso-azure-estate.js';
import { SeededRandom } from './seeded-random.js';

/** Assessment keys that are Defender for Cloud's real ones. */
export const AZURE_ASSESSMENT_KEYS = {
  vulnerabilityFindings: '1195afff-c881-495e-9bc5-1486211ae03f',
  systemUpdates: '4ab6e3c5-74dd-8b35-9ab9-f61b30875b27',
  managementPorts: 'bc303248-3d14-44c2-96a0-55f5c326b5fe',
  ownerMfa: '94290b00-4d0c-d7b4-7cea-064a9554e681',
} as const;

/** Secure score control ids that are Defender for Cloud's real ones. */
const AZURE_CONTROL_IDS: Readonly<Record<string, string>> = {
  'Enable MFA': '34a42fb3-e6db-409c-b56b-7b1db6b8aee0',
  'Manage access and permissions': '2d85f639-0bea-4a4a-b6c6-608952a1414a',
  'Remediate security configurations': '99fc8df2-e0f5-40f8-9415-a7f7ca948b5a',
  'Enable auditing and logging': '27b24961-75ba-4fe4-8909-97286d5dd5ee',
  'Enable enhanced security features': '4db8d6cf-075b-4149-a813-da09ca2ae120',
  'Implement security best practices': '76763537-9feb-42d3-b4f4-78c01117be80',
};

/** A GUID that depends on `label` only (never on the seed). */
function stableGuid(label: string): string {
  return SeededRandom.stream(0, label).guid();
}

function control(displayName: string, maxScore: number, description: string): DemoSecureScoreControl {
  return {
    name: AZURE_CONTROL_IDS[displayName] ?? stableGuid(`secure-score-control:${displayName}`),
    displayName,
    description,
    maxScore,
  };
}

/** The secure score controls, by short name. */
export const SECURE_SCORE_CONTROLS = {
  mfa: control(
    'Enable MFA',
    10,
    'Require multifactor authentication for accounts with permissions on Azure.',
  ),
  managementPorts: control(
    'Secure management ports',
    8,
    'Close or protect management ports (RDP, SSH, WinRM) exposed to the internet.',
  ),
  vulnerabilities: control(
    'Remediate vulnerabilities',
    6,
    'Resolve the vulnerabilities found on machines, databases and container images.',
  ),
  systemUpdates: control('Apply system updates', 6, 'Install missing security and critical updates.'),
  access: control('Manage access and permissions', 4, 'Grant the least privilege needed, and no more.'),
  configurations: control(
    'Remediate security configurations',
    4,
    'Fix operating system and workload configurations that weaken security.',
  ),
  network: control(
    'Restrict unauthorized network access',
    4,
    'Limit network access to what each resource needs.',
  ),
  inTransit: control('Encrypt data in transit', 4, 'Require TLS 1.2 or newer for every connection.'),
  atRest: control('Enable encryption at rest', 4, 'Encrypt disks, databases and storage with managed keys.'),
  endpoint: control('Enable endpoint protection', 2, 'Run an EDR solution on every machine.'),
  logging: control('Enable auditing and logging', 1, 'Keep the logs an investigation needs.'),
  enhanced: control(
    'Enable enhanced security features',
    0,
    'Turn on the Defender plans for the resource types you run.',
  ),
  bestPractices: control(
    'Implement security best practices',
    0,
    'Recommendations that do not count towards the score but reduce risk.',
  ),
} as const;

type ControlKey = keyof typeof SECURE_SCORE_CONTROLS;

interface RecommendationSpec {
  key?: string;
  displayName: string;
  severity: 'Low' | 'Medium' | 'High';
  categories: string[];
  threats: string[];
  userImpact?: 'Low' | 'Moderate' | 'High';
  implementationEffort?: 'Low' | 'Moderate' | 'High';
  description: string;
  remediationDescription: string;
  resourceTypes: string[];
  control: ControlKey;
  policyDefinitionId?: string;
}

function recommendation(spec: RecommendationSpec): DemoAssessmentMetadata {
  return {
    name: spec.key ?? stableGuid(`assessment:${spec.displayName}`),
    displayName: spec.displayName,
    ...(spec.policyDefinitionId ? { policyDefinitionId: spec.policyDefinitionId } : {}),
    description: spec.description,
    remediationDescription: spec.remediationDescription,
    categories: spec.categories,
    severity: spec.severity,
    userImpact: spec.userImpact ?? 'Low',
    implementationEffort: spec.implementationEffort ?? 'Low',
    threats: spec.threats,
    assessmentType: 'BuiltIn',
    resourceTypes: spec.resourceTypes,
    controlName: SECURE_SCORE_CONTROLS[spec.control].name,
  };
}

const { VM, STORAGE, SQL, AKS, KEY_VAULT, WEB } = RESOURCE_TYPES;
/** Recommendations assessed on the subscription itself. */
export const SUBSCRIPTION_SCOPE = 'subscription';

/** Every recommendation the demo tenant assesses. */
export const RECOMMENDATIONS: readonly DemoAssessmentMetadata[] = [
  recommendation({
    key: AZURE_ASSESSMENT_KEYS.vulnerabilityFindings,
    displayName: 'Machines should have vulnerability findings resolved',
    severity: 'High',
    categories: ['Compute'],
    threats: ['dataExfiltration', 'dataSpillage', 'maliciousInsider'],
    implementationEffort: 'Moderate',
    description:
      'Resolve the vulnerabilities found by the vulnerability assessment on your machines: an unpatched, exploitable flaw on an internet-facing machine is the most common way in.',
    remediationDescription:
      'Open the recommendation, review the findings (CVE, severity, affected software) per machine, and apply the vendor fix or mitigation; start with critical findings on internet-exposed machines.',
    resourceTypes: [VM],
    control: 'vulnerabilities',
  }),
  recommendation({
    key: AZURE_ASSESSMENT_KEYS.systemUpdates,
    displayName: 'System updates should be installed on your machines',
    severity: 'High',
    categories: ['Compute'],
    threats: ['dataExfiltration', 'dataSpillage', 'maliciousInsider', 'threatResistance'],
    implementationEffort: 'Moderate',
    description:
      'Install missing security and critical system updates to secure your Windows and Linux machines.',
    remediationDescription:
      'Use Azure Update Manager to assess and install the missing updates, then schedule periodic assessment.',
    resourceTypes: [VM],
    control: 'systemUpdates',
  }),
  recommendation({
    key: AZURE_ASSESSMENT_KEYS.managementPorts,
    displayName: 'Management ports should be closed on your virtual machines',
    severity: 'Medium',
    categories: ['Networking'],
    threats: ['dataExfiltration', 'dataSpillage', 'maliciousInsider'],
    userImpact: 'High',
    description:
      'Open remote management ports expose your VM to a high level of risk from internet-based attacks that attempt to brute force credentials to gain admin access to the machine.',
    remediationDescription:
      'Edit the inbound rules of the network security group so that management ports (RDP 3389, SSH 22, WinRM 5985/5986) accept only specific source ranges, or use just-in-time access.',
    resourceTypes: [VM],
    control: 'managementPorts',
  }),
  recommendation({
    displayName:
      'Management ports of virtual machines should be protected with just-in-time network access control',
    severity: 'High',
    categories: ['Networking'],
    threats: ['accountBreach', 'dataExfiltration', 'maliciousInsider'],
    userImpact: 'Moderate',
    description:
      'Just-in-time network access opens management ports only when someone asks, for a limited time, from their address.',
    remediationDescription: 'Enable just-in-time VM access on the machine from Defender for Cloud.',
    resourceTypes: [VM],
    control: 'managementPorts',
  }),
  recommendation({
    displayName: 'Internet-facing virtual machines should be protected with network security groups',
    severity: 'High',
    categories: ['Networking'],
    threats: ['dataExfiltration', 'denialOfService', 'maliciousInsider'],
    description:
      'Protect your VMs from potential threats by restricting access to them with network security groups.',
    remediationDescription:
      'Associate a network security group with the network interface or subnet, allowing only the ports the workload needs.',
    resourceTypes: [VM],
    control: 'network',
  }),
  recommendation({
    displayName: 'EDR solution should be installed on Virtual Machines',
    severity: 'High',
    categories: ['Compute'],
    threats: ['dataExfiltration', 'maliciousInsider', 'threatResistance'],
    description:
      'Endpoint detection and response (Microsoft Defender for Endpoint) finds and stops attacks on the machine.',
    remediationDescription:
      'Enable the Defender for Servers integration with Microsoft Defender for Endpoint.',
    resourceTypes: [VM],
    control: 'endpoint',
  }),
  recommendation({
    displayName:
      'Virtual machines should encrypt temp disks, caches, and data flows between Compute and Storage resources',
    severity: 'High',
    categories: ['Compute', 'Data'],
    threats: ['dataExfiltration', 'dataSpillage'],
    implementationEffort: 'Moderate',
    description:
      'Encryption at host or Azure Disk Encryption protects data that never leaves Azure unencrypted.',
    remediationDescription: 'Enable encryption at host (or Azure Disk Encryption) on the virtual machine.',
    resourceTypes: [VM],
    control: 'atRest',
  }),
  recommendation({
    displayName: 'Guest Configuration extension should be installed on machines',
    severity: 'Medium',
    categories: ['Compute'],
    threats: ['threatResistance'],
    description: 'The Guest Configuration extension lets Azure Policy audit settings inside the machine.',
    remediationDescription:
      'Deploy the Guest Configuration extension with a system-assigned managed identity.',
    resourceTypes: [VM],
    control: 'configurations',
  }),
  recommendation({
    displayName: 'Storage account public access should be disallowed',
    severity: 'Medium',
    categories: ['Data'],
    threats: ['dataExfiltration', 'dataSpillage'],
    description: 'Anonymous public read access to containers and blobs is a convenient way to leak data.',
    remediationDescription: 'Set "Allow Blob anonymous access" to disabled on the storage account.',
    resourceTypes: [STORAGE],
    control: 'access',
    policyDefinitionId:
      '/providers/Microsoft.Authorization/policyDefinitions/4fa4b6c0-31ca-4c0d-b10d-24b96f62a751',
  }),
  recommendation({
    displayName: 'Storage accounts should restrict network access using virtual network rules',
    severity: 'Medium',
    categories: ['Networking', 'Data'],
    threats: ['dataExfiltration'],
    description: 'Allow access only from chosen virtual networks and addresses instead of every network.',
    remediationDescription:
      'Set the storage firewall to "Enabled from selected virtual networks and IP addresses".',
    resourceTypes: [STORAGE],
    control: 'network',
  }),
  recommendation({
    displayName: 'Secure transfer to storage accounts should be enabled',
    severity: 'High',
    categories: ['Data'],
    threats: ['dataExfiltration', 'dataSpillage'],
    description: 'Secure transfer forces the storage account to accept requests over HTTPS only.',
    remediationDescription: 'Enable "Secure transfer required" on the storage account.',
    resourceTypes: [STORAGE],
    control: 'inTransit',
    policyDefinitionId:
      '/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9',
  }),
  recommendation({
    displayName: 'Storage accounts should prevent shared key access',
    severity: 'Medium',
    categories: ['Data', 'IdentityAndAccess'],
    threats: ['accountBreach', 'dataExfiltration'],
    description:
      'Shared keys grant full access to anyone who holds them; Microsoft Entra authorization can be audited.',
    remediationDescription:
      'Set "Allow storage account key access" to disabled after moving clients to Entra ID.',
    resourceTypes: [STORAGE],
    control: 'access',
  }),
  recommendation({
    displayName: 'Microsoft Defender for Storage should be enabled',
    severity: 'High',
    categories: ['Data'],
    threats: ['dataExfiltration', 'threatResistance'],
    description:
      'Defender for Storage detects malware uploads, sensitive data exfiltration and unusual access.',
    remediationDescription: 'Enable the Defender for Storage plan on the subscription or the account.',
    resourceTypes: [STORAGE],
    control: 'enhanced',
  }),
  recommendation({
    displayName: 'SQL servers should have vulnerability findings resolved',
    severity: 'High',
    categories: ['Data'],
    threats: ['dataExfiltration', 'dataSpillage', 'maliciousInsider'],
    description:
      'SQL vulnerability assessment found misconfigurations and excessive permissions on the databases.',
    remediationDescription:
      'Review the findings for each database and apply the suggested remediation scripts.',
    resourceTypes: [SQL],
    control: 'vulnerabilities',
  }),
  recommendation({
    displayName: 'Auditing on SQL server should be enabled',
    severity: 'Low',
    categories: ['Data'],
    threats: ['threatResistance'],
    description: 'Auditing keeps a record of database events for investigations and compliance.',
    remediationDescription: 'Enable auditing on the server to a Log Analytics workspace or storage account.',
    resourceTypes: [SQL],
    control: 'logging',
  }),
  recommendation({
    displayName: 'Public network access on Azure SQL Database should be disabled',
    severity: 'Medium',
    categories: ['Networking', 'Data'],
    threats: ['dataExfiltration'],
    description: 'Databases reachable from every network can be brute-forced and exploited from anywhere.',
    remediationDescription: 'Disable public network access and use private endpoints.',
    resourceTypes: [SQL],
    control: 'network',
  }),
  recommendation({
    displayName: 'Azure SQL Database should be running TLS version 1.2 or newer',
    severity: 'Medium',
    categories: ['Data'],
    threats: ['dataExfiltration'],
    description: 'Older TLS versions have known weaknesses.',
    remediationDescription: 'Set the minimum TLS version of the server to 1.2.',
    resourceTypes: [SQL],
    control: 'inTransit',
  }),
  recommendation({
    displayName: 'Microsoft Entra-only authentication should be enabled for SQL servers',
    severity: 'Medium',
    categories: ['IdentityAndAccess', 'Data'],
    threats: ['accountBreach'],
    description: 'SQL logins bypass conditional access and MFA; Entra-only authentication removes them.',
    remediationDescription: 'Enable Microsoft Entra-only authentication on the server.',
    resourceTypes: [SQL],
    control: 'access',
  }),
  recommendation({
    displayName: 'Azure running container images should have vulnerabilities resolved',
    severity: 'High',
    categories: ['Compute'],
    threats: ['dataExfiltration', 'maliciousInsider'],
    description: 'Images running in the cluster have known vulnerabilities.',
    remediationDescription: 'Rebuild the images on patched bases and redeploy the workloads.',
    resourceTypes: [AKS],
    control: 'vulnerabilities',
  }),
  recommendation({
    displayName: 'Authorized IP ranges should be defined on Kubernetes Services',
    severity: 'High',
    categories: ['Networking', 'Compute'],
    threats: ['accountBreach', 'dataExfiltration'],
    description: 'Restrict access to the Kubernetes API server to known address ranges.',
    remediationDescription: 'Set authorized IP ranges on the cluster, or make the API server private.',
    resourceTypes: [AKS],
    control: 'network',
  }),
  recommendation({
    displayName: 'Role-Based Access Control should be used on Kubernetes Services',
    severity: 'High',
    categories: ['IdentityAndAccess', 'Compute'],
    threats: ['accountBreach', 'elevationOfPrivilege'],
    description: 'Kubernetes RBAC limits what users and workloads can do in the cluster.',
    remediationDescription: 'Recreate the cluster with Kubernetes RBAC enabled.',
    resourceTypes: [AKS],
    control: 'access',
  }),
  recommendation({
    displayName: 'Kubernetes clusters should not allow container privilege escalation',
    severity: 'Medium',
    categories: ['Compute'],
    threats: ['elevationOfPrivilege'],
    description: 'Containers should not run with allowPrivilegeEscalation set to true.',
    remediationDescription:
      'Set allowPrivilegeEscalation: false in the pod security context of each workload.',
    resourceTypes: [AKS],
    control: 'configurations',
  }),
  recommendation({
    displayName: 'Azure Kubernetes Service clusters should have Defender profile enabled',
    severity: 'High',
    categories: ['Compute'],
    threats: ['threatResistance'],
    description: 'The Defender sensor collects the runtime events Defender for Containers analyses.',
    remediationDescription: 'Enable the Defender sensor on the cluster.',
    resourceTypes: [AKS],
    control: 'enhanced',
  }),
  recommendation({
    displayName: 'Key vaults should have soft delete enabled',
    severity: 'High',
    categories: ['Data'],
    threats: ['dataSpillage'],
    description: 'Soft delete keeps deleted vaults and objects recoverable.',
    remediationDescription: 'Enable soft delete on the vault.',
    resourceTypes: [KEY_VAULT],
    control: 'bestPractices',
  }),
  recommendation({
    displayName: 'Key vaults should have deletion protection enabled',
    severity: 'Medium',
    categories: ['Data'],
    threats: ['maliciousInsider'],
    description: 'Purge protection stops a malicious insider from permanently deleting keys and secrets.',
    remediationDescription: 'Enable purge protection on the vault.',
    resourceTypes: [KEY_VAULT],
    control: 'bestPractices',
  }),
  recommendation({
    displayName: 'Azure Key Vault should have firewall enabled',
    severity: 'Medium',
    categories: ['Networking', 'Data'],
    threats: ['dataExfiltration'],
    description: 'The vault firewall limits access to chosen networks.',
    remediationDescription: 'Enable the vault firewall and allow only the networks that need it.',
    resourceTypes: [KEY_VAULT],
    control: 'network',
  }),
  recommendation({
    displayName: 'Key Vault secrets should have an expiration date',
    severity: 'Medium',
    categories: ['Data'],
    threats: ['accountBreach'],
    description: 'Secrets that never expire stay useful to whoever steals them.',
    remediationDescription: 'Set an expiration date on each secret and rotate them before it.',
    resourceTypes: [KEY_VAULT],
    control: 'access',
  }),
  recommendation({
    displayName: 'App Service apps should only be accessible over HTTPS',
    severity: 'Medium',
    categories: ['Data', 'AppServices'],
    threats: ['dataExfiltration'],
    description: 'HTTPS-only keeps traffic to the app encrypted.',
    remediationDescription: 'Turn on "HTTPS Only" in the app\'s TLS/SSL settings.',
    resourceTypes: [WEB],
    control: 'inTransit',
  }),
  recommendation({
    displayName: 'App Service apps should use the latest TLS version',
    severity: 'High',
    categories: ['Data', 'AppServices'],
    threats: ['dataExfiltration'],
    description: 'Older TLS versions have known weaknesses.',
    remediationDescription: 'Set the minimum TLS version of the app to 1.2 or newer.',
    resourceTypes: [WEB],
    control: 'inTransit',
  }),
  recommendation({
    displayName: 'Diagnostic logs in App Service should be enabled',
    severity: 'Low',
    categories: ['AppServices'],
    threats: ['threatResistance'],
    description: 'Logs let you recreate activity trails when investigating an incident.',
    remediationDescription: 'Enable diagnostic logs and send them to the Sentinel workspace.',
    resourceTypes: [WEB],
    control: 'logging',
  }),
  recommendation({
    key: AZURE_ASSESSMENT_KEYS.ownerMfa,
    displayName: 'Accounts with owner permissions on Azure resources should be MFA enabled',
    severity: 'High',
    categories: ['IdentityAndAccess'],
    threats: ['accountBreach', 'dataExfiltration', 'maliciousInsider'],
    description: 'Every account that can change the subscription needs multifactor authentication.',
    remediationDescription:
      'Require MFA for the listed accounts with a Conditional Access policy; register a method for each.',
    resourceTypes: [SUBSCRIPTION_SCOPE],
    control: 'mfa',
  }),
  recommendation({
    displayName: 'A maximum of 3 owners should be designated for subscriptions',
    severity: 'High',
    categories: ['IdentityAndAccess'],
    threats: ['accountBreach', 'elevationOfPrivilege'],
    description: 'Fewer owners means fewer accounts that can take the whole subscription.',
    remediationDescription: 'Remove the Owner role from accounts that do not need it.',
    resourceTypes: [SUBSCRIPTION_SCOPE],
    control: 'access',
  }),
  recommendation({
    displayName: 'Subscriptions should have a contact email address for security issues',
    severity: 'Low',
    categories: ['IdentityAndAccess'],
    threats: ['threatResistance'],
    description: 'Microsoft needs someone to tell when it finds a security issue in the subscription.',
    remediationDescription: "Set the security contact email in Defender for Cloud's email notifications.",
    resourceTypes: [SUBSCRIPTION_SCOPE],
    control: 'bestPractices',
  }),
];
