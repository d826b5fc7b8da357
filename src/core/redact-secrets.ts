/**
 * Removes secrets from text before it is shown on a card, stored, or logged: bearer tokens and JWTs, password
 * and key assignments, connection strings, private keys, cloud access keys. Tenant data (an alert's command
 * line, a ticket comment) can carry them; Ward must never repeat one.
 * Every pattern starts at a fixed prefix or scans a bounded run, so hostile text cannot make it take more than
 * linear time. A value already replaced by a `[redacted …]` marker is never redacted twice.
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
    pattern: /\b(AccountKey|SharedAccessKey|Password|Pwd|SharedAccessSignature)=([^;\s"']{4,})/gi,
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
    pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^:/\s@]{1,256}):([^@\s/]{1,200})@/gi,
    replace: (_m, head: string) => `${head}:[redacted]@`,
  },
  {
    name: 'slack webhook',
    pattern: /(https:\/\/hooks\.slack\.com\/services\/)[A-Za-z0-9/]{20,}/g,
    replace: (_m, head: string) => `${head}[redacted]`,
  },
  {
    // `DB_PASSWORD=…`, `aws_secret_access_key = …`, `"client_secret": "…"`, `X-Api-Key: …`, `refreshToken: …`.
    name: 'secret assignment',
    pattern:
      /\b([a-z0-9_-]{0,40}?(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key|token)|pass)(["']?\s*[:=]\s*)(?!\[redacted)("[^"\s][^"]{3,}"|'[^'\s][^']{3,}'|[^\s,;&"'][^\s,;&"']{3,})/gi,
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
  { name: 'slack token', pattern: /\bxox[abeprs]-[A-Za-z0-9-]{10,}/g, replace: '[redacted token]' },
  { name: 'google api key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g, replace: '[redacted key]' },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, replace: '[redacted token]' },
  { name: 'stripe key', pattern: /\b[rs]k_live_[0-9A-Za-z]{16,}/g, replace: '[redacted key]' },
  {
    // Entra app client secret values: three characters, a digit, "Q~", then 31–34 more.
    name: 'entra client secret',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    replace: '[redacted secret]',
  },
  {
    name: 'azure sas',
    pattern: /([?&]sig=)[A-Za-z0-9%/+=]{20,}/g,
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

/** Applies `redactSecrets` to every string inside a JSON-like value. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)])) as T;
  }
  return value;
}
