/**
 * Removes secrets from text before it is shown on a card, stored, or logged: bearer tokens and JWTs, password
 * and key assignments, connection strings, private keys, cloud access keys. Tenant data (an alert's command
 * line, a ticket comment) can carry them; Ward must never repeat one.
 * Every pattern starts at a fixed prefix or scans a bounded run, so hostile text cannot make it take more than
 * linear time. A value already replaced by a `[redacted …]` marker is never redacted twice.
 * It never touches what analysts paste all day and is not a secret: GUIDs, file hashes, CVE ids, UPNs, IPs and
 * KQL (a computed column named `Token = tostring(…)` is a query, not a credential). The corpus in
 * `test/fixtures/secret-formats.ts` holds both sides.
 */
const patterns: {
  name: string;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}[] = [
  {
    name: 'private key',
    pattern:
      /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,12000}?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g,
    replace: '[redacted private key]',
  },
  {
    // A key cut off before its END line (a truncated log or alert field): the header and the base64 body.
    name: 'unterminated private key',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s:,-]*/g,
    replace: '[redacted private key]',
  },
  {
    name: 'jwt',
    pattern: /\beyJ[A-Za-z0-9_-]{8,1024}\.[A-Za-z0-9_-]{8,16384}\.[A-Za-z0-9_-]{8,2048}/g,
    replace: '[redacted token]',
  },
  {
    name: 'bearer',
    pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/gi,
    replace: (_m, scheme: string) => `${scheme} [redacted]`,
  },
  {
    name: 'connection string secret',
    // ODBC quotes a value holding `;` in braces: `Pwd={a;b}`.
    pattern:
      /\b(AccountKey|SharedAccessKey|Password|Pwd|SharedAccessSignature)=(\{[^}\n]{1,256}\}|[^;\s"']{4,})/gi,
    replace: (_m, key: string) => `${key}=[redacted]`,
  },
  {
    // Entra session cookies: a stolen ESTSAUTH cookie signs in as the user (AiTM token theft).
    name: 'entra session cookie',
    pattern: /\b(ESTSAUTH(?:PERSISTENT|LIGHT)?)=([^;\s"']{10,})/g,
    replace: (_m, key: string) => `${key}=[redacted]`,
  },
  {
    // Bounded scheme and user parts: an unbounded scan from every word boundary is quadratic on "a.a.a…".
    name: 'url credentials',
    // The user may be empty: `rediss://:password@host`.
    pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^:/\s@]{0,256}):([^@\s/]{1,200})@/gi,
    replace: (_m, head: string) => `${head}:[redacted]@`,
  },
  {
    name: 'slack webhook',
    pattern: /(https:\/\/hooks\.slack\.com\/services\/)[A-Za-z0-9/]{20,}/g,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    // The URL is the credential: anyone holding it can post into the channel.
    name: 'teams webhook',
    pattern: /(https:\/\/[a-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2\/)[^\s"'<>]{20,}/gi,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    name: 'discord webhook',
    pattern:
      /(https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/)[A-Za-z0-9_-]{30,}/g,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    // `Authorization: token <40 hex>`, `SSWS …`, `SharedAccessSignature sr=…`: whatever the scheme, the rest is
    // the credential. `Bearer`/`Basic` are handled above; their marker is left alone.
    name: 'authorization header',
    pattern:
      /\b(Authorization["']?\s*[:=]\s*["']?(?:[A-Za-z][A-Za-z-]{1,30}\s+)?)(?!\[redacted)([^\s"',;]{8,})(?![^\s"',;])(?!\s+\[redacted)/gi,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    // `Password : Autumn#2025` (mimikatz), `Temporary password (shown once, only to you): …`.
    name: 'password with a note',
    pattern: /\b(password\s*\([^)\n]{0,80}\)\s*[:=]\s*)(?!\[redacted)([^\s"']{4,})/gi,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    // "her new password is Bavo7731": only a value with a letter and a digit, so "the password is compromised"
    // and "the password is 8 characters" stay.
    name: 'password in a sentence',
    pattern:
      /\b(password\s+(?:is|was|set to|reset to|changed to)\s+)(?=[^\s"',;]*\d)(?=[^\s"',;]*[A-Za-z])([^\s"',;]{3,}[^\s"',;.])/gi,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    // `DB_PASSWORD=…`, `aws_secret_access_key = …`, `"client_secret": "…"`, `X-Api-Key: …`, `refreshToken: …`.
    // Not a KQL computed column (`Token = tostring(…)`): a value that opens with a function call stays.
    name: 'secret assignment',
    pattern:
      /\b([a-z0-9_-]{0,40}?(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key|subscription[_-]?key|functions?[_-]?key|token)|pass)(["']?\s*[:=]\s*)(?!\[redacted)(?![A-Za-z_][A-Za-z0-9_.]{0,60}\()("[^"\s][^"]{3,}"|'[^'\s][^']{3,}'|[^\s,;&"'][^\s,;&"']{3,})/gi,
    replace: (_m, key: string, separator: string, value: string) => {
      const quote = value.startsWith('"') || value.startsWith("'") ? value.charAt(0) : '';
      return `${key}${separator}${quote}[redacted]${quote}`;
    },
  },
  {
    // `--password hunter2`, `-Password 'x'` on a command line.
    name: 'secret command-line flag',
    pattern:
      /(^|\s)(--?(?:password|passwd|pwd|client-secret|clientsecret|secret|api-key|apikey|token))(\s+)("[^"]+"|'[^']+'|[^\s"'(-][^\s"']*)/gim,
    replace: (_m, before: string, flag: string, space: string) => `${before}${flag}${space}[redacted]`,
  },
  {
    // `curl -u user:password`, `--user user:password`.
    name: 'user and password flag',
    pattern: /((?:^|\s)(?:-u|--user)\s+["']?[^\s:"']{1,100}:)(?!\[redacted)([^\s"']{1,200})/gm,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    name: 'sshpass',
    pattern: /(\bsshpass\s+-p\s*)("[^"\n]{1,200}"|'[^'\n]{1,200}'|[^\s"']{1,200})/g,
    replace: (_m, head: string, value: string) => {
      const quote = value.startsWith('"') || value.startsWith("'") ? value.charAt(0) : '';
      return `${head}${quote}[redacted]${quote}`;
    },
  },
  {
    // `net user svc_update Upd4te!2025 /add`: the word after the account name is its password (`*` prompts).
    name: 'net user password',
    pattern:
      /(\bnet1?(?:\.exe)?\s+user\s+(?:"[^"\n]{1,100}"|[^\s/"*]{1,100})\s+)(?![/*]|\[redacted)("[^"\n]{1,200}"|[^\s"]{1,200})/gi,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    // `net use Z: \\server\share <password> /user:…`.
    name: 'net use password',
    pattern:
      /(\bnet1?(?:\.exe)?\s+use\s+(?:[A-Za-z]:\s+|\*\s+)?\\\\[^\s]{1,300}\s+)(?![/*]|\[redacted)("[^"\n]{1,200}"|[^\s"]{1,200})/gi,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    // secretsdump / pwdump lines, `user:rid:LM:NT:::`: NT hashes pass the hash as well as a password would.
    name: 'ntlm hash dump',
    pattern: /(:\d{1,10}:)[0-9a-fA-F]{32}:[0-9a-fA-F]{32}(:::)/g,
    replace: (_m, head: string, tail: string) => `${head}[redacted hash]${tail}`,
  },
  {
    name: 'putty private key',
    pattern: /(Private-Lines:\s*\d{1,4})(?:[\r\n]+[A-Za-z0-9+/=]{1,128}(?=[\r\n]|$))+/g,
    replace: (_m, head: string) => `${head}\n[redacted private key]`,
  },
  {
    name: 'powershell secure string',
    pattern: /(ConvertTo-SecureString\s+(?:-String\s+)?)("[^"]*"|'[^']*')/gi,
    replace: (_m, head: string, value: string) => `${head}${value.charAt(0)}[redacted]${value.charAt(0)}`,
  },
  { name: 'aws access key', pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: '[redacted key]' },
  { name: 'github token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, replace: '[redacted token]' },
  {
    name: 'github fine-grained token',
    pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/g,
    replace: '[redacted token]',
  },
  { name: 'gitlab token', pattern: /\bgl(?:pat|ptt|dt|rt)-[A-Za-z0-9_-]{20,}/g, replace: '[redacted token]' },
  { name: 'slack token', pattern: /\bxox[abeprs]-[A-Za-z0-9-]{10,}/g, replace: '[redacted token]' },
  { name: 'slack app token', pattern: /\bxapp-\d-[A-Za-z0-9-]{10,}/g, replace: '[redacted token]' },
  { name: 'google api key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g, replace: '[redacted key]' },
  {
    name: 'google oauth client secret',
    pattern: /\bGOCSPX-[A-Za-z0-9_-]{24,}/g,
    replace: '[redacted secret]',
  },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, replace: '[redacted token]' },
  {
    // `.npmrc` `_auth=` is base64 of user:password.
    name: 'npm basic auth',
    pattern: /(:_auth\s*=\s*)(?!\[redacted)[^\s"']{4,}/g,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  { name: 'stripe key', pattern: /\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}/g, replace: '[redacted key]' },
  { name: 'stripe webhook secret', pattern: /\bwhsec_[A-Za-z0-9]{24,}/g, replace: '[redacted secret]' },
  {
    // OpenAI (`sk-…`, `sk-proj-…`) and Anthropic (`sk-ant-api03-…`) keys; "risk-based" has no boundary before "sk".
    name: 'model api key',
    pattern: /\bsk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d{2}-)?[A-Za-z0-9_-]{20,}/g,
    replace: '[redacted key]',
  },
  {
    name: 'sendgrid key',
    pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g,
    replace: '[redacted key]',
  },
  { name: 'vault token', pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g, replace: '[redacted token]' },
  {
    // Entra app client secret values: three characters, a digit, "Q~", then 31–34 more.
    name: 'entra client secret',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    replace: '[redacted secret]',
  },
  {
    name: 'azure sas',
    pattern: /((?:[?&]|\s)sig=)[A-Za-z0-9%/+=]{20,}/g,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    // An Azure Functions key or an OAuth authorization code in a URL: both let the holder in.
    name: 'url code',
    pattern: /([?&]code=)[A-Za-z0-9_%.=-]{20,}/g,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
];

/** Returns the text with secrets replaced by `[redacted …]` markers. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const { pattern, replace } of patterns) {
    result =
      typeof replace === 'string'
        ? result.replace(pattern, replace)
        : result.replace(pattern, replace as (m: string, ...g: string[]) => string);
  }
  return result;
}

/** Applies `redactSecrets` to every string inside a JSON-like value. Dates are kept as they are. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)])) as T;
  }
  return value;
}
