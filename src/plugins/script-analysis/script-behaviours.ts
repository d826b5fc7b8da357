/**
 * What a command line does, read from its text: each behaviour an attacker's script commonly has (download
 * and run, hide, evade, persist, steal credentials, discover), with the MITRE ATT&CK technique it maps to and
 * how much it weighs in the verdict. Patterns are literal and bounded; a behaviour is evidence for a human,
 * not a conviction. It never runs or resolves anything.
 */

/** A behaviour found in a script, with the text that shows it. */
export interface ScriptBehaviour {
  id: string;
  title: string;
  /** MITRE ATT&CK technique, e.g. `T1059.001`. */
  technique: string;
  weight: number;
  /** The matched text, cut to 120 characters. */
  evidence: string;
}

interface BehaviourRule {
  id: string;
  title: string;
  technique: string;
  weight: number;
  pattern: RegExp;
}

const RULES: readonly BehaviourRule[] = [
  {
    id: 'download-cradle',
    title: 'Downloads content from the internet',
    technique: 'T1105',
    weight: 3,
    pattern:
      /Net\.WebClient|DownloadString|DownloadFile|DownloadData|Invoke-WebRequest|\biwr\b|Invoke-RestMethod|\birm\b|Start-BitsTransfer|bitsadmin\s+\/transfer|certutil(?:\.exe)?\s+-urlcache|\bcurl(?:\.exe)?\s+\S*https?:|\bwget\s+\S*https?:/i,
  },
  {
    id: 'run-in-memory',
    title: 'Runs code built at run time (Invoke-Expression)',
    technique: 'T1059.001',
    weight: 3,
    pattern: /\bIEX\b|Invoke-Expression|\|\s*iex\b|\.Invoke\(\)|ScriptBlock\]::Create/i,
  },
  {
    id: 'encoded-command',
    title: 'Hides its commands in an encoded command line',
    technique: 'T1027',
    weight: 2,
    pattern: /(?:^|\s)[-/]e(?:c|n|nc|ncodedcommand)?\s+[A-Za-z0-9+/]{16,}/i,
  },
  {
    id: 'hidden-window',
    title: 'Runs in a hidden window',
    technique: 'T1564.003',
    weight: 2,
    pattern: /-w(?:indowstyle)?\s+h(?:idden)?\b|-WindowStyle\s+Hidden/i,
  },
  {
    id: 'policy-bypass',
    title: 'Bypasses the execution policy or the user profile',
    technique: 'T1059.001',
    weight: 1,
    pattern:
      /-ExecutionPolicy\s+Bypass|-ep\s+bypass|-exec\s+bypass|-NoP(?:rofile)?\b|-NonI(?:nteractive)?\b/i,
  },
  {
    id: 'disable-defender',
    title: 'Turns off or blinds antivirus (Defender, AMSI)',
    technique: 'T1562.001',
    weight: 4,
    pattern:
      /Set-MpPreference\s+[^|;]*-Disable|Add-MpPreference\s+-ExclusionPath|AmsiUtils|amsiInitFailed|DisableRealtimeMonitoring/i,
  },
  {
    id: 'persistence-run-key',
    title: 'Persists through a Run registry key',
    technique: 'T1547.001',
    weight: 3,
    pattern: /CurrentVersion\\+Run(?:Once)?\b/i,
  },
  {
    id: 'persistence-task',
    title: 'Persists through a scheduled task or service',
    technique: 'T1053.005',
    weight: 3,
    pattern:
      /schtasks(?:\.exe)?\s+\/create|Register-ScheduledTask|New-ScheduledTask|New-Service\b|\bsc(?:\.exe)?\s+create\b/i,
  },
  {
    id: 'wmi-persistence',
    title: 'Persists through a WMI event subscription',
    technique: 'T1546.003',
    weight: 3,
    pattern: /__EventFilter|CommandLineEventConsumer|__FilterToConsumerBinding/i,
  },
  {
    id: 'credential-access',
    title: 'Reads credentials (LSASS, Mimikatz)',
    technique: 'T1003.001',
    weight: 5,
    pattern: /mimikatz|sekurlsa|lsass(?:\.exe|\.dmp)?|procdump[^|;]*lsass|comsvcs(?:\.dll)?[^|;]*MiniDump/i,
  },
  {
    id: 'discovery',
    title: 'Looks around the host and domain',
    technique: 'T1087',
    weight: 1,
    pattern:
      /\bwhoami\b|\bnet(?:\.exe)?\s+(?:user|group|localgroup)\b|\bnltest\b|Get-ADUser|Get-ADComputer|\bquser\b/i,
  },
  {
    id: 'living-off-the-land',
    title: 'Runs code through a signed Windows binary (mshta, rundll32, regsvr32)',
    technique: 'T1218',
    weight: 3,
    pattern: /\bmshta(?:\.exe)?\s|\brundll32(?:\.exe)?\s[^|;]*,|\bregsvr32(?:\.exe)?\s[^|;]*\/i:/i,
  },
  {
    id: 'delete-shadow-copies',
    title: 'Deletes backups (shadow copies)',
    technique: 'T1490',
    weight: 5,
    pattern: /vssadmin(?:\.exe)?\s+delete\s+shadows|wmic\s+shadowcopy\s+delete|wbadmin\s+delete/i,
  },
];

/** The behaviours `text` shows, each once, in the order of the rules. */
export function findBehaviours(text: string): ScriptBehaviour[] {
  return RULES.flatMap((rule) => {
    const match = rule.pattern.exec(text);
    if (!match) return [];
    const { pattern: _pattern, ...behaviour } = rule;
    return [{ ...behaviour, evidence: match[0].slice(0, 120) }];
  });
}
