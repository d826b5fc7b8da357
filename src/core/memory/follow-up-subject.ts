/**
 * Follow-ups: which earlier subject a question refers back to ("and her sign-ins?", "what about his MFA
 * methods?", "reset them", "same user, last 7 days?"). Reads the question's words once, left to right, with set
 * lookups only (linear in the message, which is cut to the same bounded length as entity extraction), and
 * compares them with the latest remembered answer. Pure and host-neutral.
 * It never guesses: a question that names a user of its own, asks about someone else ("who else …",
 * "other users", "my sign-ins") or is a new list question gets no subject, and only the latest answer counts
 * (after a list answer, "her" could be anyone on the list).
 */
import type { Target } from '../answer.js';
import { cleanMessageText } from '../grounding/clean-message-text.js';
import type { Entities } from '../grounding/extract-entities.js';
import { tokenizeMessage } from '../grounding/tokenize-message.js';
import { keywordForm } from '../planner/intent-keywords.js';
import type { RememberedTurn } from './conversation-memory.js';

/** How a question points back at something said earlier, read from its words alone. */
export interface BackReference {
  /** The words that point at a person mentioned earlier, as written: "her", "this user", "the same account". */
  person?: string;
  /** The words that point at a thing mentioned earlier ("it", "this device"), and what kind of thing. */
  thing?: { words: string; kind?: Target['kind'] };
  /** The question continues the previous one: it starts with "and", "also", "plus", "what about", "how about", "same". */
  continues: boolean;
  /** It is about someone else: "who else", "anyone else", "other users", "the others". */
  someoneElse: boolean;
  /** It asks about people in general: "who …", "users", "anyone", "everyone". */
  people: boolean;
  /** It is about the analyst themself: "my sign-ins", "what about me?". */
  self: boolean;
}

/** A set of the space-separated words in `list`. */
function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((word) => word.length > 0));
}

/** Compared without apostrophes (see `keywordForm`): "she's" is `shes`. */
const PERSON_PRONOUNS =
  wordSet(`he him his himself she her hers herself they them their theirs themself themselves
  hes shes theyre theyve theyll theyd`);
const THING_PRONOUNS = wordSet('it its itself');
/** Words that make the next noun a reference back: "this user", "that account", "(the) same person". */
const DEMONSTRATIVES = wordSet('this that same the');
/** One person: "this user", "the same account", "that guy". */
const PERSON_NOUNS = wordSet(
  'user account person guy gal lady man woman employee identity individual mailbox',
);
/** One thing, and the kind of subject it can be: "this device", "that incident", "this one" (any kind). */
const THING_NOUNS: ReadonlyMap<string, Target['kind'] | undefined> = new Map<
  string,
  Target['kind'] | undefined
>([
  ...[...wordSet('device machine host laptop computer pc endpoint server workstation phone')].map(
    (word) => [word, 'device'] as const,
  ),
  ...[...wordSet('incident alert ticket')].map((word) => [word, 'incident'] as const),
  ...[...wordSet('ip address')].map((word) => [word, 'ip'] as const),
  ...[...wordSet('file hash')].map((word) => [word, 'file'] as const),
  ['one', undefined],
]);
/** Many people, or anyone: a list question, not a follow-up. */
const PEOPLE_WORDS = wordSet(`who whom whose users accounts people persons identities employees
  everyone everybody anyone anybody someone somebody`);
/** "who else", "anyone else": the question is about somebody other than the subject. */
const BEFORE_ELSE = wordSet('who whom anyone anybody someone somebody everyone everybody nobody');
const OTHER_WORDS = wordSet('other another different');
const SELF_POSSESSIVES = wordSet('my mine myself our ours ourselves');
const SELF_OBJECTS = wordSet('me us');
/** Openers of a continued question: "and …", "also …", "same user, …". */
const CONTINUERS = wordSet('and also plus same');
/** "what about …", "how about …", "what of …". */
const ABOUT_OPENERS = wordSet('what how');
/** Words an analyst may write before the follow-up itself: "ok, and her sign-ins?", "thanks! what about him?". */
const FILLERS = wordSet(
  'ok okay k kk cool great nice perfect thanks thank thx ty cheers right alright so well hmm hm got understood',
);
/** Words that complete a filler: "thank you", "got it". */
const FILLER_ENDINGS: ReadonlyMap<string, string> = new Map([
  ['thank', 'you'],
  ['got', 'it'],
]);
const MAX_FILLERS = 4;
const POSSESSIVE = /'s$/i;

/**
 * Reads how `text` points back at an earlier subject. Linear in the (bounded) message; never throws on any text.
 * Exported for the intent classifier, which treats "is he compromised?" as a question about a user.
 */
export function readBackReference(text: string): BackReference {
  const words: { form: string; written: string }[] = [];
  for (const token of tokenizeMessage(cleanMessageText(text).text)) {
    if (token.kind !== 'word') continue;
    const written = token.text.replace(POSSESSIVE, '');
    words.push({ form: keywordForm(written), written: written.toLowerCase() });
  }
  const reference: BackReference = {
    continues: false,
    someoneElse: false,
    people: false,
    self: false,
  };

  let start = 0;
  while (start < words.length && start < MAX_FILLERS && FILLERS.has(words[start]!.form)) {
    const ending = FILLER_ENDINGS.get(words[start]!.form);
    start += ending !== undefined && words[start + 1]?.form === ending ? 2 : 1;
  }
  // "and …", "what about …", "and what about …".
  let body = start;
  if (CONTINUERS.has(words[body]?.form ?? '')) body++;
  const about = words[body + 1]?.form;
  if (ABOUT_OPENERS.has(words[body]?.form ?? '') && (about === 'about' || about === 'of')) body += 2;
  // "and?" alone continues nothing; "same user, …" is itself the reference.
  reference.continues = body > start && (body < words.length || words[start]?.form === 'same');
  const afterOpener = words[body]?.form === 'for' || words[body]?.form === 'about' ? body + 1 : body;
  if (reference.continues && SELF_OBJECTS.has(words[afterOpener]?.form ?? '')) reference.self = true;

  for (let index = start; index < words.length; index++) {
    const { form, written } = words[index]!;
    const previous = words[index - 1]?.form;
    const next = words[index + 1];
    if (PERSON_PRONOUNS.has(form)) reference.person ??= written;
    else if (THING_PRONOUNS.has(form)) reference.thing ??= { words: written };
    else if (DEMONSTRATIVES.has(form) && next !== undefined) {
      // "the same user": read the noun after "same".
      const noun = form === 'the' && next.form === 'same' ? words[index + 2] : next;
      const phrase = (): string => `${written}${noun === next ? '' : ' same'} ${noun?.written}`;
      if (noun !== undefined && PERSON_NOUNS.has(noun.form)) reference.person ??= phrase();
      else if (noun !== undefined && form !== 'the' && THING_NOUNS.has(noun.form)) {
        reference.thing ??= { words: phrase(), kind: THING_NOUNS.get(noun.form) };
      }
    }
    if (PEOPLE_WORDS.has(form)) reference.people = true;
    if (form === 'else' && previous !== undefined && BEFORE_ELSE.has(previous)) reference.someoneElse = true;
    if (form === 'others') reference.someoneElse = true;
    if (
      OTHER_WORDS.has(form) &&
      next !== undefined &&
      (PERSON_NOUNS.has(next.form) || PEOPLE_WORDS.has(next.form))
    ) {
      reference.someoneElse = true;
    }
    if (SELF_POSSESSIVES.has(form)) reference.self = true;
  }
  return reference;
}

/**
 * The subject of the latest remembered answer when the question refers back to it and names no user of its
 * own; otherwise undefined. Refers back: a pronoun or "this/that/the same user" for a user subject ("it",
 * "this device" for another kind), or a continued question ("and …", "what about …", "also …", "same …") that
 * names nothing else. Never for a question naming a user (UPN or candidate name), about someone else ("who
 * else is at risk?", "other users"), about people in general without a pronoun ("what about all users?"),
 * about the analyst ("what about my sign-ins?"), or, without a pronoun, about another entity ("what about
 * 185.220.101.4?").
 */
export function followUpSubject(
  text: string,
  entities: Entities,
  history: readonly RememberedTurn[],
): Target | undefined {
  const subject = history.at(-1)?.subject;
  if (subject === undefined) return undefined;
  if (entities.upns.length > 0 || entities.names.length > 0) return undefined;

  const reference = readBackReference(text);
  if (reference.someoneElse) return undefined;
  const explicit = subject.kind === 'user' ? reference.person : reference.thing;
  if (explicit !== undefined) {
    const kind = typeof explicit === 'string' ? undefined : explicit.kind;
    return kind === undefined || kind === subject.kind ? subject : undefined;
  }
  if (!reference.continues || reference.people || reference.self) return undefined;
  // A pronoun for the other kind of subject ("and it?" after a user) is not about this subject.
  if ((subject.kind === 'user' ? reference.thing : reference.person) !== undefined) return undefined;
  const otherEntities =
    entities.ips.length +
    entities.hashes.length +
    entities.cves.length +
    entities.incidentIds.length +
    entities.devices.length;
  return otherEntities === 0 ? subject : undefined;
}
