/**
 * Plain words for Identity Protection risk event types, so an analyst (or a manager reading over their
 * shoulder) understands a detection without looking it up. Unknown types are shown as Graph names them.
 */
const descriptions: Record<
  string,
  { label: string; meaning: string; strength: 'strong' | 'moderate' | 'weak' }
> = {
  anonymizedIPAddress: {
    label: 'Anonymous IP address',
    meaning: 'sign-in from an anonymising proxy or Tor exit node',
    strength: 'moderate',
  },
  unlikelyTravel: {
    label: 'Atypical travel',
    meaning: 'sign-ins from places too far apart for the time between them',
    strength: 'moderate',
  },
  impossibleTravel: {
    label: 'Impossible travel',
    meaning: 'activity from distant places in too short a time',
    strength: 'moderate',
  },
  passwordSpray: {
    label: 'Password spray',
    meaning: 'the account was hit by a password spray attack and a guess succeeded',
    strength: 'strong',
  },
  leakedCredentials: {
    label: 'Leaked credentials',
    meaning: "the user's valid credentials were found leaked",
    strength: 'strong',
  },
  maliciousIPAddress: {
    label: 'Malicious IP address',
    meaning: 'sign-in from an IP known to be malicious',
    strength: 'strong',
  },
  unfamiliarFeatures: {
    label: 'Unfamiliar sign-in properties',
    meaning: 'sign-in with properties (IP, device, location) not seen before for this user',
    strength: 'weak',
  },
  malwareInfectedIPAddress: {
    label: 'Malware-linked IP address',
    meaning: 'sign-in from an IP linked to malware',
    strength: 'moderate',
  },
  suspiciousIPAddress: {
    label: 'Suspicious IP address',
    meaning: 'sign-in from a suspicious IP',
    strength: 'moderate',
  },
  anomalousToken: {
    label: 'Anomalous token',
    meaning: 'a token with unusual characteristics (possible replay)',
    strength: 'strong',
  },
  tokenIssuerAnomaly: {
    label: 'Token issuer anomaly',
    meaning: 'the SAML token issuer may be compromised',
    strength: 'strong',
  },
  suspiciousInboxForwarding: {
    label: 'Suspicious inbox forwarding',
    meaning: 'inbox rules forward mail to an outside address',
    strength: 'strong',
  },
  mcasSuspiciousInboxManipulationRules: {
    label: 'Suspicious inbox manipulation rules',
    meaning: 'inbox rules that delete or move messages were created',
    strength: 'strong',
  },
  investigationsThreatIntelligence: {
    label: 'Microsoft Entra threat intelligence',
    meaning: 'activity matches known attack patterns',
    strength: 'strong',
  },
  adminConfirmedUserCompromised: {
    label: 'Admin confirmed compromised',
    meaning: 'an administrator confirmed this user compromised',
    strength: 'strong',
  },
  newCountry: {
    label: 'New country',
    meaning: 'sign-in from a country not seen for this user',
    strength: 'weak',
  },
  mfaFraud: {
    label: 'MFA fraud',
    meaning: 'the user reported an MFA prompt they did not start',
    strength: 'strong',
  },
  attackerinTheMiddle: {
    label: 'Attacker in the middle',
    meaning: 'the session may have been intercepted by a reverse proxy',
    strength: 'strong',
  },
};

export interface RiskEventDescription {
  label: string;
  meaning: string;
  strength: 'strong' | 'moderate' | 'weak';
}

/** Describes a `riskEventType` in words. */
export function describeRiskEvent(riskEventType: string): RiskEventDescription {
  // Own keys only: a type named like an Object.prototype member ("constructor") is unknown, not a function.
  return (
    (Object.hasOwn(descriptions, riskEventType) ? descriptions[riskEventType] : undefined) ?? {
      label: riskEventType,
      meaning: 'a risk detection of this type',
      strength: 'moderate',
    }
  );
}
