/**
 * Words that are never a person's name in a question to Ward: English function words, question and chat words,
 * SOC and IT vocabulary, product names, query-language keywords and the words prompt injections are made of,
 * plus every intent keyword (and its common typos). Entity extraction uses this one list to keep "show risky
 * users" or "ignore previous instructions" from turning into names to look up in the directory.
 * The list is deliberately generous: a missed name costs a follow-up question, a bogus name costs a directory
 * lookup and a confusing answer. It never decides what IS a name.
 */
import { keywordForm, matchIntentKeyword } from '../planner/intent-keywords.js';

const FUNCTION_WORDS = `
a an the and or but nor so yet if then than that this these those there here is am are was were be been being
do does did done doing have has had having will would shall should can could may might must ought
i me my mine myself we us our ours ourselves you your yours yourself he him his she her hers it its itself
they them their theirs what which who whom whose when where why how whether
all any some none no not each every both either neither few many much more most less least other others
another such same own only just also too very really quite even else
about above across after against along among around as at before behind below beneath beside besides between
beyond by down during except for from in inside into like near of off on onto out outside over past per since
through throughout till to toward towards under until up upon via with within without
again already always ever never now often once soon still sometimes
today tonight yesterday tomorrow week weeks weekend month months day days hour hours minute minutes year years
time times ago last next recent recently latest current currently earlier later lately overnight
monday tuesday wednesday thursday friday saturday sunday
january february march july september october november december
please pls plz thanks thank thx ok okay yes yeah yep yup no nope sure hey hi hello hiya howdy yo lol
morning afternoon evening night greetings cheers welcome sorry
etc eg ie vs versus re fyi asap urgent urgently quick quickly immediately right away
maybe perhaps probably possibly actually basically
something anything everything nothing someone anyone everyone somebody anybody nobody noone
thing things stuff way ways lot lots bit kind sort type one ones two three four five ten hundred
first second third new old same different good bad better worse best worst fine great
big small large high higher highest low lower lowest medium critical severe important
top bottom full whole entire total overall
got get gets getting give gives given giving go goes going gone went come comes came coming
make makes made making take takes took taken taking know knows knew known think thinks thought
see sees saw seen seeing look looks looked looking seem seems seemed
tell tells told telling say says said saying ask asks asked asking want wants wanted need needs needed
let lets use uses used using find finds found finding try tries tried trying keep keeps kept
work works worked working start started stop stopped happen happens happened happening
sign signs signed log logs logged ins non
im ive id ill youre youve youd youll hes shes were theyre theyve weve wed
dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt shouldnt havent hasnt hadnt aint
thats whats whos wheres whens whys hows theres heres
`;

const REQUEST_WORDS = `
involved involving involve related relating regarding concerning affected affecting impacted impacting
targeted targeting clicked clicking click opened opening received receiving sent sending send downloaded
downloading download uploaded ran running executed visited visiting reported reporting accessed accessing
connected connecting changed changing created creating deleted deleting added adding removed removing
tried failed failing succeeded successful unsuccessful attempted attempts attempt seen noticed detected
ping pinged pinging ref reference meeting meetings call calls chat chats note notes question questions problem
problems issue issues error errors request requests ticket thanks
help show shows shown showing list lists listing check checks checked checking verify confirm review
lookup search query run pull fetch display explain describe summarise summarize summarised summarized
summary summaries report reports details detail info information overview update updates status state
investigate investigation investigating analyse analyze analysis triage assess assessment
give tell compare find get
`;

const SECURITY_WORDS = `
user users account accounts identity identities person people employee employees staff member members
guest guests external admin admins administrator administrators global privileged service principal
app apps application applications tenant org organisation organization company team teams group groups
department departments finance hr it marketing sales retail legal engineering operations security
executive executives ceo cfo cto ciso vip vips soc analyst analysts manager managers director
device devices laptop laptops computer computers pc pcs machine machines endpoint endpoints
workstation workstations server servers host hosts phone phones mobile tablet
email emails mail mails message messages link links attachment attachments
phishing phish phished spam malware ransomware virus viruses trojan botnet attack attacks attacker attackers
threat threats actor actors campaign campaigns exploit exploits exploited vulnerability vulnerabilities vuln
vulns vulnerable patch patches patched exposure exposed posture score secure insecure
alert alerts incident incidents ticket tickets case cases event events log logs audit activity activities
location locations country countries travel impossible unfamiliar unusual anomalous anomaly anomalies
suspicious malicious benign true false positive positives negative
compromised compromise compromises compromising hacked hack hacker hackers breached breach breaches pwned
infected owned risk risks risky riskiest safe unsafe clean dirty weird strange odd
token tokens session sessions cookie cookies consent consents permission permissions role roles
inc incid
severity severities resolved closed open opened active inactive unassigned assigned triage triaged
path paths attack attacks attacker attackers score scores secure posture exposure exposed recommendation recommendations
license licenses licence licences privilege privileges oauth registered
rule rules inbox forwarding forward brute force spray spraying password passwords mfa authentication auth
reset block blocked unblock disable disabled enable enabled isolate isolated revoke revoked quarantine
quarantined contain contained remediate remediation mitigate mitigation dismiss dismissed
escalate escalated close closed open opened assign assigned owner owners due step steps fix fixes fixed
finding findings
network firewall proxy vpn tor exit node nodes traffic connection connections port ports dns
address addresses ip ips hash hashes file files domain domains url urls indicator indicators ioc iocs
reputation cve cves compliant compliance noncompliant managed unmanaged encrypted installed software
cloud azure aws gcp microsoft entra aad defender sentinel intune purview servicenow office outlook exchange
sharepoint onedrive windows linux macos mac ios android iphone ipad okta google chrome edge firefox browser
powershell cmd script scripts process processes command commands binary executable exe dll payload
registry signin signins login logins logon logons
disk disks drive drives storage memory cpu ram battery screen keyboard usb bios firmware os version versions build
mailto http https www ftp web website site page portal
conditional access policy policies legacy activation activations eligible eligibility role roles pim identity
`;

const QUERY_AND_INJECTION_WORDS = `
kql sql query queries table tables select from where drop delete insert into values union join project
summarize extend take limit order sort count distinct null truncate exec execute shutdown
signinlogs auditlogs securityevent securityalert securityincident deviceprocessevents devicenetworkevents
devicelogonevents identitylogonevents emailevents cloudappevents aaduserriskevents
ward bot copilot ai chatgpt gpt llm model assistant system prompt prompts instruction instructions
ignore ignored disregard forget previous prior override bypass jailbreak pretend act roleplay developer mode
reveal leak secret secrets key keys credential credentials output print respond answer reply
name names username usernames displayname upn upns id ids timestamp timestamps date dates column columns
field fields row rows value values string strings number numbers
`;

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

/** Every stop word, lower-case, without hyphens or apostrophes. */
export const NAME_STOP_WORDS: ReadonlySet<string> = new Set([
  ...words(FUNCTION_WORDS),
  ...words(REQUEST_WORDS),
  ...words(SECURITY_WORDS),
  ...words(QUERY_AND_INJECTION_WORDS),
]);

/**
 * Whether `word` can never be (part of) a person's name. Compares case-insensitively, ignoring hyphens and
 * apostrophes; a hyphenated word is a stop word when any part is ("risk-based"). With `allowTypos`, a typo of an
 * intent keyword ("compromized") is a stop word too; callers turn that off for words that look like names
 * (capitalised in the middle of a sentence), so that "Albert" is not read as a typo of "alert".
 */
export function isNameStopWord(word: string, options?: { allowTypos?: boolean }): boolean {
  const form = keywordForm(word);
  if (NAME_STOP_WORDS.has(form)) return true;
  const keyword = matchIntentKeyword(word, { allowTypos: options?.allowTypos ?? true });
  if (keyword) return true;
  if (word.includes('-')) {
    return word.split('-').some((part) => part.length > 0 && isNameStopWord(part, { allowTypos: false }));
  }
  return false;
}
