/**
 * Decides what kind of question a message is (a user's risk, the risky-users list, an incident, a device, an
 * indicator, help) from its entities and its keywords, deterministically, and says which words decided it so an
 * answer can show "how I got this". Keywords are matched on whole words, with a small typo allowance
 * (see intent-keywords.ts). It never calls a model or a service, never throws, and never reads more of the
 * message than entity extraction does.
 */
import { type CustomSkillTriggers, findCustomTrigger } from '../../plugins/custom/custom-skill-descriptor.js';
import { isServiceNowNumber } from '../../plugins/defender-xdr/incident-reference.js';
import type { Target } from '../answer.js';
import { cleanMessageText } from '../grounding/clean-message-text.js';
import type { Entities } from '../grounding/extract-entities.js';
import { looksLikeCommandLine } from '../grounding/looks-like-command-line.js';
import { NAME_STOP_WORDS } from '../grounding/name-stop-words.js';
import { tokenizeMessage } from '../grounding/tokenize-message.js';
import { readBackReference } from '../memory/follow-up-subject.js';
import {
  ADMIN_WORDS,
  HELP_PHRASES,
  type KeywordMatch,
  type KeywordTopic,
  keywordForm,
  matchIntentKeyword,
  ONBOARDING_WORDS,
  SIGN_IN_FAILURE_ALONE,
} from './intent-keywords.js';

/** What kind of question a message is. */
export type Intent =
  | 'user-risk'
  | 'risky-users'
  | 'incident'
  | 'device'
  | 'indicator'
  /** A pasted command line or script to explain ("what does this do? powershell -enc …"). */
  | 'script'
  /** Cloud posture: Defender for Cloud recommendations, secure score, exposed resources, attack paths. */
  | 'cloud-posture'
  /** Hunting in Sentinel: "kql: …", failed sign-ins by IP, encoded PowerShell across devices. */
  | 'hunt'
  /** Why a user cannot sign in: their failed sign-ins, the cause and what to do. */
  | 'sign-in-failure'
  /** Identity posture: Conditional Access gaps, privileged accounts without MFA, PIM activations. */
  | 'identity-posture'
  /** A ServiceNow ticket by number ("INC0010003"), or tickets by caller, group or Ward ("tickets for adele"). */
  | 'ticket'
  /** A custom plugin skill's trigger phrase ("legacy auth sign-ins", see plugins/custom/): that skill answers. */
  | 'custom'
  | 'help'
  | 'unknown';

/** The intent, and why. */
export interface IntentResult {
  intent: Intent;
  /** which words decided it, for "how I got this" */
  reason: string;
}

/** What the conversation says about a message, from a caller that keeps conversation memory. */
export interface ClassifyIntentOptions {
  /**
   * Given by a caller that reads follow-ups (the orchestrator), even when memory found nothing. `subject`: the
   * earlier answer's subject the message refers back to (`followUpSubject`), so "and her sign-ins?" is about
   * that user. Without a subject, a question about a person named only by a pronoun ("is he compromised?") is
   * still a user question, so the planner asks which user. Omitted: the message is read alone, as before.
   */
  followUp?: { subject?: Target };
  /** Custom plugin skills' trigger phrases: a message holding one (whole words) is `custom`. Omitted: none. */
  customSkills?: readonly CustomSkillTriggers[];
}

/** The intent of a follow-up about an earlier subject that is not a user. */
const SUBJECT_INTENTS: Readonly<Record<Target['kind'], Intent>> = {
  user: 'user-risk',
  device: 'device',
  incident: 'incident',
  ip: 'indicator',
  file: 'indicator',
  resource: 'cloud-posture',
};

/** A keyword as it appeared in the message. */
interface KeywordHit extends KeywordMatch {
  /** Position of the (first) word, to tell two different words apart. */
  position: number;
  /** The word as the analyst wrote it, lower-case. */
  written: string;
}

/** A bare name written in lower case counts as the subject only in short messages ("adele?", "what about adele"). */
const MAX_OTHER_WORDS_FOR_BARE_NAME = 2;
/** Greetings count as "hello, show me help" only in short messages. */
const MAX_WORDS_FOR_GREETING = 4;
const WORD = /^\p{L}[\p{L}\p{M}]*(?:['-]\p{L}[\p{L}\p{M}]*)*$/u;
const POSSESSIVE = /'s$/i;
/** Top-level domains common enough that `name.tld` is read as a domain, not as "adele.vance". */
const COMMON_TOP_LEVEL_DOMAINS: ReadonlySet<string> = new Set(
  (
    'com net org io co info biz ru cn su xyz top online site club me us uk de fr nl eu ca au in br jp kr ir kp ' +
    'tk ml ga cf gq pw cc ws app dev cloud live shop icu vip work click link ly to gov edu mil int onion ' +
    'example test zip mov rs ro ua pl it es se ch at be dk no fi cz hu gr pt tr il za mx ar cl co kz by ' +
    'info site website space tech store online fun host press pro'
  ).split(' '),
);
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
/**
 * `kql: <query>` or `run kql: <query>`; for Defender XDR advanced hunting `defender kql: <query>`,
 * `advanced hunting: <query>`, `hunt in defender: <query>` (the prefixes `plan-hunt.ts` reads).
 */
const OWN_KQL =
  /^\s*(?:run\s+)?(?:(?:(?:microsoft\s+)?(?:defender(?:\s+xdr)?|xdr|mde|m365d)\s+(?:advanced\s+hunting\s+)?)?kql|advanced\s+hunting(?:\s+kql)?|hunt\s+in\s+(?:microsoft\s+)?(?:defender(?:\s+xdr)?|xdr|mde))\s*:/i;
/** Hunts asked for without the word: failed sign-ins by IP, a password spray, encoded PowerShell. */
const HUNT_PHRASES =
  /\bfail(?:ed|ing|ures?)?\b.{0,40}\b(?:by|per)\s+(?:ip|address)\b|\bpassword\s+spray(?:s|ing)?\b.{0,20}\b(?:where|which|from|sources?|ips?)\b|\bencoded\s*(?:powershell|commands?)\b/i;
/** The keywords that name signing in, for "can't sign in" and "sign-in failing". */
const SIGN_IN_KEYWORDS: ReadonlySet<string> = new Set([
  'signin',
  'signins',
  'signedin',
  'login',
  'logins',
  'loggedin',
  'logon',
  'logons',
]);

/**
 * Classifies one message. `entities` must come from `extractEntities` on the same text. Rules, first match wins:
 * empty → help; ServiceNow ticket numbers → ticket; incident ids → incident; device names → device (unless it is
 * a person's sign-ins); a user (UPN, or a name with a question about them) → user-risk, or ticket/device/incident
 * when asked about their tickets, devices or incidents; IPs, hashes, CVEs, domains, URLs → indicator; then
 * keywords: ticket, incident, device, risky-users,
 * indicator, help, greetings → help; otherwise unknown. With `options.followUp` (see {@link ClassifyIntentOptions}),
 * a message that names no user is about the remembered subject, or, naming a person only by a pronoun, still
 * about a user; help and greetings stay help, and a named user, device or incident always wins.
 */
export function classifyIntent(
  text: string,
  entities: Entities,
  options?: ClassifyIntentOptions,
): IntentResult {
  const tokens = tokenizeMessage(cleanMessageText(text).text);
  const nameWords = new Set(entities.names.flatMap((name) => name.toLowerCase().split(' ')));

  const keywordCache = new Map<string, KeywordMatch | undefined>();
  const readKeyword = (value: string): KeywordMatch | undefined => {
    const form = keywordForm(value);
    if (keywordCache.has(form)) return keywordCache.get(form);
    // Known words are never typos: "table" is not a misspelt "tablet".
    const match = matchIntentKeyword(form, { allowTypos: !NAME_STOP_WORDS.has(form) });
    keywordCache.set(form, match);
    return match;
  };

  const words: string[] = [];
  const hits: KeywordHit[] = [];
  let otherWords = 0;
  const domains: string[] = [];
  let previousWord: { form: string; written: string; position: number } | undefined;
  tokens.forEach((token, position) => {
    if (token.kind === 'url') {
      domains.push(token.text);
      previousWord = undefined;
      return;
    }
    const value = token.text.replace(POSSESSIVE, '');
    if (token.kind === 'word' && looksLikeDomain(value)) domains.push(value);
    if (token.kind !== 'word' || !WORD.test(value)) {
      previousWord = undefined;
      return;
    }
    const written = value.toLowerCase();
    words.push(written);
    if (nameWords.has(written)) {
      previousWord = undefined;
      return;
    }
    otherWords++;
    const match = readKeyword(value);
    if (match) hits.push({ ...match, position, written });
    // Two-word keywords: "sign in", "log ins", "at risk", "non compliant", "look up".
    if (previousWord && !token.breakBefore) {
      const joined = matchIntentKeyword(previousWord.form + keywordForm(value), { allowTypos: false });
      if (joined)
        hits.push({
          ...joined,
          position: previousWord.position,
          written: `${previousWord.written} ${written}`,
        });
    }
    previousWord = { form: keywordForm(value), written, position };
  });

  const has = (topic: KeywordTopic): KeywordHit | undefined => hits.find((hit) => hit.topics.includes(topic));
  const quote = (hit: KeywordHit): string =>
    hit.fuzzy ? `"${hit.written}" (read as "${hit.keyword}")` : `"${hit.written}"`;
  /** "can't … sign in", "sign-in failing", "blocked", "locked out": a question about signing in at all. */
  const signInFailure = (): string | undefined => {
    const failure = hits.filter((hit) => hit.topics.includes('sign-in-failure'));
    const alone = failure.find((hit) => SIGN_IN_FAILURE_ALONE.has(hit.keyword));
    if (alone) return quote(alone);
    const signIn = hits.find((hit) => SIGN_IN_KEYWORDS.has(hit.keyword));
    if (failure[0] && signIn) return `${quote(failure[0])} + ${quote(signIn)}`;
    return undefined;
  };

  const indicators = [
    ...entities.ips.map((ip) => `IP ${ip}`),
    ...entities.hashes.map((hash) => `${hash.kind} hash ${hash.value}`),
    ...entities.cves,
    ...domains.map((domain) => `${domain.includes('://') ? 'URL' : 'domain'} ${domain}`),
  ];
  const hasAnyEntity =
    entities.upns.length + entities.names.length + entities.incidentIds.length + entities.devices.length >
      0 || indicators.length > 0;

  if (tokens.length === 0) {
    const questionMark = typeof text === 'string' && text.includes('?');
    return { intent: 'help', reason: questionMark ? 'just "?"' : 'empty message' };
  }

  // The analyst's own KQL ("kql: SigninLogs | …") is a hunt, whatever names and addresses it holds.
  if (typeof text === 'string' && OWN_KQL.test(text)) return { intent: 'hunt', reason: '"kql:" and a query' };

  // A pasted command line names hosts, addresses and users of its own: what it does is the question.
  if (typeof text === 'string' && looksLikeCommandLine(text)) {
    return { intent: 'script', reason: 'a command line or script' };
  }

  // An admin's trigger phrase names the skill that answers, before any built-in keyword decides.
  const custom = findCustomTrigger(text, options?.customSkills);
  if (custom) return { intent: 'custom', reason: `"${custom.phrase}" (custom skill ${custom.ref})` };

  const huntWord = has('hunt');
  if (huntWord || (typeof text === 'string' && HUNT_PHRASES.test(text))) {
    return { intent: 'hunt', reason: huntWord ? quote(huntWord) : 'a hunting question' };
  }

  // A ServiceNow number is a ticket, unless a Defender XDR incident (a plain number) is named with it.
  if (entities.tickets.length > 0 && !entities.incidentIds.some((id) => /^\d+$/.test(id))) {
    return { intent: 'ticket', reason: `ServiceNow ${entities.tickets.join(', ')}` };
  }

  if (entities.incidentIds.length > 0) {
    return { intent: 'incident', reason: `incident ${entities.incidentIds.join(', ')}` };
  }

  const userTopic = has('user-question') ?? has('user-activity');
  const upn = entities.upns[0];
  const name = entities.names[0];
  const device = entities.devices[0];
  const subject = options?.followUp?.subject;
  const subjectName = subject === undefined ? undefined : (subject.displayName ?? subject.id);

  if (device !== undefined) {
    const activity = has('user-activity');
    const user = upn ?? name ?? (subject?.kind === 'user' ? `${subjectName} (follow-up)` : undefined);
    if (user !== undefined && activity && !has('device')) {
      return {
        intent: 'user-risk',
        reason: `user ${user} with ${quote(activity)} (the device is where, not who)`,
      };
    }
    // "is web-prod-01 vulnerable to CVE-2024-3400?": whether that asset is affected. The exposure answer looks
    // the asset up in Defender for Cloud first, then in Intune, so it starts from the cloud posture planner.
    const cve = entities.cves[0];
    if (cve !== undefined) {
      return { intent: 'cloud-posture', reason: `${cve} on ${device}: is the asset affected` };
    }
    // "recommendations for web-prod-01": an Azure VM's cloud posture, not an Intune device.
    const cloudWord = has('cloud');
    if (cloudWord && !has('device')) {
      return { intent: 'cloud-posture', reason: `${quote(cloudWord)} about ${device}` };
    }
    return { intent: 'device', reason: `device ${device}` };
  }

  const user = upn ?? name;
  if (user !== undefined) {
    const ticketWord = has('ticket');
    if (ticketWord) return { intent: 'ticket', reason: `${quote(ticketWord)} of user ${user}` };
    const deviceWord = has('device');
    if (deviceWord) return { intent: 'device', reason: `${quote(deviceWord)} of user ${user}` };
    const incidentWord = has('incident');
    if (incidentWord) return { intent: 'incident', reason: `${quote(incidentWord)} of user ${user}` };
    const failing = signInFailure();
    if (failing) return { intent: 'sign-in-failure', reason: `${failing} for user ${user}` };
    if (upn !== undefined) {
      return {
        intent: 'user-risk',
        reason: userTopic ? `user ${upn} with ${quote(userTopic)}` : `user ${upn}, nothing else asked`,
      };
    }
    if (userTopic) return { intent: 'user-risk', reason: `name "${name}" with ${quote(userTopic)}` };
    const capitalised = entities.names.some((candidate) => /^\p{Lu}/u.test(candidate));
    if (indicators.length === 0 && (capitalised || otherWords <= MAX_OTHER_WORDS_FOR_BARE_NAME)) {
      return { intent: 'user-risk', reason: `name "${name}", nothing else asked` };
    }
    // A lower-case "name" in a longer message with no question about a person is probably an ordinary word.
  }

  if (options?.followUp !== undefined && user === undefined) {
    const followUp = classifyFollowUp(
      text,
      words,
      subject,
      has,
      quote,
      indicators.length > 0,
      signInFailure(),
    );
    if (followUp) return followUp;
  }

  if (indicators.length > 0) return { intent: 'indicator', reason: indicators[0]! };

  // "review our conditional access policies", "privileged accounts without MFA", "admins without MFA".
  const postureWord = has('identity-posture');
  if (postureWord) return { intent: 'identity-posture', reason: `${quote(postureWord)}, no user named` };
  const adminWord = words.find((word) => ADMIN_WORDS.has(word));
  const mfaWord = hits.find((hit) => hit.keyword === 'mfa');
  if (adminWord && mfaWord) {
    return { intent: 'identity-posture', reason: `"${adminWord}" + ${quote(mfaWord)}, no user named` };
  }
  // "are leavers being offboarded?", "joiner mover leaver gaps": Lifecycle Workflows, within identity posture.
  const lifecycleWord = has('lifecycle');
  if (lifecycleWord && !(ONBOARDING_WORDS.has(lifecycleWord.keyword) && (has('device') || has('cloud')))) {
    return { intent: 'identity-posture', reason: `${quote(lifecycleWord)}: joiners, movers and leavers` };
  }

  // "critical risks for publicly exposed resources" is about the cloud estate, not risky users.
  const cloudWord = has('cloud');
  if (cloudWord)
    return { intent: 'cloud-posture', reason: `${quote(cloudWord)}, no user, device or indicator named` };

  const ticketWord = has('ticket');
  if (ticketWord) return { intent: 'ticket', reason: `${quote(ticketWord)}, no ticket number` };
  const incidentWord = has('incident');
  if (incidentWord) return { intent: 'incident', reason: `${quote(incidentWord)}, no incident id` };
  const deviceWord = has('device');
  if (deviceWord) return { intent: 'device', reason: `${quote(deviceWord)}, no device named` };

  const riskWord = has('risk');
  if (riskWord) return { intent: 'risky-users', reason: `${quote(riskWord)}, no user named` };
  const compromiseWord = has('compromise-state');
  const listWord = hits.find(
    (hit) => hit.topics.includes('list') && hit.position !== compromiseWord?.position,
  );
  if (compromiseWord && listWord) {
    return { intent: 'risky-users', reason: `${quote(compromiseWord)} + ${quote(listWord)}, no user named` };
  }

  const indicatorWord = has('indicator');
  if (indicatorWord) return { intent: 'indicator', reason: `${quote(indicatorWord)}, no indicator given` };

  const helpWord = has('help');
  if (helpWord) return { intent: 'help', reason: quote(helpWord) };
  const phrase = HELP_PHRASES.find((candidate) => containsPhrase(words, candidate));
  if (phrase) return { intent: 'help', reason: `"${phrase.join(' ')}"` };
  const greeting = has('greeting');
  if (greeting && !hasAnyEntity && words.length <= MAX_WORDS_FOR_GREETING) {
    return { intent: 'help', reason: `${quote(greeting)} alone` };
  }

  if (userTopic)
    return { intent: 'unknown', reason: `${quote(userTopic)} but no user, device or incident named` };
  return { intent: 'unknown', reason: 'no known entity or keyword' };
}

/**
 * A message that names no user, read with what the conversation knows: about the remembered subject (its
 * devices, incidents, risk, or anything else asked about it), or about a person named only by a pronoun.
 * Undefined when the ordinary rules should decide (help, a greeting, an indicator with no question about the
 * subject, a pronoun in a question about people in general).
 */
function classifyFollowUp(
  text: string,
  words: readonly string[],
  subject: Target | undefined,
  has: (topic: KeywordTopic) => KeywordHit | undefined,
  quote: (hit: KeywordHit) => string,
  hasIndicators: boolean,
  signInFailure: string | undefined,
): IntentResult | undefined {
  const userTopic = has('user-question') ?? has('user-activity');
  const reference = readBackReference(text);
  if (subject === undefined) {
    if (userTopic && reference.person !== undefined && !reference.people && !reference.someoneElse) {
      return {
        intent: 'user-risk',
        reason: `"${reference.person}" with ${quote(userTopic)}, but no user named`,
      };
    }
    return undefined;
  }
  const follows = `follow-up on ${subject.kind} ${subject.displayName ?? subject.id}`;
  if (subject.kind !== 'user') {
    return {
      // A ServiceNow ticket is remembered as an incident by its number.
      intent:
        subject.kind === 'incident' && isServiceNowNumber(subject.id)
          ? 'ticket'
          : SUBJECT_INTENTS[subject.kind],
      reason: `${follows}, nothing else named`,
    };
  }
  const ticketWord = has('ticket');
  if (ticketWord) return { intent: 'ticket', reason: `${follows}: ${quote(ticketWord)}` };
  const deviceWord = has('device');
  if (deviceWord) return { intent: 'device', reason: `${follows}: ${quote(deviceWord)}` };
  const incidentWord = has('incident');
  if (incidentWord) return { intent: 'incident', reason: `${follows}: ${quote(incidentWord)}` };
  if (signInFailure) return { intent: 'sign-in-failure', reason: `${follows}: ${signInFailure}` };
  const topic = userTopic ?? has('risk') ?? has('compromise-state');
  if (topic) return { intent: 'user-risk', reason: `${follows}: ${quote(topic)}` };
  if (hasIndicators || has('indicator') || has('help')) return undefined;
  if (HELP_PHRASES.some((phrase) => containsPhrase(words, phrase))) return undefined;
  const explicit = reference.person !== undefined;
  if (has('greeting') && !explicit && words.length <= MAX_WORDS_FOR_GREETING) return undefined;
  return {
    intent: 'user-risk',
    reason: explicit ? `${follows}: "${reference.person}"` : `${follows}, nothing else asked`,
  };
}

function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}

/** `evil-site.xyz`, `login.contoso-support.com`: a host name with a common top-level domain, not an email. */
function looksLikeDomain(value: string): boolean {
  if (value.includes('@') || !value.includes('.') || value.length > 253) return false;
  const labels = value.toLowerCase().split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  const topLevel = labels[labels.length - 1]!;
  return COMMON_TOP_LEVEL_DOMAINS.has(topLevel) && !/^\d+$/.test(labels[0]!);
}
