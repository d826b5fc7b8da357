/**
 * The typed parameters of custom skills: what each type accepts (a zod schema, so the ledger and the model's
 * tool calls are checked before anything runs), how a value of it is written into KQL (always as a literal,
 * through `kqlString` / `kqlInteger` / `kqlTimespan`, never as raw text), a sample literal of each type for
 * validating a query at start, and an example an analyst can copy. It never runs a query.
 */
import { isIP } from 'node:net';
import { z } from 'zod/v4';
import { kqlInteger, kqlString, kqlTimespan } from '../../clients/kql/kql-literal.js';

/** What a parameter holds. Text types become quoted KQL strings; numeric ones KQL integers or timespans. */
export const PARAMETER_TYPES = [
  'string',
  'upn',
  'ip',
  'domain',
  'hash',
  'device',
  'incident',
  'integer',
  'hours',
  'days',
] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** Types whose values are whole numbers. */
export const NUMERIC_TYPES: ReadonlySet<ParameterType> = new Set(['integer', 'hours', 'days']);

/** A parameter as a manifest declares it (validated). */
export interface ParameterDefinition {
  /** camelCase, the placeholder's name (`{{user}}`) and the skill input's key. */
  name: string;
  type: ParameterType;
  description: string;
  /** Absent from the input: the default is used; required without one: the input must give it. */
  required?: boolean;
  default?: string | number;
  /** An example value for help text (`sign-ins from country NL`). */
  example?: string | number;
  /** Bounds of numeric types. */
  min?: number;
  max?: number;
  /** Bounds of text types. */
  maxLength?: number;
  pattern?: string;
}

const UPN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const HASH = /^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64})$/i;
const DEVICE = /^[a-z0-9](?:[a-z0-9._-]{0,62})$/i;
const INCIDENT = /^(?:\d{1,10}|[a-z]{3}\d{7,10})$/i;

/** The default upper bounds of numeric types. */
const NUMERIC_MAX: Record<'integer' | 'hours' | 'days', number> = {
  integer: 1_000_000,
  hours: 24 * 90,
  days: 90,
};

/** The bounds a numeric parameter's value must lie within. */
export function numericBounds(
  parameter: Pick<ParameterDefinition, 'type' | 'min' | 'max'>,
): { min: number; max: number } | undefined {
  const { type } = parameter;
  if (type !== 'integer' && type !== 'hours' && type !== 'days') return undefined;
  return { min: parameter.min ?? (type === 'integer' ? 0 : 1), max: parameter.max ?? NUMERIC_MAX[type] };
}

/** The schema a value of `parameter` must pass (without its default or optionality). */
export function parameterValueSchema(parameter: ParameterDefinition): z.ZodType<string | number> {
  const { type } = parameter;
  const bounds = numericBounds(parameter);
  if (bounds) return z.number().int().min(bounds.min).max(bounds.max);
  const text = z
    .string()
    .trim()
    .min(1)
    .max(parameter.maxLength ?? 256);
  switch (type) {
    case 'upn':
      return text.regex(UPN, 'expected a user principal name such as adele.vance@contoso.com');
    case 'ip':
      return text.refine((value) => isIP(value) !== 0, 'expected an IPv4 or IPv6 address');
    case 'domain':
      return text.regex(DOMAIN, 'expected a domain name such as contoso-support.com');
    case 'hash':
      return text.regex(HASH, 'expected an MD5, SHA-1 or SHA-256 hash (hex)');
    case 'device':
      return text.regex(DEVICE, 'expected a device name such as DESKTOP-ADELE01');
    case 'incident':
      return text.regex(INCIDENT, 'expected an incident number such as 4211');
    default:
      return parameter.pattern === undefined
        ? text
        : text.regex(new RegExp(parameter.pattern), `expected text matching ${parameter.pattern}`);
  }
}

/** The input schema of one parameter: its value schema, described, with its default or made optional. */
export function parameterInputSchema(parameter: ParameterDefinition): z.ZodType {
  const value = parameterValueSchema(parameter).describe(parameter.description);
  if (parameter.default !== undefined) return value.default(parameter.default as never);
  return parameter.required === false ? value.optional() : value;
}

/** The skill's input schema: one key per parameter. */
export function parametersInputSchema(parameters: readonly ParameterDefinition[]) {
  return z.object(Object.fromEntries(parameters.map((p) => [p.name, parameterInputSchema(p)])));
}

/** `value` of `type` as a KQL literal: a quoted string, an integer, or a timespan (`24h`, `7d`). */
export function kqlLiteral(type: ParameterType, value: string | number): string {
  if (type === 'hours') return kqlTimespan(Number(value), 'h');
  if (type === 'days') return kqlTimespan(Number(value), 'd');
  if (type === 'integer') return kqlInteger(Number(value));
  return kqlString(String(value));
}

/** A value of the parameter's type, for checking a query at start (only its KQL type matters). */
export function sampleValue(parameter: ParameterDefinition): string | number {
  if (parameter.default !== undefined) return parameter.default;
  if (NUMERIC_TYPES.has(parameter.type)) return Math.max(1, parameter.min ?? 1);
  return EXAMPLES[parameter.type] as string;
}

const EXAMPLES: Record<ParameterType, string | number> = {
  string: 'text',
  upn: 'adele.vance@contoso.com',
  ip: '203.0.113.24',
  domain: 'contoso-support.com',
  hash: '37b12861fe414d0282cdc9c6cfe5e2f6510eed66036cf1fda02ebba9a1114dd9',
  device: 'DESKTOP-ADELE01',
  incident: '4211',
  integer: 10,
  hours: 24,
  days: 7,
};

/** An example value to show an analyst who left the parameter out. */
export function exampleValue(parameter: Pick<ParameterDefinition, 'type' | 'example' | 'default'>): string {
  return String(parameter.example ?? parameter.default ?? EXAMPLES[parameter.type]);
}
