/**
 * Ward's intent vocabulary: the words that say what an analyst is asking about, grouped by topic, and the one
 * function that reads a word (typos included) as one of them. The intent classifier decides with these words;
 * entity extraction uses them to know that "compromized" or "riksy" is a question word, not a person's name.
 * It only holds words and matching rules; it never decides an intent itself.
 */
import { withinEditDistance } from './within-edit-distance.js';

/** A group of keywords that point to the same kind of question. */
export type KeywordTopic =
  /** Asking what Ward can do. */
  | 'help'
  /** Greetings and politeness, which alone mean "say hello back with help". */
  | 'greeting'
  /** Makes a named person the subject of a security question: compromised, investigate, what happened. */
  | 'user-question'
  /** Topics that only make sense for a person: sign-ins, MFA, password, mailbox. */
  | 'user-activity'
  /** Risk words that alone, with no person named, ask for the risky-users list. */
  | 'risk'
  /** Compromise words that ask for the risky-users list when the question is a list ("which users are hacked"). */
  | 'compromise-state'
  /** Words that make a question a list: show, list, who, which, any, users. */
  | 'list'
  | 'incident'
  /** ServiceNow tickets: "tickets for adele", "ServiceNow tickets opened by Ward". */
  | 'ticket'
  | 'device'
  /** IPs, hashes, files, domains, vulnerabilities, exposure. */
  | 'indicator'
  /** Cloud security posture: Azure resources, Defender for Cloud recommendations, secure score, attack paths. */
  | 'cloud'
  /** Signing in that fails: "can't", "locked out", "blocked", "failing", "error" (with a sign-in word or a person). */
  | 'sign-in-failure'
  /** Identity posture: Conditional Access, privileged roles, PIM, legacy authentication. */
  | 'identity-posture'
  /** Joiners, movers and leavers: Lifecycle Workflows, offboarding, people who left (part of identity posture). */
  | 'lifecycle'
  /** Words around lifecycle questions ("workflows", "left", "gaps"): never names, but decide nothing alone. */
  | 'lifecycle-context'
  /** Hunting in the logs: Sentinel, KQL. */
  | 'hunt';

/**
 * Keywords by topic, lower-case, written without hyphens or apostrophes (words are compared with both removed,
 * so "sign-ins" and "signins" are the same). A word may belong to several topics. Two-word forms are listed
 * joined: "signin" also matches "sign in", "atrisk" matches "at risk".
 */
export const INTENT_KEYWORDS: Readonly<Record<KeywordTopic, readonly string[]>> = {
  help: ['help', 'commands', 'command', 'usage', 'capabilities', 'howto', 'manual', 'docs', 'documentation'],
  greeting: [
    'hi',
    'hello',
    'hey',
    'hiya',
    'howdy',
    'yo',
    'morning',
    'afternoon',
    'evening',
    'thanks',
    'thank',
    'thx',
    'cheers',
    'greetings',
  ],
  'user-question': [
    'compromised',
    'compromise',
    'compromising',
    'hacked',
    'hack',
    'breached',
    'breach',
    'pwned',
    'phished',
    'infected',
    'investigate',
    'investigation',
    'investigating',
    'triage',
    'risk',
    'risky',
    'riskiest',
    'risks',
    'atrisk',
    'highrisk',
    'suspicious',
    'anomalous',
    'unusual',
    'flagged',
    'happened',
    'happening',
    'status',
    'safe',
    'okay',
    'activity',
    'activities',
    'timeline',
    'profile',
    'blocked',
    'disabled',
    'locked',
    'lockout',
    'phishing',
    'phish',
    'clicked',
  ],
  'user-activity': [
    'signin',
    'signins',
    'signedin',
    'login',
    'logins',
    'loggedin',
    'logon',
    'logons',
    'mfa',
    'authentication',
    'authenticated',
    'password',
    'passwords',
    'mailbox',
    'inbox',
    // Follow-ups name these without the person: "what about his MFA methods?", "and her sign-in history?".
    'method',
    'methods',
    'history',
    'detection',
    'detections',
    'registration',
  ],
  risk: ['risky', 'risk', 'riskiest', 'risks', 'atrisk', 'highrisk'],
  'compromise-state': [
    'compromised',
    'hacked',
    'breached',
    'pwned',
    'phished',
    'infected',
    'suspicious',
    'flagged',
  ],
  list: [
    'show',
    'list',
    'who',
    'whom',
    'which',
    'any',
    'anyone',
    'anybody',
    'someone',
    'somebody',
    'everyone',
    'all',
    'top',
    'users',
    'accounts',
    'people',
    'identities',
    'many',
  ],
  incident: ['incident', 'incidents', 'ticket', 'tickets', 'alert', 'alerts'],
  ticket: ['ticket', 'tickets', 'servicenow', 'snow'],
  device: [
    'device',
    'devices',
    'laptop',
    'laptops',
    'computer',
    'computers',
    'pc',
    'pcs',
    'machine',
    'machines',
    'endpoint',
    'endpoints',
    'workstation',
    'workstations',
    'server',
    'servers',
    'host',
    'hosts',
    'phone',
    'phones',
    'mobile',
    'iphone',
    'android',
    'ipad',
    'tablet',
    'compliant',
    'compliance',
    'noncompliant',
    'intune',
    'managed',
    'unmanaged',
    'bitlocker',
    'encrypted',
    'installed',
    'software',
  ],
  indicator: [
    'ip',
    'ips',
    'address',
    'addresses',
    'hash',
    'hashes',
    'md5',
    'sha1',
    'sha256',
    'file',
    'files',
    'domain',
    'domains',
    'url',
    'urls',
    'cve',
    'cves',
    'vulnerability',
    'vulnerabilities',
    'vuln',
    'vulns',
    'vulnerable',
    'exposed',
    'exposure',
    'exploited',
    'exploit',
    'ioc',
    'iocs',
    'indicator',
    'indicators',
    'reputation',
    'lookup',
    'malicious',
    'malware',
  ],
  cloud: [
    'cloud',
    'azure',
    'subscription',
    'subscriptions',
    'resource',
    'resources',
    'vm',
    'vms',
    'securescore',
    'recommendation',
    'recommendations',
    'attackpath',
    'attackpaths',
    'internetfacing',
    'publicly',
    'storageaccount',
    'storageaccounts',
    'keyvault',
    'keyvaults',
  ],
  hunt: ['hunt', 'hunting', 'kql', 'sentinel', 'loganalytics'],
  'sign-in-failure': [
    'cant',
    'cannot',
    'unable',
    'couldnt',
    'blocked',
    'locked',
    'lockout',
    'lockedout',
    'failing',
    'fails',
    'failed',
    'failure',
    'failures',
    'error',
    'errors',
  ],
  'identity-posture': [
    'conditionalaccess',
    'capolicy',
    'capolicies',
    'privileged',
    'pim',
    'identityposture',
    'legacyauth',
    'legacyauthentication',
    'globaladmin',
    'globaladmins',
    'globaladministrator',
    'globaladministrators',
  ],
  lifecycle: [
    'lifecycle',
    'lifecycleworkflow',
    'lifecycleworkflows',
    'jml',
    'joiner',
    'joiners',
    'mover',
    'movers',
    'leaver',
    'leavers',
    'offboard',
    'offboards',
    'offboarded',
    'offboarding',
    'onboard',
    'onboards',
    'onboarded',
    'onboarding',
    'newhire',
    'newhires',
    'prehire',
    // Two-word forms: "people who left", "users who have left", "terminated employees", "ex-employees".
    'wholeft',
    'haveleft',
    'terminatedemployee',
    'terminatedemployees',
    'terminatedusers',
    'terminatedaccounts',
    'terminatedstaff',
    'formeremployees',
    'exemployees',
    'departedemployees',
  ],
  'lifecycle-context': [
    'leave',
    'left',
    'terminated',
    'termination',
    'terminations',
    'departed',
    'departure',
    'departures',
    'former',
    'hire',
    'hires',
    'hired',
    'starter',
    'starters',
    'workflow',
    'workflows',
    'gap',
    'gaps',
  ],
};

/** Lifecycle words that, asked with a device or cloud word, mean onboarding a device to a service instead. */
export const ONBOARDING_WORDS: ReadonlySet<string> = new Set([
  'onboard',
  'onboards',
  'onboarded',
  'onboarding',
]);

/**
 * Words that make a "sign-in failure" word a statement about being able to sign in at all: "blocked",
 * "locked" and "lockout" say it alone ("why is adele blocked?"); the others ("can't", "failing", "error") need
 * a sign-in word too ("can't sign in", "sign-in failing").
 */
export const SIGN_IN_FAILURE_ALONE: ReadonlySet<string> = new Set([
  'blocked',
  'locked',
  'lockout',
  'lockedout',
]);

/** Admin words that ask for the privileged-accounts review when asked with MFA: "admins without MFA". */
export const ADMIN_WORDS: ReadonlySet<string> = new Set([
  'admin',
  'admins',
  'administrator',
  'administrators',
]);

/** Multi-word phrases that ask for help (compared on lower-case words without punctuation). */
export const HELP_PHRASES: readonly (readonly string[])[] = [
  ['what', 'can', 'you', 'do'],
  ['what', 'do', 'you', 'do'],
  ['how', 'do', 'i', 'use'],
  ['how', 'does', 'this', 'work'],
  ['how', 'does', 'ward', 'work'],
  ['what', 'are', 'you'],
  ['who', 'are', 'you'],
];

/** A word read as a keyword. */
export interface KeywordMatch {
  /** The keyword it was read as. */
  keyword: string;
  /** The word as it was compared (lower-case, no hyphens or apostrophes). */
  word: string;
  /** True when the word was a typo of the keyword, not the keyword itself. */
  fuzzy: boolean;
  topics: readonly KeywordTopic[];
}

const TOPICS_BY_KEYWORD: ReadonlyMap<string, readonly KeywordTopic[]> = (() => {
  const map = new Map<string, KeywordTopic[]>();
  for (const [topic, words] of Object.entries(INTENT_KEYWORDS) as [KeywordTopic, readonly string[]][]) {
    for (const word of words) {
      const topics = map.get(word) ?? [];
      topics.push(topic);
      map.set(word, topics);
    }
  }
  return map;
})();

/** Typos are only forgiven for words at least this long: shorter ones are too often other real words. */
const MIN_FUZZY_LENGTH = 5;
/** Keywords considered for typos, longest first so that the first hit is the most specific. */
const FUZZY_CANDIDATES: readonly string[] = [...TOPICS_BY_KEYWORD.keys()]
  .filter((keyword) => keyword.length >= MIN_FUZZY_LENGTH)
  .sort((left, right) => right.length - left.length || left.localeCompare(right));

/** Lower-cases a word and removes hyphens and apostrophes, the form keywords are written in. */
export function keywordForm(word: string): string {
  return word.toLowerCase().replace(/['’-]/g, '');
}

/**
 * Reads one word as an intent keyword: exactly, or (unless `allowTypos` is false) as a common typo of one. Typo rules, chosen so that names
 * are not mistaken for keywords: only words of 5+ letters, the first letter must be right, one edit (two from
 * 10 letters on), and for words of 5–6 letters only a dropped, doubled or swapped letter ("riksy"), never a
 * substituted one ("Ricky" stays a name).
 */
export function matchIntentKeyword(
  word: string,
  options?: { allowTypos?: boolean },
): KeywordMatch | undefined {
  const form = keywordForm(word);
  if (form.length === 0) return undefined;
  const exact = TOPICS_BY_KEYWORD.get(form);
  if (exact) return { keyword: form, word: form, fuzzy: false, topics: exact };
  if (options?.allowTypos === false) return undefined;
  if (form.length < MIN_FUZZY_LENGTH || form.length > 40 || !/^[a-z]+$/.test(form)) return undefined;

  const max = form.length >= 10 ? 2 : 1;
  const substitutionCost = form.length <= 6 ? 2 : 1;
  // Closest keyword wins: try one edit before two.
  for (let distance = 1; distance <= max; distance++) {
    for (const keyword of FUZZY_CANDIDATES) {
      if (keyword[0] !== form[0] || Math.abs(keyword.length - form.length) > distance) continue;
      if (withinEditDistance(form, keyword, distance, { substitutionCost })) {
        return { keyword, word: form, fuzzy: true, topics: TOPICS_BY_KEYWORD.get(keyword)! };
      }
    }
  }
  return undefined;
}
