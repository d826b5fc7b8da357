/**
 * A custom HTTP skill: one GET operation of an OpenAPI document, called with the skill's validated input as
 * path and query parameters, through `sendWithRetries` (a deadline, 429/502/503/504 retried honouring
 * `Retry-After`, the caller's abort signal, no redirects) with the response bounded (1 MB) and JSON only.
 * Authentication comes from the manifest's reference: an API key (header or query) or a bearer secret read
 * from the environment at start, or an Entra ID token for a scope. Failures are SourceUnavailableErrors (the
 * answer cites them as partial), a 404 a NotFoundError. It never puts a secret in a request description, an
 * error message or a log, never follows a redirect, and never sends anything but GET.
 */
import type { TokenCredential } from '@azure/identity';
import { explainCallFailure } from '../../clients/explain-call-failure.js';
import { sendWithRetries } from '../../clients/send-with-retries.js';
import { SourceUnavailableError } from '../../core/errors.js';
import { defineSkill, type Skill } from '../types.js';
import type { OpenApiOperation } from './openapi-operation.js';
import { operationInputSchema } from './openapi-operation.js';

/** Responses larger than this are refused: a skill's data must fit a card and a model's context. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** How the skill authenticates, with its secret (or credential) resolved at start. */
export type HttpAuth =
  | { type: 'none' }
  | { type: 'apiKey'; in: 'header' | 'query'; name: string; secret: string }
  | { type: 'bearer'; secret: string }
  | { type: 'azure'; scope: string; credential: TokenCredential };

/** What an HTTP skill's data is: the operation, the status and the parsed JSON body (null when empty). */
export interface HttpSkillResult {
  operationId: string;
  status: number;
  body: unknown;
}

/** What one skill needs. */
export interface HttpSkillOptions {
  name: string;
  description: string;
  /** The plugin's display name: named in every failure. */
  service: string;
  operation: OpenApiOperation;
  /** Checked at start: https, or http on loopback; no credentials, query or fragment. */
  baseUrl: string;
  auth: HttpAuth;
  timeoutMs: number;
  maxRetries: number;
}

/** Creates the skill; throws when the operation's parameters cannot be an input (the loader checks first). */
export function createHttpSkill(options: HttpSkillOptions): Skill {
  const { operation, auth, service } = options;
  const input = operationInputSchema(operation);
  if (!input.ok) throw new Error(input.message);
  const parameters = input.parameters;
  const what = `GET ${operation.path}`;
  return defineSkill({
    name: options.name,
    description: options.description,
    input: input.schema,
    async run(values: Record<string, unknown>, context) {
      const request = buildRequest(options.baseUrl, operation.path, parameters, values, auth);
      let reply: Awaited<ReturnType<typeof sendWithRetries>>;
      try {
        reply = await sendWithRetries(
          async (signal) => ({
            url: request.url,
            method: 'GET',
            headers: { accept: 'application/json', ...(await authHeaders(auth, service, signal)) },
          }),
          {
            timeoutMs: options.timeoutMs,
            maxRetries: options.maxRetries,
            mode: 'read',
            signal: context.signal,
            maxBodyBytes: MAX_RESPONSE_BYTES,
          },
        );
      } catch (error) {
        throw explainCallFailure(error, {
          service,
          what,
          mode: 'read',
          accessHint:
            auth.type === 'none'
              ? 'the API needs credentials: add auth to the plugin manifest.'
              : `check the credential the plugin manifest's auth (${auth.type}) names.`,
        });
      }
      return {
        data: {
          operationId: operation.operationId,
          status: reply.status,
          body: readJson(reply, service, what),
        },
        requests: [request.described],
      };
    },
  }) as Skill;
}

function buildRequest(
  baseUrl: string,
  pathTemplate: string,
  parameters: readonly { name: string; in: string }[],
  values: Record<string, unknown>,
  auth: HttpAuth,
): { url: string; described: string } {
  let path = pathTemplate;
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    const value = values[parameter.name];
    if (value === undefined) continue;
    const text = String(value);
    if (parameter.in === 'path') {
      // A path value names one thing: never a step up or aside (`..`), whatever the API would make of it.
      if (text === '.' || text === '..')
        throw new SourceUnavailableError(`"${text}" cannot be a path value.`);
      path = path.replaceAll(`{${parameter.name}}`, encodeURIComponent(text));
    } else {
      query.append(parameter.name, text);
    }
  }
  const described = new URLSearchParams(query);
  if (auth.type === 'apiKey' && auth.in === 'query') {
    query.set(auth.name, auth.secret);
    described.set(auth.name, '***');
  }
  const suffix = (params: URLSearchParams) => (params.size ? `?${params.toString()}` : '');
  return { url: `${baseUrl}${path}${suffix(query)}`, described: `GET ${path}${suffix(described)}` };
}

async function authHeaders(
  auth: HttpAuth,
  service: string,
  signal: AbortSignal,
): Promise<Record<string, string>> {
  switch (auth.type) {
    case 'none':
      return {};
    case 'apiKey':
      return auth.in === 'header' ? { [auth.name]: auth.secret } : {};
    case 'bearer':
      return { authorization: `Bearer ${auth.secret}` };
    case 'azure': {
      let token: { token: string } | null;
      try {
        token = await auth.credential.getToken(auth.scope, { abortSignal: signal });
      } catch (error) {
        throw new SourceUnavailableError(
          `Ward could not get an Entra ID token for ${service} (${auth.scope}).`,
          {
            cause: error,
          },
        );
      }
      if (!token)
        throw new SourceUnavailableError(`Ward got no Entra ID token for ${service} (${auth.scope}).`);
      return { authorization: `Bearer ${token.token}` };
    }
  }
}

function readJson(
  reply: { status: number; headers: Headers; body: string },
  service: string,
  what: string,
): unknown {
  if (reply.body.trim() === '' && (reply.status === 204 || reply.status === 205)) return null;
  const type = reply.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new SourceUnavailableError(
      `${service} answered ${what} with ${type.split(';')[0]?.trim() || 'no content type'}, not JSON; custom HTTP skills read JSON only.`,
    );
  }
  try {
    return JSON.parse(reply.body);
  } catch (error) {
    throw new SourceUnavailableError(`${service} returned JSON Ward could not read (${what}).`, {
      cause: error,
    });
  }
}
