/**
 * When each event of the demo tenant's stories happened, as an offset before the seed's `now()`. One place
 * for the timeline so the sign-ins, risk detections, risky users and Defender incidents of a story agree, and
 * so tests can name the moments they check. Data only; never used outside the demo tenant.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds before `now()` at seed time. */
export const STORY_TIMELINE = {
  adele: {
    /** The password spray from 192.0.2.45 (Bucharest) sweeps ~45 accounts over these minutes. */
    sprayStart: 3 * HOUR + 12 * MINUTE,
    sprayEnd: 2 * HOUR + 58 * MINUTE,
    /** The spray's attempt on Adele: right password, stopped by MFA (50074). */
    sprayHit: 3 * HOUR + 3 * MINUTE,
    /** Identity Protection's offline passwordSpray detection. */
    sprayDetected: 2 * HOUR + 10 * MINUTE,
    /** Adele at her desk in Seattle (Outlook on DESKTOP-ADELE01). */
    seattleSignIn: 95 * MINUTE,
    /** MFA prompts Adele denied (500121), from the Tor exit 192.0.2.66 (Amsterdam). */
    deniedPushes: [58 * MINUTE, 55 * MINUTE],
    /** Adele approves the third push: the attacker is in. */
    torSignIn: 50 * MINUTE,
    /** The attacker opens Outlook on the web. */
    torMailbox: 47 * MINUTE,
    /** Identity Protection's offline unlikelyTravel detection (Seattle → Amsterdam in 45 minutes). */
    travelDetected: 38 * MINUTE,
    /** Adele, still in Seattle, opens Teams. */
    seattleTeams: 20 * MINUTE,
    /** A hidden, encoded PowerShell downloads and runs a second stage on DESKTOP-ADELE01. */
    encodedPowerShell: 14 * MINUTE,
    /** Defender for Endpoint alerts on it; incident 4211 is last updated. */
    powerShellDetected: 12 * MINUTE,
  },
  megan: {
    /** Megan signs in from a MacBook she never used before, from Portland (unfamiliarFeatures). */
    newDeviceSignIn: 4 * HOUR + 20 * MINUTE,
    newDeviceMail: 4 * HOUR + 12 * MINUTE,
  },
  alex: {
    /** Alex's credentials show up in a leak. */
    leakActivity: 9 * DAY + 4 * HOUR,
    leakDetected: 9 * DAY,
    /** Alex resets the password with self-service password reset (MFA-verified): risk remediated. */
    passwordReset: 6 * DAY + 3 * HOUR,
  },
} as const;

export const TIME = { MINUTE, HOUR, DAY } as const;
