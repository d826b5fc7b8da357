/**
 * Removes secrets from text before it is shown on a card, stored, or logged: bearer tokens and JWTs, password
 * and key assignments, connection strings, private keys, cloud access keys. Tenant data (an alert's command
 * line, a ticket comment) can carry them; Ward must never repeat one.
 */
const patterns: {
  name: string;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}[] = [
  {
    name: 'private key',
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
    replace: '[redacted private key]',
  },
  {
    name: 'jwt',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
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
    name: 'url credentials',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]+):([^@\s/]{1,200})@/gi,
    replace: (_m, head: string) => `${head}:[redacted]@`,
  },
  {
    name: 'secret assignment',
    pattern:
      /\b(password|passwd|pwd|secret|client_secret|api[_-]?key|access[_-]?key|token)(\s*[:=]\s*)("[^"]{4,}"|'[^']{4,}'|[^\s,;"']{4,})/gi,
    replace: (_m, key: string, sep: string) => `${key}${sep}[redacted]`,
  },
  { name: 'aws access key', pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: '[redacted key]' },
  { name: 'github token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, replace: '[redacted token]' },
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
