/**
 * The rules that recognise text aimed at an AI inside tenant data, and how they combine. Each rule reads one
 * folded form of the text (`fold-scan-text.ts`): `plain` for markup and other languages, `latin` for English
 * with look-alikes and leetspeak undone, `squashed` for words split by spaces or punctuation.
 * A `strong` rule is enough on its own: it only matches text that talks to an AI or about its answer, tools or
 * instructions ("ignore all previous instructions", "SYSTEM:", "[INST]", `"tool": "entra.resetPassword"`,
 * "do not mention this alert in your answer"). The other rules are signals an analyst's own notes also give
 * ("reset the password", "false positive", "do not escalate"); they count only in pairs, one of which must
 * address the reader (an AI, the answer, a role marker, an override). A bare mention of an AI ("Copilot",
 * "the summarizer") pairs only with a verdict or a gag: tickets about Copilot licences ask for actions too.
 * Every pattern is linear: no nested unbounded quantifiers, every gap bounded.
 * It never calls a model and never changes the text.
 */
import type { FoldedForms, FoldedText } from './fold-scan-text.js';

/** A signal a rule gives: `strong` flags the text alone; the others only in pairs (see the module header). */
export type InjectionSignal =
  | 'strong'
  | 'override'
  | 'answer'
  | 'ai'
  | 'role'
  | 'mention'
  | 'suppress'
  | 'verdict'
  | 'action';

/** Which folded form a rule reads. */
export type FoldedFormName = 'plain' | 'latin' | 'squashed';

/** One rule. */
export interface InjectionRule {
  /** Names the rule in tests and logs, e.g. `override-instructions`. */
  id: string;
  form: FoldedFormName;
  signal: InjectionSignal;
  pattern: RegExp;
  /** A match whose own text also matches this is not one (e.g. "ignore the instructions in *my* email"). */
  unless?: RegExp;
  /** A match followed by text matching this is not one. */
  unlessAfter?: RegExp;
  /** The matched source text must have no lower-case letter (`SYSTEM:`, `END OF DATA`). */
  upperCase?: boolean;
}

/** Where a rule matched, as an index into the source text. */
export interface InjectionMatch {
  rule: string;
  signal: InjectionSignal;
  at: number;
}

const rx = (source: string) => new RegExp(source, 'gu');

// Word boundaries for scripts `\b` does not know (Cyrillic, accented Latin already folded, CJK has none).
const L = String.raw`(?<![\p{L}\p{N}])`;
const R = String.raw`(?![\p{L}\p{N}])`;
/** Up to n more words. */
const words = (n: number) => String.raw`(?:\s+\S+){0,${n}}?`;
/** Where an imperative starts: the start of a sentence or line, or after "please", "now", "and" ... */
const CLAUSE = String.raw`(?:^|[.!?;:,\n"'(\[\]{}>|]\s*|\b(?:please|now|immediately|urgently|quickly|just|also|then|and|so|instead|first|next)\s+)`;

/** Names of an AI or assistant that nobody uses for a person. */
const AI_NAME = String.raw`(?:ai|a\.i\.|artificial intelligence|llms?|large language models?|language models?|ai (?:assistant|agent|model|system|tool|copilot|bot)s?|chat ?bots?|chatgpt|gpt(?:-?[0-9][0-9a-z.]*)?|claude|gemini|copilot|security copilot|soc copilot|(?:virtual|digital|automated|security|soc|ai) assistants?|bots?|summari[sz]ers?|automated (?:systems?|tools?|agents?|readers?|pipelines?|analy[sz]ers?|triage)|ai (?:systems?|tools?|agents?|models?))`;
/** Also names people and jobs ("Executive Assistant"), so only with a modal verb and only as a signal. */
const AI_OR_ROLE_NAME = `(?:${AI_NAME}|assistants?|models?|agents?)`;
const VERDICT = `(?:completely |totally |perfectly |entirely |100% |definitely |absolutely |just |not )?(?:safe|benign(?: positive)?|legitimate|legit|harmless|a false positive|false positives?|fp|not compromised|uncompromised|trusted|clean|fine|expected|authori[sz]ed|approved|routine|normal|verified|low risk|no risk|non-?malicious|not (?:a threat|malicious|suspicious))`;
/** What a security answer gives a verdict on. */
const SUBJECT = `(?:user|account|identity|sign-?ins?|logins?|alerts?|incidents?|activity|detections?|risks?|travel|ip|device|host|machine|laptop|script|process|command|file|binary|she|he|they)`;
/** A character that does not end the sentence (a dot inside `adele.vance@contoso.com` does not). */
const SAME_SENTENCE = String.raw`(?:[^.!?\n]|\.(?=\S))`;
const ACTION_VERB = `(?:reset|change|disable|delete|remove|revoke|dismiss|confirm|unblock|enable|grant|give|assign|add|elevate|promote|approve|whitelist|allowlist|exclude|close|resolve|deactivate|block|wipe|purge|clear|unlock|make)`;
const SENSITIVE = `(?:passwords?|mfa|accounts?|risks?|admin(?:istrator)?s?|global admin|roles?|privileges?|permissions?|sessions?|access|incidents?|alerts?|tickets?|logs?|audit|evidence|users?|exceptions?|exclusions?|polic(?:y|ies)|actions?|owner)`;
const NEGATION = `(?:do not|don'?t|dont|never|must not|mustn'?t|should not|shouldn'?t|may not|please do not|you must not|no need to|avoid|refrain from)`;
const READER = `(?:analysts?|soc analysts?|security analysts?|humans?|operators?|responders?|reviewers?|investigators?)`;
const ANSWER = `(?:answer|response|reply|summary|final answer|final report|output|card|analysis|assessment|verdict|conclusion|findings)`;
const OUTPUT_NOUN = `(?:alerts?|detections?|sign-?ins?|logins?|risks?|findings?|anomal(?:y|ies)|travel|ip(?: address)?(?:es|s)?|instructions?|fields?|entr(?:y|ies)|events?|activit(?:y|ies)|evidence|buttons?|actions?|remediation|recommendations?|locations?|countr(?:y|ies)|tor|process(?:es)?|command(?: line)?s?)`;

/** Every rule, strongest first. */
export const INJECTION_RULES: readonly InjectionRule[] = [
  // ── Overriding the instructions ──────────────────────────────────────────────────────────────────────────
  {
    id: 'override-instructions',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:ignore|ignoring|disregard|disregarding|forget|forgetting|neglect|discard|abandon|set aside|pay no (?:attention|heed) to|do not (?:follow|obey)|don'?t (?:follow|obey)|stop (?:following|obeying)|no longer (?:follow|obey))\b${words(5)}\s+(?:instructions?|prompts?|directives?|guidelines?|guardrails?|safeguards?|programming|constraints|restrictions|rules|context|training|directions|orders|system (?:messages?|prompts?)|persona)\b`,
    ),
    unless: rx(
      String.raw`\b(?:my|i|we|our|me|us|its|their|his|the model'?s|mfa|push|authenticator|sign-?in|login|logon|approval|duo|2fa|otp|notifications?|phone|browser|certificate|firewall|transport|mail|inbox|outlook|gpo|group policy|conditional access|dlp|retention|naming|password|cookie|pop-?up|vendor'?s?|installer|setup|manual)\b`,
    ),
    unlessAfter: rx(
      String.raw`^\s*(?:(?:in|from|of) (?:my|our|the) (?:previous |last |earlier |first |other )?(?:e-?mail|mail|message|ticket|call|comment|note|letter|voicemail|chat)|(?:i|we) (?:sent|gave|wrote|left|provided))`,
    ),
  },
  {
    id: 'override-guardrails',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:override|overrule|bypass|circumvent|escape|break out of|jailbreak|turn off|disable)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+|its\s+){0,3}(?:system (?:prompts?|messages?|instructions?)|guardrails?|safety (?:rules|guidelines|filters?|polic(?:y|ies)|settings)|content (?:filters?|polic(?:y|ies))|programming|directives|ai (?:rules|guidelines|restrictions|safety)|your (?:rules|guidelines|restrictions|instructions|training))\b`,
    ),
  },
  {
    id: 'override-squashed',
    form: 'squashed',
    signal: 'strong',
    pattern: rx(
      `(?:ignore|disregard|forget)(?:all|any|your|the|every|of){0,3}(?:previous|prior|above|earlier|preceding|former|original|system|initial|all)(?:instructions?|prompts?|directives?|guidelines?|rules)`,
    ),
  },
  {
    id: 'ignore-the-above',
    form: 'latin',
    signal: 'override',
    pattern: rx(
      String.raw`\b(?:ignore|disregard|forget)\s+(?:all\s+|everything\s+|anything\s+)?(?:of\s+)?(?:the\s+|what(?:'s| is| was| you were told| you read)\s+)?(?:above|before|previous|prior|preceding|earlier|that)\b(?!\s+(?:ticket|e-?mail|mail|message|request|note|comment|call|invite|incident|case|one|version|entry|update|post|reply|attachment|link|step|password|alert|meeting|order|invoice|change|form|request))`,
    ),
  },
  {
    id: 'what-you-were-told',
    form: 'latin',
    signal: 'override',
    pattern: rx(
      String.raw`\b(?:ignore|disregard|forget)\s+(?:everything\s+|anything\s+|all\s+)?(?:what|that)\s+you\s+(?:were|have been|are|got)\s+(?:told|given|instructed|asked|taught)\b`,
    ),
  },
  {
    id: 'override-tag',
    form: 'plain',
    signal: 'role',
    pattern: rx(
      String.raw`<\s*(?:admin|root|sudo|override|instructions?|developer|prompt|command)\s*>|\[\s*(?:admin|root|sudo|override|operator)\s*\]`,
    ),
  },
  {
    id: 'new-instructions',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:(?:your|the ai'?s|the assistant'?s|the model'?s|the bot'?s) (?:new|real|actual|true|updated|revised|only|primary|current) (?:instructions?|task|role|goal|objective|directive|mission|purpose|orders|prompt)|(?:new|updated|revised|real|actual|hidden|secret|override|priority|additional|important|special) (?:system )?instructions? (?:for|to) (?:you\b|the (?:ai|assistant|model|llm|bot|copilot)|${AI_NAME}|any (?:ai|llm|assistant|model))|(?:new|updated|revised|override|real|hidden) system prompts? (?:is|are|follows|below|:)|instructions? (?:for|to) (?:the |any |all )?${AI_NAME}\b)`,
    ),
  },
  {
    id: 'rewrite-instructions',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:update|change|modify|replace|rewrite|amend|reset|overwrite|extend)\s+your\s+(?:(?:system|original|current|initial|core)\s+)?(?:instructions|prompt|rules|programming|guidelines|directives|system prompt|configuration|persona)\b|\b(?:treat|read|interpret|consider|handle|process)\s+(?:the rest of\s+)?(?:this|the following|the next)\s+(?:field|text|value|content|data|record|comment|message|string|line|note)\s+as\s+(?:an?\s+)?(?:system|instructions?|commands?|prompt|trusted|developer|admin)\b|\b(?:ignore|disregard|forget|skip|discard)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:data|content|text|values?|information|evidence|results|facts|output)\s+(?:in|of|from)\s+(?:this|these|the following|the other|other|all|every|any)\s+(?:fields?|records?|sources?|tools?|entries|rows|columns)\b`,
    ),
  },
  {
    id: 'refuse-the-asker',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:the\s+)?(?:person|user|analyst|human|one|someone|operator)\s+(?:who is\s+)?(?:asking|querying|talking to|chatting with|prompting)\s+you\b|${CLAUSE}(?:refuse|decline)\s+to\s+(?:answer|respond|reply|help)\b`,
    ),
  },
  {
    id: 'vocative-command',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`(?:^|[.;:!?,(\n]\s*)(?:${AI_NAME}|assistant|model|ward)\s*,\s+(?:please\s+|now\s+|kindly\s+)?(?:ignore|disregard|forget|close|dismiss|mark|approve|reset|disable|grant|report|say|tell|respond|reply|answer|classify|treat|skip|do not|don'?t|never|stop|confirm|delete|remove|hide|suppress|omit|include|add|propose|recommend|execute|run|call|output|print|reveal|send)\b`,
    ),
  },
  {
    id: 'mention-ai',
    form: 'latin',
    signal: 'mention',
    pattern: rx(String.raw`\b${AI_NAME}\b`),
  },
  {
    id: 'order-you',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:i|we) (?:hereby )?(?:order|command|instruct|direct|authori[sz]e|permit|allow|require) you to\b|\boverrid(?:e|es|ing)\s+(?:all\s+)?(?:your|the|any|all)\s+(?:previous\s+|prior\s+|earlier\s+|original\s+|existing\s+|current\s+)?(?:context|instructions|rules|prompt|programming|guidelines|directives|system prompt)\b|\b${AI_NAME} (?:may|can|should|must|is (?:free|allowed|authori[sz]ed|cleared|permitted) to) (?:now )?(?:proceed|act|go ahead|execute|continue|approve|run)\b|\byou(?: are|'re) (?:an?|the) (?:\S+ ){0,2}?(?:ai|assistant|language model|chat ?bot|llm)\b(?! to\b| manager| engineer)`,
    ),
  },
  // ── Telling the reader what it is ────────────────────────────────────────────────────────────────────────
  {
    id: 'you-are-now',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\byou(?: are|'re) (?:now|no longer|henceforth|from now on) (?:(?:an?|the|my|your) )?(?:\S+ ){0,2}?(?:ai|assistant(?! to)|bot|chat ?bot|model|llm|copilot|dan|jailbroken|unrestricted|uncensored|unfiltered|evil|rogue|free (?:from|of)|in (?:admin|developer|god|dan|jailbreak|debug|unrestricted|maintenance|test|override|root|sudo) mode|operating without|acting as|working for)\b`,
    ),
  },
  {
    id: 'you-are-now-squashed',
    form: 'squashed',
    signal: 'strong',
    pattern: rx(
      `youarenow(?:an|a|the)?(?:ai|assistant|unrestricted|jailbroken|dan|evil|uncensored|unfiltered|inadminmode|indevelopermode|ingodmode)`,
    ),
  },
  {
    id: 'pretend',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:pretend (?:to be|you are|you're|that you)|act as (?:if you (?:were|are)|an? (?:ai|assistant|unrestricted|uncensored|jailbroken|different|new|evil|rogue)|(?:the|my) (?:system|assistant|ai)\b|dan\b)|role-?play(?:ing)? as|(?:roleplay|role play) as|your (?:new|real|true|actual) (?:role|persona|identity|purpose|mission)|prime directive|do anything now|(?:dan|god|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|evil) mode)\b`,
    ),
  },
  {
    id: 'address-as-an-ai',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:(?:you are|you're|being) an? (?:ai|a\.i\.|artificial intelligence|llm|large language model|language model|ai (?:assistant|model|agent|system)|chat ?bot|virtual assistant|security assistant|soc assistant)\b(?! (?:engineer|researcher|scientist|developer|specialist|architect|lead|team|product|consultant|intern|manager|ethic|governance|lab|project|pilot|initiative|company|startup|vendor|platform|champion|trainer|expert))|as an? (?:ai|a\.i\.|llm|large language model|language model|ai (?:assistant|model|agent|system)|chat ?bot|virtual assistant|security assistant)\b,? (?:you|your|it is|it's|i|we)\b|if you(?:'re| are) (?:an?|the|any) (?:ai|a\.i\.|llm|language model|large language model|assistant|ai assistant|bot|chat ?bot|copilot|model|ai model|agent|ai agent|automated (?:system|tool|assistant|agent)|gpt|machine|ward)\b)`,
    ),
  },
  {
    id: 'address-ai-by-name',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`(?:^|[^a-z0-9])(?:dear|hey|hi|hello|greetings|attention|note to|notice to|message to|memo to|reminder to|instructions? (?:to|for)|directive (?:to|for)|psa to|calling|listen(?: up)?|ok|okay)[\s,:]+(?:the |any |all |every |dear )?(?:${AI_NAME}|assistants?)(?![a-z0-9])(?!\s+(?:team|teams|engineers?|group|lab|project|department|dept|champions?|council|committee|initiative|office|squad|program(?:me)?)\b)`,
    ),
  },
  {
    id: 'address-ward',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\bward[,:]?\s+(?:please\s+)?(?:ignore|disregard|forget|you (?:must|should|are now|will)|new instructions|system|override|do not (?:mention|flag|report|show|propose)|skip|approve|propose|confirm|dismiss|reset|disable|grant|mark|classify|treat|report|respond|reply|answer|say|tell|the (?:correct|right|real|final) answer)\b`,
    ),
  },
  {
    id: 'ai-reading-this',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b${AI_NAME} (?:reading|processing|parsing|analy[sz]ing|summari[sz]ing|reviewing|ingesting|triaging|scanning|handling|evaluating|that (?:reads?|process(?:es)?|summari[sz]es?|analy[sz]es?|sees?))\s+(?:this|these|the following|it|that|my)\b`,
    ),
  },
  {
    id: 'ai-label',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:ai|llm|gpt|chatbot|copilot|prompt)[ -](?:instructions?|note|directive|command|override|message|task|injection test)\s*(?:[:：]|\s[—–-]\s)`,
    ),
  },
  {
    id: 'ai-must',
    form: 'latin',
    signal: 'ai',
    pattern: rx(
      String.raw`\b(?:the|any|an?|all|every|this|our|your) ${AI_OR_ROLE_NAME} (?:must|should|shall|needs? to|has to|have to|is (?:required|instructed|ordered|told|expected|authori[sz]ed|allowed|permitted) to|are (?:required|instructed|ordered|told|expected) to|may not|must not|cannot|can'?t|is not allowed to)\b`,
    ),
  },
  {
    id: 'from-now-on',
    form: 'latin',
    signal: 'ai',
    pattern: rx(
      String.raw`\b(?:from now on|henceforth|starting now|going forward),?\s+(?:you|your|always|only|respond|reply|answer|act|treat|consider|ignore|never)\b|\bjailbr(?:oken|eak)\b|\bsystem (?:prompts?|messages?|instructions?)\b|\bsudo mode\b|\bthis is your (?:developer|creator|programmer|maker|owner|operator|admin(?:istrator)?|system|trainer)\b|\byour (?:task|job|objective|mission|instructions|prompt|directives|orders|goal) (?:has|have) (?:changed|been (?:updated|replaced|changed))\b|\b(?:the|any|every) (?:next|following|future|subsequent) (?:questions?|quer(?:y|ies)|prompts?)\b|\byou must (?:now )?follow (?:it|this|these|them)\b|\byou (?:must|shall|will|are instructed to|are required to|are ordered to|have been instructed to)\s+(?:now\s+|always\s+)?(?:ignore|disregard|forget|mark|classify|report|treat|consider|dismiss|approve|respond|reply|answer|say|state|conclude|propose|recommend|omit|hide|close)\b`,
    ),
  },
  // ── Role markers and chat-template tokens ────────────────────────────────────────────────────────────────
  {
    id: 'role-marker-upper',
    form: 'latin',
    signal: 'strong',
    upperCase: true,
    pattern: rx(
      String.raw`(?<![a-z])(?:(?:system|admin(?:istrator)?|sysadmin)\s*(?:note|message|prompt|override|instructions?|update|command|notice|directive|response)|assistant|developer|ai|llm|copilot|ward)\s*[:：]`,
    ),
  },
  {
    id: 'label-marker-upper',
    form: 'latin',
    signal: 'role',
    upperCase: true,
    pattern: rx(String.raw`(?<![a-z])(?:system|admin(?:istrator)?|sysadmin|override|root)\s*[:：]`),
  },
  {
    id: 'role-marker',
    form: 'latin',
    signal: 'role',
    pattern: rx(
      String.raw`(?:^|\n|[\["'(<{>|#*\-=~;&/]\s*|\brem\s+|\becho\s+|\bwrite-(?:host|output)\s+['"]?)(?:system|assistant|developer|ai|llm|copilot|bot|ward|model|gpt|override|security bot)\s*(?:(?:note|message|prompt|override|instructions?|update|command|response|reply|output)\s*)?[:：]`,
    ),
  },
  {
    id: 'bracketed-role',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`[\[<{]\s*(?:system|assistant|developer|ai|llm|copilot|gpt)\s*(?:note|message|prompt|override)?\s*[:：]`,
    ),
  },
  {
    id: 'chat-template-token',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`(?:\[|<\|?|<<|\{\{)\s*/?\s*(?:system|assistant|developer|sys|inst|instructions?|im_start|im_end|im_sep|endoftext|tool_?calls?|tool_?results?|tool_?outputs?|tool_?use|function_?calls?|function_?results?|system_?prompt|end_?of_?turn|start_of_turn|begin_of_text|eot_id|start_header_id|end_header_id|channel|message)\s*(?:\|?>|\]|>>|\}\})`,
    ),
  },
  {
    id: 'markdown-role-heading',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`#{2,}\s*(?:system|instructions?|new instructions?|assistant|developer|system prompt|override|admin instructions?|response)\b`,
    ),
  },
  {
    id: 'json-role',
    form: 'plain',
    signal: 'strong',
    pattern: rx(String.raw`"role"\s*:\s*"(?:system|assistant|developer|tool)"`),
  },
  // ── Breaking out of the data ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'closing-tag',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`<\/\s*(?:data|context|document|documents|tool_?output|tool_?result|function_?results?|untrusted[a-z_]*|user_?data|user_?input|input|source|sources|record|records|json|output|search_?results|results|content|instructions?|system|prompt|observation|tenant_?data)\s*>`,
    ),
  },
  {
    id: 'end-of-data-upper',
    form: 'latin',
    signal: 'strong',
    upperCase: true,
    pattern: rx(
      String.raw`\bend of (?:the )?(?:data|context|document|input|record|tool output|tool result|untrusted|user|text|field|ticket|alert|e-?mail|comment|content|search results|source|output|instructions)\b`,
    ),
  },
  {
    id: 'data-delimiter',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`(?:-{3,}|={3,}|#{2,}|\*{3,}|\[|<|\|)\s*(?:end|begin|start)\s+(?:of\s+)?(?:the\s+)?(?:new\s+|system\s+|trusted\s+|admin\s+|hidden\s+|real\s+|untrusted\s+|user\s+|tool\s+)?(?:data|context|document|input|record|tool output|tool result|untrusted(?: data| content| input)?|user (?:data|input)|text|field|ticket|alert|comment|content|instructions|prompt|system prompt|system message|output|source)\b`,
    ),
  },
  {
    id: 'html-comment-to-ai',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`<!--[^>]{0,300}?(?:\bai\b|assistant|\bllm|\bmodel\b|\bbot\b|ignore|instruction|system|prompt|\byou\b|copilot)`,
    ),
  },
  // ── Tool calls ───────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'ward-action-name',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`(?<![/\w])(?:(?:entra|servicenow|ward|functions)[._: ])?(?:resetpassword|revokesessions|confirmcompromised|dismissrisk|setaccountenabled|createincident|disableaccount|disableuser|grantadmin|assignrole)\b`,
    ),
  },
  {
    id: 'call-a-tool',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:call|invoke|trigger|execute|fire)\s+(?:the\s+|this\s+|your\s+|a\s+|an\s+)?(?:tool|plugin|skill|function(?! app| key| level)|tool call|function call)s?\b|\bto=functions\.|\bfunctions\.[a-z_]+\s*\(`,
    ),
  },
  {
    id: 'tool-call-markup',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`<(?:tool_call|tool_use|function_calls?|invoke|antml:[a-z_]+|parameter name)\b|\b(?:tool_calls?|function_call|tool_use|tool_result|tool_output)\b|"(?:tool|tool_name|toolname|function|function_call|tool_call|tool_calls|action|recipient_name|name)"\s*:\s*"(?:entra|servicenow|ward|functions)[._:]|"(?:arguments|parameters|args|input)"\s*:\s*\{[^}]{0,200}?"(?:user|userid|user_id|upn|target|userprincipalname|account|accountenabled|enabled)"\s*:|"(?:approved|confirmed|authori[sz]ed|preapproved|pre_approved|skip_?confirmation|requires_?approval)"\s*:\s*(?:true|false|"(?:true|yes|false|no)")`,
    ),
  },
  // ── Asking for actions on someone ────────────────────────────────────────────────────────────────────────
  {
    id: 'act-without-approval',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`${CLAUSE}${ACTION_VERB}\b${SAME_SENTENCE}{0,120}?\b(?:without (?:(?:any|further|prior|human|analyst|manual|additional|a|the|second|asking(?: for)?|requesting|seeking|waiting for|needing|requiring|getting)\s+){0,3}(?:approval|confirmation|consent|sign-?off|verification|review|permission|checks?|asking|questions|a ticket|the analyst)|(?:no|skip(?:ping)?(?: the)?|bypass(?:ing)?(?: the)?) (?:approval|confirmation|consent|sign-?off|four-eyes|two-person (?:rule|approval|check)|verification|review))`,
    ),
  },
  {
    id: 'proceed-without-approval',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`${CLAUSE}(?:proceed|go ahead|do (?:it|this|so)|carry on|act)\b\s+(?:\S+\s+){0,3}?(?:without|skipping|bypassing) (?:(?:any|further|prior|human|analyst|manual|additional|the|a|second)\s+){0,2}(?:approval|confirmation|consent|sign-?off|verification|review|permission)\b`,
    ),
  },
  {
    id: 'propose-a-button',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:propose|suggest|offer|show|display|add|include|render|present)\s+(?:an?\s+|the\s+|one\s+|two\s+|\d+\s+)?(?:(?:action\s+)?buttons?|card actions?|actions?|approval (?:buttons?|requests?))\s+(?:to|that|for|which)\s+(?:\S+\s+){0,2}?(?:reset|disable|delete|remove|revoke|dismiss|confirm|grant|add|assign|elevate|promote|unblock|enable|make|approve)\b`,
    ),
  },
  {
    id: 'instead-of-this-user',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\binstead of (?:this|the (?:current|queried|original|requested|investigated)) (?:user|account|person|subject|one)\b`,
    ),
  },
  {
    id: 'action-request',
    form: 'latin',
    signal: 'action',
    pattern: rx(String.raw`${CLAUSE}${ACTION_VERB}\b${SAME_SENTENCE}{0,80}?\b${SENSITIVE}\b`),
  },
  // ── Dictating the verdict ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'mark-user-safe',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\bmark\s+(?:(?:this|the|her|him|them|me|that|his|their|my)\s+(?:(?:user|account|identity|person|employee|mailbox|sign-?in|login|logon|activity|profile)\s+)?|(?:user|account|identity|sign-?in|login|logon)\s+)(?:as\s+)?(?:safe|benign|trusted|legitimate|clean|not compromised|uncompromised|low risk|no risk|harmless|verified)\b`,
    ),
    unless: rx(String.raw`\bmark\s+(?:the|this|that)\s+(?:as\s+)?(?:safe|verified)\b`),
  },
  {
    id: 'mark-user-safe-squashed',
    form: 'squashed',
    signal: 'strong',
    pattern: rx(`markthis(?:user|account)(?:as)?(?:safe|benign|trusted|legitimate)`),
  },
  {
    id: 'dictate-conclusion',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`${CLAUSE}(?:conclude|state|report|say|answer|respond|write|reply|output|assert|tell (?:the |any |your )?${READER}|tell (?:the )?(?:soc|security team))\s+(?:that\s+)?(?:the\s+|this\s+)?(?:user|account|device|host|machine|laptop|file|process|ip|traffic|sign-?ins?|logins?|activity|alerts?|incidents?|she|he|they|it|everything|all|there)\b(?:\s+\S+){0,2}?\s+(?:is|was|are|were|has been|have been)\s+(?:${VERDICT}|nothing (?:to|worth) (?:investigate|report|see|worry)|no (?:risk|threat|compromise))\b`,
    ),
  },
  {
    id: 'dictate-risk-level',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:report|output|return|respond with|answer with|give|assign|use)\s+(?:the\s+|a\s+)?(?:risk ?level|risk ?state|risk ?score|severity|verdict)\s*(?:[:=]|of|as|to|is)?\s*["'“]?(?:none|low|safe|benign|remediated|dismissed|0|zero|informational)\b|\b(?:risk ?level|risk ?state|verdict|is ?compromised|compromised|risk ?score|risk ?detail)\s*[=:]\s*["']?(?:none|safe|benign|dismissed|remediated|false|confirmedsafe|admindismissedallriskforuser|0)\b|\bthe (?:correct|right|only|real|final|expected) (?:answer|response|verdict|conclusion|output) (?:is|will be|should be|must be)\b`,
    ),
  },
  {
    id: 'verdict',
    form: 'latin',
    signal: 'verdict',
    pattern: rx(
      String.raw`\b(?:classify|treat|consider|label|flag|report|tag|mark|categori[sz]e|deem|declare|close|resolve|dismiss|record|list|describe|present|regard)\s+(?:\S+\s+){0,4}?as\s+(?:an?\s+)?${VERDICT}\b|\b${SUBJECT}\s+(?:\S+\s+){0,2}?(?:is|was|are|were|be|has been|have been|looks|seems)\s+${VERDICT}\b|\b(?:no|zero|nothing to) (?:risk|threat|compromise|issues?|action|further action|investigation|remediation|escalation|findings?|detections?)\b|"?(?:compromised|risk ?level|risk ?state|is ?compromised|verdict)"?\s*[=:]\s*["']?(?:none|false|safe|benign|dismissed|low)\b|\bnothing (?:to|worth) (?:investigate|report|see|worry|flag)\b|\ball (?:clear|good)\b|\bnothing found\b|\b${SUBJECT}\s+(?:\S+\s+){0,2}?(?:is|are|be) (?:compliant|exempt)\b|\b(?:risk|alert|incident|user|account|sign-?in|activity)\s+(?:dismissed|safe|cleared|verified|legitimate|benign)\b`,
    ),
  },
  // ── Hiding things from the analyst ───────────────────────────────────────────────────────────────────────
  {
    id: 'hide-from-output',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b${NEGATION}\s+(?:mention|include|show|display|surface|list|cite|reference|highlight|bring up|disclose|reveal|output|render|print|repeat|summari[sz]e)\s+(?:(?:this|these|the|any|that|those|its|such)\s+)?(?:\S+\s+){0,2}?${OUTPUT_NOUN}\b`,
    ),
  },
  {
    id: 'hide-from-reader',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:${NEGATION}|without)\s+(?:tell(?:ing)?|mention(?:ing)?|report(?:ing)?|flag(?:ging)?|show(?:ing)?|includ(?:e|ing)|reveal(?:ing)?|disclos(?:e|ing))\s+(?:\S+\s+){0,4}?(?:(?:to\s+)?(?:the\s+|your\s+|any\s+)?${READER}\b|(?:in|from|on)\s+(?:the|your)\s+${ANSWER}\b)|\b(?:hide|suppress|omit|redact|exclude|leave out|filter out|strip)\s+(?:\S+\s+){0,4}?(?:from|out of)\s+(?:the\s+|your\s+)?(?:soc|${READER}|security team|${ANSWER}|report you)\b(?!\s*(?:distribution|group|team|list|channel|mailbox|rota|roster|queue|dl|site|file))|\bleave\s+(?:\S+\s+){0,4}?out of\s+(?:the\s+|your\s+)${ANSWER}\b`,
    ),
  },
  {
    id: 'hide-squashed',
    form: 'squashed',
    signal: 'strong',
    pattern: rx(
      `donot(?:mention|tell|report|show|include)(?:this|the|any)(?:alert|detection|signin|analyst|risk)`,
    ),
  },
  {
    id: 'suppress',
    form: 'latin',
    signal: 'suppress',
    pattern: rx(
      String.raw`\b${NEGATION}\s+(?:tell(?:ing)?|mention(?:ing)?|report(?:ing)?|flag(?:ging)?|show(?:ing)?|includ(?:e|ing)|reveal(?:ing)?|display(?:ing)?|list(?:ing)?|disclos(?:e|ing)|surfac(?:e|ing)|rais(?:e|ing)|escalat(?:e|ing)|alert(?:ing)?|notify(?:ing)?|highlight(?:ing)?|investigat(?:e|ing)|look(?:ing)? (?:at|into)|propos(?:e|ing)|recommend(?:ing)?|suggest(?:ing)?)\b|\b(?:hide|suppress|omit|redact|skip|ignore|leave out|exclude|drop|filter out)\s+(?:this|these|the|any|all|that)\s+(?:\S+\s+)?(?:users?|accounts?|alerts?|detections?|sign-?ins?|logins?|risks?|findings?|activit(?:y|ies)|events?|evidence|entr(?:y|ies)|incidents?|warnings?|logs?|anomal(?:y|ies))\b|\bignore (?:the |any |all |this )?(?:risks?|detections?|alerts?|findings?|warnings?)\b|\bsay nothing\b|\bkeep (?:this|it) (?:quiet|secret|hidden|confidential)\b`,
    ),
  },
  // ── Addressing the answer ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'about-the-answer',
    form: 'latin',
    signal: 'answer',
    pattern: rx(
      String.raw`\bin (?:your (?:${ANSWER}|report)|the (?:final answer|card))\b|\b(?:your|the ai'?s|the assistant'?s) (?:${ANSWER}|report) (?:must|should|shall|will|has to|needs to|is to)\b|\b(?:tell|inform|assure|reassure|convince|advise|let) (?:the )?${READER}\b|\b(?:before|when|while|after) (?:you )?(?:answer(?:ing)?|respond(?:ing)?|reply(?:ing)?|summari[sz](?:e|ing)|writ(?:e|ing) (?:the|your) (?:answer|summary|report))\b|\b(?:answer|respond|reply|output)\s+(?:only\s+)?in (?:json|yaml|xml|this format|the following format)\b|\b(?:this|the|our) (?:conversation|chat history|chat log)\b|\b(?:summar(?:y|ies)|answers?|responses?|reports?|analys[ie]s|outputs?|verdicts?) (?:of|about|for|on) (?:this|these|the following)\s+(?:\S+\s+)?(?:should|must|shall|will|need to|has to|have to)\b|\bregardless of (?:the |what the )?(?:data|evidence|findings|results|detections|logs)\b|${CLAUSE}(?:output|print|dump|enumerate|reveal|show me|give me)\s+(?:the |a |all |every |everything|only |your )|\b(?:respond|reply|answer|say|output|write|print)\s+(?:only\s+|just\s+|exactly\s+|simply\s+|always\s+)?(?:with\s+|by saying\s+)?["'“‘]|\b(?:respond|reply|answer)\s+(?:only\s+|just\s+|exactly\s+|simply\s+|always\s+)?(?:with|by saying)\s+(?:["'“‘]|the (?:word|phrase|text|following|sentence)|exactly|only|nothing|ok\b|yes\b|no\b|safe\b|benign\b|all clear|no risk)`,
    ),
  },
  // ── Exfiltration ─────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'markdown-image',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`!\[[^\]\n]{0,200}\]\(\s*(?:https?:)?\/\/|\]\(\s*https?:\/\/[^)\s]{0,300}?(?:\{\{|\$\{|\{[a-z_]+\}|%7b)|<img\b[^>]{0,300}?\bsrc\s*=[^>]{0,300}?(?:\{\{|\$\{|\{[a-z_]+\}|"\s*\+|'\s*\+|\[(?:password|token|secret|data|summary)\])`,
    ),
  },
  {
    id: 'send-secrets',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:send|e-?mail|mail|post|forward|upload|transmit|exfiltrate|leak|share|copy|paste|append|submit|deliver|text|sms|dm|message|include|embed|encode|put)\s+(?:\S+\s+){0,6}?(?:passwords?|credentials?|secrets?|tokens?|api[ -]?keys?|session cookies?|cookies|mfa codes?|otps?|one-?time (?:codes?|passwords?)|recovery codes?|hash(?:es)?|system prompt|instructions|phone numbers?|mfa methods?|personal data|user data|all (?:the )?data|tenant data)\b${words(8)}\s+(?:to|into|in|at|via|through)\s+(?:\S+\s+){0,3}?(?:https?:\/\/|www\.|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}|webhook|the (?:following )?(?:url|link|image|endpoint|server)|this (?:url|link|address|endpoint|server)|every (?:link|url)|a (?:link|url))|\b(?:send|post|forward|upload|transmit|exfiltrate|leak|share|copy|paste|append|submit)\s+(?:\S+\s+){0,6}?(?:conversation|chat(?: history)?|question|context|prompt|messages)\b${words(8)}\s+(?:to|into|at|via)\s+(?:\S+\s+){0,3}?(?:https?:\/\/|www\.|webhook)`,
    ),
  },
  {
    id: 'reveal-prompt',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`${CLAUSE}(?:reveal|print|show|repeat|output|leak|display|dump|disclose|share|tell me|recite|list|write out)\s+(?:\S+\s+){0,3}?(?:system prompt|initial (?:prompt|instructions)|hidden instructions|instructions above|your (?:instructions|prompt|rules|guidelines|system message|configuration)|original instructions|developer (?:message|instructions)|previous messages)\b`,
    ),
  },
  // ── Decode-and-obey ──────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'decode-and-obey',
    form: 'latin',
    signal: 'strong',
    pattern: rx(
      String.raw`\b(?:decode|decipher|deobfuscate|unscramble|base64[- ]?decode|rot-?13|reverse|read)\b${words(8)}\s*(?:\s(?:and|then)\s+|,\s*)(?:follow(?! up)|obey|execute|comply|act on|carry out|do (?:what|as) it says|run (?:the|those|these) instructions|apply)\b`,
    ),
  },
  // ── Other languages ──────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'override-es-pt-it',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`${L}(?:ignora|ignore|ignoren|ignorar|ignorate|ignorem|olvida|olvide|olviden|olvidar|descarta|descarte|omite|omita|desobedece|desatiende|haz caso omiso (?:a|de)|dimentica|dimenticate|trascura|trascurate|non seguire|esqueca|esquece|esquecam|desconsidere|desconsidera|despreze)${R}${words(4)}\s+(?:instrucciones|instruccion|indicaciones|reglas|ordenes|directrices|directivas|consignas|istruzioni|regole|indicazioni|direttive|instrucoes|instrucao|regras|orientacoes|diretrizes|comandos|ordens)${R}`,
    ),
    unless: rx(`${L}(?:mi|mis|nuestr[ao]s?|mie|miei|mia|meu|meus|minhas?)${R}`),
    unlessAfter: rx(String.raw`^\s*(?:de|del|en|da|do|nel|nella|no|na) (?:mi|mis|el|los|mio|meu|minha) `),
  },
  {
    id: 'override-de-fr-nl-pl',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`${L}(?:ignoriere|ignorieren sie|ignorier|ignoriert|vergiss|vergesst|vergessen sie|missachte|missachten sie|uberschreibe|verwirf|ignorez|ignorer|oublie|oubliez|oublier|neglige|negligez|ne tiens pas compte des?|ne tenez pas compte des?|fais abstraction des?|faites abstraction des?|negeer|negeert|vergeet|zignoruj|zignorujcie|ignoruj|ignorujcie|zapomnij|pomin)${R}${words(4)}\s+(?:anweisungen|anweisung|instruktionen|befehle|regeln|vorgaben|richtlinien|anordnungen|prompts?|systemanweisungen|instructions|consignes|regles|directives|ordres|indications|instructies|aanwijzingen|opdrachten|richtlijnen|instrukcje|instrukcji|polecenia|polecen|zasady|regul|wytyczne)${R}`,
    ),
    unless: rx(`${L}(?:meine|meinen|meiner|unsere|mes|mon|ma|nos|notre|mijn|onze|moje|moich)${R}`),
  },
  {
    id: 'override-fr-ignore',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`${L}ignore${R}\s+(?:toutes\s+)?(?:les|tes|vos)\s+(?:\S+\s+)?(?:instructions|consignes|regles|directives)${R}`,
    ),
  },
  {
    id: 'override-tr-ru',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`${L}(?:talimat\S*|komut\S*|kural\S*|yonerge\S*)${words(3)}\s+(?:yok say\S*|gormezden gel\S*|unut\S*|dikkate alma\S*)|${L}(?:игнориру\S*|проигнориру\S*|игнорь\S*|забудь\S*|забудьте|не обращаи\S* внимани\S* на|отбрось\S*|не следуи\S*)${words(4)}\s+(?:инструкци\S*|указани\S*|правил\S*|команд\S*|промпт\S*|директив\S*)`,
    ),
  },
  {
    id: 'override-cjk-ar-hi',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`(?:忽略|无视|忽视|无需理会|不要理会|不理会|忘记|忘掉|丢弃|無視|忽視|忘記|不要遵守|不用遵守)[^。！？!?\n]{0,12}?(?:指令|指示|命令|规则|規則|系统提示|系統提示|设定|設定|提示词|提示詞)|(?:指示|命令|ルール|プロンプト|指令)[^。\n]{0,10}?(?:無視|忘れ)|(?:지시|지침|명령|규칙|프롬프트)[^.\n]{0,10}?(?:무시|잊)|(?:تجاهل|تجاهلي|تجاهلوا|انس|انسى|إنس)[^.\n]{0,30}?(?:التعليمات|تعليمات|الأوامر|الاوامر|أوامر|القواعد|قواعد)|(?:निर्देश)[^।\n]{0,16}?(?:अनदेखा|भूल)`,
    ),
  },
  {
    id: 'identity-other-languages',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`${L}(?:a partir de ahora|desde ahora|de ahora en adelante),?\s+(?:eres|seras|actua|actuaras|responde|responderas|debes|ignora)${R}|${L}ahora eres (?:un |una |el |la )?(?:asistente|ia|modelo|bot|chatbot)${R}|${L}du bist (?:jetzt|nun|ab sofort|ab jetzt|von nun an) (?:ein |eine |der |die )?(?:\S+\s+)?(?:assistent\S*|ki|bot|modell|sprachmodell|chatbot)${R}|${L}ab (?:jetzt|sofort),?\s+(?:bist du|antworte|antwortest du|musst du|ignoriere|handelst du)${R}|${L}(?:ты теперь|теперь ты|отныне ты)\s+(?:\S+\s+){0,2}?(?:ассистент\S*|помощник\S*|бот\S*|модел\S*|администратор\S*|систем\S*|ии)${R}|(?:你现在是|你現在是|现在你是|現在你是)[^。！？\n]{0,8}?(?:助手|助理|ai|人工智能|模型|机器人|機器人|管理员|管理員|系统|系統)`,
    ),
  },
  {
    id: 'address-ai-other-languages',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`${L}(?:como|eres|siendo)\s+(?:una?\s+)?(?:ia|inteligencia artificial|asistente de ia|modelo de lenguaje|chatbot)${R}|${L}(?:querid[oa]|hola|atencion|nota para (?:la|el)|mensaje para (?:la|el))\s+(?:ia|inteligencia artificial|asistente|modelo|bot|chatbot|copilot)${R}|${L}(?:als|du bist (?:eine?|ein))\s+(?:ki|kunstliche intelligenz|ki-assistent\S*|sprachmodell|chatbot)${R}|${L}(?:liebe[rs]?|hallo|hey|achtung|hinweis an|nachricht an)\s+(?:die |den |das )?(?:ki|kunstliche intelligenz|assistent\S*|ki-assistent\S*|sprachmodell|bot|chatbot|copilot)${R}|${L}(?:en tant qu'|en tant que|tu es une?|vous etes une?)\s*(?:ia|intelligence artificielle|assistant(?:e)? (?:ia|virtuel\S*)|modele de langage|chatbot)${R}|${L}(?:cher|chere|bonjour|salut|attention|note (?:a|pour) l'|message (?:a|pour) l')\s*(?:ia|intelligence artificielle|assistant\S*|modele|bot|chatbot|copilot)${R}`,
    ),
  },
  {
    id: 'hide-or-verdict-other-languages',
    form: 'plain',
    signal: 'strong',
    pattern: rx(
      String.raw`${L}no (?:menciones|mencione|muestres|muestre|incluyas|incluya|reportes|reporte) (?:esta|este|estas|estos|la|el|las|los|ningun[ao]?) (?:\S+\s+){0,2}?(?:alertas?|detecci\S*|inicios? de sesion|riesgos?|hallazgos?|instrucci\S*|conexion\S*|incidentes?)|${L}marca(?:r)?\s+(?:a\s+)?(?:este|esta|el|la|al)\s+(?:usuari[oa]|cuenta|alerta|incidente|inicio de sesion)\s+como\s+(?:segur[oa]|benign[oa]|legitim[oa]|falso positivo|confiable)${R}|${L}ne (?:mentionne|mentionnez|montre|montrez|signale|signalez|inclus|incluez|rapporte|rapportez)\s+(?:pas|jamais|rien)\s+(?:de |d')?(?:cette|cet|ce|ces|la|le|les|l'|aucune?)\s*(?:\S+\s+){0,2}?(?:alertes?|detections?|connexions?|risques?|incidents?|instructions?|activites?|evenements?)${R}|${L}(?:erwahne|nenne|melde|zeige)\s+(?:\S+\s+){0,3}?(?:warnung|alarm|anmeldung|risiko|vorfall|meldung)\S*\s+nicht${R}|${L}oznacz\S*\s+(?:\S+\s+){0,2}?jako\s+bezpieczn\S*|${L}(?:isaretle|işaretle)\S*|${L}markeer\s+(?:\S+\s+){0,2}?als\s+veilig${R}|${L}отмет\S*\s+(?:\S+\s+){0,2}?как\s+безопасн\S*|${L}не (?:упомина\S*|сообща\S*|показыва\S*|включа\S*|отмеча\S*|говори\S*)\s+(?:\S+\s+){0,2}?(?:вход\S*|оповещени\S*|предупреждени\S*|алерт\S*|инцидент\S*|риск\S*|обнаружени\S*|активност\S*)|(?:不要|别|別|请勿|請勿|切勿|无需|無需|不得)(?:提及|提到|报告|報告|告诉|告訴|显示|顯示|透露|上报|上報|标记|標記)[^。！？\n]{0,6}?(?:警报|警報|告警|警告|登录|登錄|登入|风险|風險|事件|检测|檢測|指令)|(?:标记|標記|标为|標為)[^。！？\n]{0,4}?(?:安全|良性|误报|誤報|正常)|(?:安全|問題なし)と(?:マーク|報告|判断)|안전(?:으로|하다고) (?:표시|보고|분류)`,
    ),
  },
];

/** How many matches of one rule are checked against its exceptions before the rule gives up on a text. */
const MAX_MATCHES_PER_RULE = 16;
const LOWER_CASE = /\p{Ll}/u;
const REACHES_READER: ReadonlySet<InjectionSignal> = new Set(['answer', 'ai', 'role', 'override']);

/** The first place `rule` matches in `folded` (honouring its exceptions), as an index into the source. */
function firstMatch(rule: InjectionRule, folded: FoldedText, source: string): number | undefined {
  const { pattern } = rule;
  pattern.lastIndex = 0;
  for (let checked = 0; checked < MAX_MATCHES_PER_RULE; checked++) {
    const match = pattern.exec(folded.text);
    if (match === null) break;
    // An empty match would not move on: step past it.
    if (match[0] === '') pattern.lastIndex++;
    const end = match.index + match[0].length;
    if (rule.unless) {
      rule.unless.lastIndex = 0;
      if (rule.unless.test(match[0])) continue;
    }
    if (rule.unlessAfter) {
      rule.unlessAfter.lastIndex = 0;
      if (rule.unlessAfter.test(folded.text.slice(end, end + 60))) continue;
    }
    // Where the match starts in the source: past a leading delimiter the pattern had to consume.
    const leading = match[0].length - match[0].trimStart().length;
    const from = folded.origin[match.index + leading] ?? 0;
    if (rule.upperCase) {
      const to = (folded.origin[end - 1] ?? from) + 1;
      if (LOWER_CASE.test(source.slice(from, to))) continue;
    }
    return from;
  }
  return undefined;
}

/**
 * Whether folded text reads as instructions aimed at an AI: the first strong rule that matches, or the earliest
 * of two weak signals of different kinds, one of which reaches the reader. `undefined` when it does not.
 */
export function matchInjectionRules(forms: FoldedForms, source: string): InjectionMatch | undefined {
  const weak = new Map<InjectionSignal, InjectionMatch>();
  for (const rule of INJECTION_RULES) {
    if (rule.signal !== 'strong' && weak.has(rule.signal)) continue;
    const texts =
      rule.form === 'latin'
        ? [forms.latin, ...(forms.latinL ? [forms.latinL] : [])]
        : [rule.form === 'plain' ? forms.plain : forms.squashed];
    for (const folded of texts) {
      const at = firstMatch(rule, folded, source);
      if (at === undefined) continue;
      const match = { rule: rule.id, signal: rule.signal, at };
      if (rule.signal === 'strong') return match;
      weak.set(rule.signal, match);
      break;
    }
  }
  const signals = [...weak.keys()];
  // A mention of an AI only counts with a verdict or a gag: tickets about Copilot licences ask for actions.
  const addressed = signals.filter((signal) => signal !== 'mention');
  const paired =
    (addressed.length >= 2 && addressed.some((signal) => REACHES_READER.has(signal))) ||
    (weak.has('mention') && (weak.has('verdict') || weak.has('suppress')));
  if (!paired) return undefined;
  const matches = [...weak.values()].sort((a, b) => a.at - b.at);
  return { ...matches[0]!, rule: matches.map((match) => match.rule).join('+') };
}
