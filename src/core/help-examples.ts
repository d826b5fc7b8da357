/** The example prompts Ward offers when it helps: only things it can answer in this build. */
export const HELP_EXAMPLES = [
  'is adele.vance@contoso.com compromised?',
  'investigate megan.bowen@contoso.com',
  'show risky users',
  'show high risk users',
  'is alex wilber at risk?',
  "is Diego's laptop compliant?",
  'summarise incident 4211',
  'show open high severity incidents',
  "what's the status of INC0010030?",
  'check 185.220.101.4',
  'what do we know about CVE-2024-3400?',
  'show critical risks for publicly exposed resources',
] as const;

/** What Ward can do now, one line each, for the help card. */
export const CAPABILITIES = [
  "Assess a user's identity risk: Identity Protection risk, detections, recent sign-ins and MFA, with remediation steps",
  'List the users Identity Protection flags as risky, highest risk first',
  'Contain a compromised account from the card (confirm compromised, reset password, revoke sessions, dismiss risk, disable account): for analysts with a Ward role, confirmed, audited',
  'Summarise a Defender XDR incident (timeline, affected users and devices, MITRE ATT&CK, evidence, next steps) or list incidents; "what\'s new?" in an incident channel',
  'Read ServiceNow tickets: "what\'s the status of INC0010030?" (state, owner, caller, latest comments and work notes), "tickets for adele", "ServiceNow tickets opened by Ward today"',
  'Review cloud posture in Defender for Cloud: risks on internet-exposed resources, secure score, attack paths; assign an owner or open a ticket',
  'Troubleshoot a sign-in ("why can\'t megan sign in?") and review identity posture: Conditional Access gaps, privileged accounts without MFA, PIM activations, joiner/mover/leaver workflows and leavers who can still sign in ("are leavers being offboarded?")',
  'Hunt in Sentinel or Defender XDR advanced hunting: "find failed sign-ins by IP this week", "advanced hunting for encoded powershell", or your own "kql: …" (validated before it runs, summarised, with Run again)',
  'Look up IPs, domains, URLs, file hashes and CVEs: reputation, CVSS, EPSS, known exploited, sightings in your alerts',
  'Check a device\'s Intune compliance and why it fails: "is Diego\'s laptop compliant?", "show non-compliant devices"',
  'Explain a pasted command line without running it: "what does this do? powershell -enc …"',
  'Run a saved investigation in one card: "run investigate-user adele.vance@contoso.com", "run morning-triage"; "run promptbooks" lists them',
  'Follow up in the same thread without repeating the name: "and her sign-ins?"',
  'Show the audit trail of actions on a user: "audit adele.vance@contoso.com"',
  'Show what answers cost against the usage limits: "usage"',
] as const;
