/**
 * Reads the few parts of an OpenAPI 3.x document a custom HTTP skill needs — the servers, and one operation's
 * method, path and path/query parameters (with `$ref`s to `components/parameters` resolved) — and builds the
 * skill's zod input from those parameters (string, integer, number, boolean; required; enum; bounds).
 * Everything else in the document passes through unread. Only GET operations become skills: a skill only
 * reads, and any other method may change data. It never calls the API.
 */
import { z } from 'zod/v4';

const schemaObject = z.looseObject({
  type: z.enum(['string', 'integer', 'number', 'boolean', 'array', 'object']).optional(),
  enum: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  default: z.unknown().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  maxLength: z.number().int().nonnegative().optional(),
  pattern: z.string().optional(),
  format: z.string().optional(),
  example: z.unknown().optional(),
});

const parameterObject = z.looseObject({
  name: z.string().min(1).max(100),
  in: z.enum(['path', 'query', 'header', 'cookie']),
  required: z.boolean().optional(),
  description: z.string().optional(),
  schema: schemaObject.optional(),
  example: z.unknown().optional(),
});
const reference = z.looseObject({ $ref: z.string() });
const parameterOrReference = z.union([reference, parameterObject]);

const operationObject = z.looseObject({
  operationId: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  parameters: z.array(parameterOrReference).optional(),
});

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

const pathItem = z.looseObject({
  parameters: z.array(parameterOrReference).optional(),
  ...Object.fromEntries(HTTP_METHODS.map((method) => [method, operationObject.optional()])),
});

/** The parts of an OpenAPI 3.x document Ward reads. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z
    .string()
    .regex(/^3\.\d+(?:\.\d+)?$/, 'must be an OpenAPI 3.x document (openapi: 3.0.3 or 3.1.0)'),
  servers: z.array(z.looseObject({ url: z.string().min(1) })).optional(),
  paths: z.record(z.string().regex(/^\//, 'paths start with /'), pathItem),
  components: z.looseObject({ parameters: z.record(z.string(), parameterObject).optional() }).optional(),
});
export type OpenApiDocument = z.output<typeof openApiDocumentSchema>;
export type OpenApiParameter = z.output<typeof parameterObject>;

/** An operation found in the document. */
export interface OpenApiOperation {
  method: HttpMethod;
  /** The path template, e.g. `/assets/{hostname}`. */
  path: string;
  operationId: string;
  summary?: string;
  /** Path-item and operation parameters merged (the operation's win), references resolved. */
  parameters: OpenApiParameter[];
  /** Where the operation is in the document, for problems: `paths./assets/{hostname}.get`. */
  documentPath: (string | number)[];
}

export type OperationLookup =
  | { ok: true; operation: OpenApiOperation }
  | { ok: false; message: string; documentPath?: (string | number)[] };

/** Finds `operationId` in `document`, resolving its parameters. */
export function findOperation(document: OpenApiDocument, operationId: string): OperationLookup {
  const known: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, unknown>)[method] as
        | z.output<typeof operationObject>
        | undefined;
      if (!operation?.operationId) continue;
      known.push(operation.operationId);
      if (operation.operationId !== operationId) continue;
      const documentPath = ['paths', path, method];
      const resolved = resolveParameters(document, [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ]);
      if (!resolved.ok) return { ok: false, message: resolved.message, documentPath };
      return {
        ok: true,
        operation: {
          method,
          path,
          operationId,
          summary: operation.summary ?? operation.description,
          parameters: resolved.parameters,
          documentPath,
        },
      };
    }
  }
  return {
    ok: false,
    message: `names no operation of the document${known.length ? ` (operations: ${known.slice(0, 10).join(', ')})` : ''}`,
  };
}

function resolveParameters(
  document: OpenApiDocument,
  list: readonly z.output<typeof parameterOrReference>[],
): { ok: true; parameters: OpenApiParameter[] } | { ok: false; message: string } {
  const byKey = new Map<string, OpenApiParameter>();
  for (const entry of list) {
    let parameter: OpenApiParameter | undefined;
    if ('$ref' in entry && typeof entry.$ref === 'string') {
      const name = /^#\/components\/parameters\/([^/]+)$/.exec(entry.$ref)?.[1];
      parameter = name === undefined ? undefined : document.components?.parameters?.[name];
      if (!parameter)
        return {
          ok: false,
          message: `refers to ${entry.$ref}, which is not a parameter of components/parameters`,
        };
    } else {
      parameter = entry as OpenApiParameter;
    }
    // The operation's parameter replaces the path item's of the same name and location.
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return { ok: true, parameters: [...byKey.values()] };
}

/** Why a GET-only rule refuses an operation, in words an admin understands. */
export function readOnlyRefusal(operation: OpenApiOperation): string | undefined {
  if (operation.method === 'get') return undefined;
  return `${operation.operationId} is a ${operation.method.toUpperCase()} operation (${operation.path}): custom HTTP skills only read, so only GET operations can be skills (any other method may change data, and Ward's skills never write)`;
}

/**
 * The skill input for the operation's path and query parameters, or the reason one cannot be taken. Header and
 * cookie parameters are not set by skills: an optional one is left out, a required one refuses the operation.
 */
export function operationInputSchema(
  operation: OpenApiOperation,
): { ok: true; schema: z.ZodObject; parameters: OpenApiParameter[] } | { ok: false; message: string } {
  const shape: Record<string, z.ZodType> = {};
  const used: OpenApiParameter[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === 'header' || parameter.in === 'cookie') {
      if (parameter.required)
        return {
          ok: false,
          message: `${operation.operationId} needs the ${parameter.in} parameter "${parameter.name}", which skills cannot set`,
        };
      continue;
    }
    const value = valueSchema(parameter);
    if (!value.ok) return { ok: false, message: `parameter "${parameter.name}" ${value.message}` };
    let schema: z.ZodType = parameter.description
      ? value.schema.describe(parameter.description)
      : value.schema;
    const required = parameter.in === 'path' || parameter.required === true;
    const fallback = parameter.schema?.default;
    if (fallback !== undefined && value.schema.safeParse(fallback).success)
      schema = schema.default(fallback as never);
    else if (!required) schema = schema.optional();
    shape[parameter.name] = schema;
    used.push(parameter);
  }
  return { ok: true, schema: z.object(shape), parameters: used };
}

function valueSchema(
  parameter: OpenApiParameter,
): { ok: true; schema: z.ZodType } | { ok: false; message: string } {
  const spec = parameter.schema ?? {};
  const values = spec.enum;
  switch (spec.type ?? 'string') {
    case 'string': {
      if (values?.length) {
        const strings = values.map(String);
        return { ok: true, schema: z.enum(strings as [string, ...string[]]) };
      }
      let schema = z
        .string()
        .trim()
        .min(parameter.in === 'path' ? 1 : 0)
        .max(spec.maxLength ?? 1_000);
      if (spec.pattern) {
        try {
          schema = schema.regex(new RegExp(spec.pattern));
        } catch {
          return { ok: false, message: `has a pattern that is not a valid regular expression` };
        }
      }
      return { ok: true, schema };
    }
    case 'integer':
    case 'number': {
      let schema = spec.type === 'integer' ? z.number().int() : z.number();
      if (spec.minimum !== undefined) schema = schema.min(spec.minimum);
      if (spec.maximum !== undefined) schema = schema.max(spec.maximum);
      if (values?.length) {
        const allowed = new Set(values.map(Number));
        return {
          ok: true,
          schema: schema.refine((n) => allowed.has(n), `must be one of ${[...allowed].join(', ')}`),
        };
      }
      return { ok: true, schema };
    }
    case 'boolean':
      return { ok: true, schema: z.boolean() };
    default:
      return {
        ok: false,
        message: `is of type ${spec.type}: skills take string, integer, number and boolean parameters`,
      };
  }
}
