/**
 * MITRE ATT&CK words for Defender XDR alerts: an alert's `category` is the tactic as Defender spells it
 * (`InitialAccess`, `CredentialAccess`) and `mitreTechniques` the technique ids (`T1059.001`). This module
 * names them the way ATT&CK does (TA0001 Initial Access, T1059.001 PowerShell) and orders tactics along the
 * attack. Reference data from the public ATT&CK matrix (Enterprise); ids it does not know are shown as they
 * are, never guessed. Pure.
 */

/** An ATT&CK tactic: its id, its name in sentence case, and where it sits in the attack (1 = earliest). */
export interface Tactic {
  id: string;
  name: string;
  order: number;
}

const TACTICS: Readonly<Record<string, Tactic>> = {
  Reconnaissance: { id: 'TA0043', name: 'Reconnaissance', order: 1 },
  ResourceDevelopment: { id: 'TA0042', name: 'Resource development', order: 2 },
  InitialAccess: { id: 'TA0001', name: 'Initial access', order: 3 },
  Execution: { id: 'TA0002', name: 'Execution', order: 4 },
  Persistence: { id: 'TA0003', name: 'Persistence', order: 5 },
  PrivilegeEscalation: { id: 'TA0004', name: 'Privilege escalation', order: 6 },
  DefenseEvasion: { id: 'TA0005', name: 'Defense evasion', order: 7 },
  CredentialAccess: { id: 'TA0006', name: 'Credential access', order: 8 },
  Discovery: { id: 'TA0007', name: 'Discovery', order: 9 },
  LateralMovement: { id: 'TA0008', name: 'Lateral movement', order: 10 },
  Collection: { id: 'TA0009', name: 'Collection', order: 11 },
  CommandAndControl: { id: 'TA0011', name: 'Command and control', order: 12 },
  Exfiltration: { id: 'TA0010', name: 'Exfiltration', order: 13 },
  Impact: { id: 'TA0040', name: 'Impact', order: 14 },
};

/** ATT&CK technique and sub-technique names for the ids Defender XDR alerts commonly carry. */
const TECHNIQUES: Readonly<Record<string, string>> = {
  T1003: 'OS Credential Dumping',
  'T1003.001': 'LSASS Memory',
  T1005: 'Data from Local System',
  T1021: 'Remote Services',
  T1027: 'Obfuscated Files or Information',
  T1036: 'Masquerading',
  T1047: 'Windows Management Instrumentation',
  T1053: 'Scheduled Task/Job',
  'T1053.005': 'Scheduled Task',
  T1055: 'Process Injection',
  T1059: 'Command and Scripting Interpreter',
  'T1059.001': 'PowerShell',
  'T1059.003': 'Windows Command Shell',
  T1068: 'Exploitation for Privilege Escalation',
  T1070: 'Indicator Removal',
  T1071: 'Application Layer Protocol',
  T1078: 'Valid Accounts',
  'T1078.004': 'Cloud Accounts',
  T1087: 'Account Discovery',
  'T1087.002': 'Domain Account',
  T1090: 'Proxy',
  'T1090.003': 'Multi-hop Proxy',
  T1098: 'Account Manipulation',
  T1105: 'Ingress Tool Transfer',
  T1110: 'Brute Force',
  'T1110.001': 'Password Guessing',
  'T1110.003': 'Password Spraying',
  T1114: 'Email Collection',
  'T1114.003': 'Email Forwarding Rule',
  T1133: 'External Remote Services',
  T1136: 'Create Account',
  T1190: 'Exploit Public-Facing Application',
  T1204: 'User Execution',
  'T1204.002': 'Malicious File',
  T1218: 'System Binary Proxy Execution',
  T1486: 'Data Encrypted for Impact',
  T1490: 'Inhibit System Recovery',
  T1528: 'Steal Application Access Token',
  T1530: 'Data from Cloud Storage',
  T1539: 'Steal Web Session Cookie',
  'T1547.001': 'Registry Run Keys / Startup Folder',
  T1548: 'Abuse Elevation Control Mechanism',
  T1550: 'Use Alternate Authentication Material',
  T1556: 'Modify Authentication Process',
  T1557: 'Adversary-in-the-Middle',
  'T1562.001': 'Disable or Modify Tools',
  T1566: 'Phishing',
  'T1566.001': 'Spearphishing Attachment',
  'T1566.002': 'Spearphishing Link',
  T1567: 'Exfiltration Over Web Service',
  'T1589.001': 'Credentials (victim identity information)',
  T1621: 'Multi-Factor Authentication Request Generation',
};

/** The ATT&CK tactic an alert category names, or undefined for Defender's other categories (`Malware`, ...). */
export function mitreTactic(category: string | null | undefined): Tactic | undefined {
  if (!category) return undefined;
  const key = category.replace(/[\s_-]/g, '');
  const exact = Object.hasOwn(TACTICS, key) ? TACTICS[key] : undefined;
  if (exact) return exact;
  const lower = key.toLowerCase();
  return Object.entries(TACTICS).find(([name]) => name.toLowerCase() === lower)?.[1];
}

/** An alert category in words: the tactic's name, or the category split at its capitals ("Suspicious activity"). */
export function categoryWords(category: string | null | undefined): string {
  if (!category) return 'Uncategorised';
  const tactic = mitreTactic(category);
  if (tactic) return tactic.name;
  const words = category
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "T1059.001 PowerShell"; an id ATT&CK data here does not know is returned as it is. */
export function describeTechnique(id: string): string {
  const key = id.trim().toUpperCase();
  const name = Object.hasOwn(TECHNIQUES, key) ? TECHNIQUES[key] : undefined;
  return name ? `${key} ${name}` : key;
}

/** Distinct tactics in attack order. */
export function orderTactics(tactics: Iterable<Tactic>): Tactic[] {
  const byId = new Map<string, Tactic>();
  for (const tactic of tactics) byId.set(tactic.id, tactic);
  return [...byId.values()].sort((a, b) => a.order - b.order);
}
