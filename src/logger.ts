/**
 * The process logger (pino, JSON lines). Secrets never reach it, by two means: fields known to hold one
 * (passwords, client secrets, authorization headers, tokens, keys, connection strings) are censored by path
 * whatever their value (a text field named like a secret is censored at any depth), and every other string —
 * the message, each field however deep, an error's message, stack and cause, a child logger's bindings —
 * passes `redactSecrets`, so a token inside an error from a tenant API or a password pasted into a question is
 * replaced before the line is written. Request bodies are not logged.
 * It never changes the objects a caller logs: redaction works on copies.
 */
import { type Logger, pino } from 'pino';
import { redactSecrets } from './core/redact-secrets.js';

/** Fields censored whole, at the top level and one level down (pino paths). */
const secretFields = [
  'password',
  'BOT_PASSWORD',
  'SERVICENOW_PASSWORD',
  'clientSecret',
  'client_secret',
  'AZURE_CLIENT_SECRET',
  'secret',
  'authorization',
  'Authorization',
  'cookie',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'apiKey',
  'api_key',
  'OPENAI_API_KEY',
  'AZURE_OPENAI_API_KEY',
  'THREAT_INTEL_API_KEY',
  'NVD_API_KEY',
  'connectionString',
  'DATABASE_URL',
  '["x-apikey"]',
  '["api-key"]',
  '["ocp-apim-subscription-key"]',
];

const redactPaths = [
  ...secretFields,
  ...secretFields.map((field) => (field.startsWith('[') ? `*${field}` : `*.${field}`)),
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];

/** A field whose name says it holds a secret, at any depth: its text value is censored whole. */
const secretKey =
  /(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|private[_-]?key|token|authorization|cookie|connection[_-]?string)$/i;

/** Deepest nesting redacted; anything deeper is replaced (a logged object is never that deep on purpose). */
const MAX_DEPTH = 8;

/**
 * A copy of `value` with every string redacted, through arrays, objects (what `JSON.stringify` would write of
 * them: `toJSON()` where there is one, own enumerable fields otherwise) and errors (pino's error shape).
 */
export function redactLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) return serializeError(value);
  if (Array.isArray(value)) return value.map((item) => redactLogValue(item, depth + 1));
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function') return redactLogValue(toJson.call(value), depth + 1);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactField(key, item, depth + 1);
  return copy;
}

function redactField(key: string, value: unknown, depth: number): unknown {
  return typeof value === 'string' && secretKey.test(key) ? '[redacted]' : redactLogValue(value, depth);
}

/** pino's error serializer (type, message, stack, cause, own fields), then every string in it redacted. */
function serializeError(error: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(error as Error);
  if (serialized === null || typeof serialized !== 'object') return redactLogValue(serialized);
  // Its objects are data with pino's own prototype: made plain so every string in them is reached.
  return redactLogValue(JSON.parse(JSON.stringify(serialized)));
}

/** A log call's object, redacted; an error under `err` or `error` is left to that key's serializer. */
function redactLogObject(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    copy[key] =
      (key === 'err' || key === 'error') && item instanceof Error ? item : redactField(key, item, 1);
  }
  return copy;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'ward' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: {
        err: serializeError,
        error: serializeError,
        // pino applies a serializer named after the message key to the message, after interpolation.
        msg: (message: unknown) => (typeof message === 'string' ? redactSecrets(message) : message),
      },
      formatters: { log: redactLogObject },
    },
    destination,
  );
  // pino formats a child's bindings without the root's formatters: they are redacted on the way in. Children
  // are created from their parent's prototype chain, so grandchildren go through here too.
  const child = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, options) {
    return child.call(this, redactLogObject(bindings), options);
  } as Logger['child'];
  return logger;
}
