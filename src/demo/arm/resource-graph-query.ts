/**
 * Reads the one Azure Resource Graph query shape the demo tenant answers: attack paths, as Defender for
 * Cloud documents them (`securityresources | where type == "microsoft.security/attackpaths"`), optionally
 * narrowed to a subscription (`| where subscriptionId == "..."`), to a display name
 * (`| extend Name = tostring(properties["displayName"]) | where Name == "..."`), and cut with `take`/`limit`.
 * Anything else is refused with an error that says so; it never evaluates KQL in general.
 */
import { ArmHttpError } from './arm-error.js';

/** What a supported attack-path query asks for. */
export interface AttackPathQuery {
  subscriptionId?: string;
  displayName?: { value: string; caseSensitive: boolean };
  take?: number;
}

const SUPPORTED =
  'The demo tenant answers only attack-path queries: securityresources | where type == "microsoft.security/attackpaths", optionally followed by | where subscriptionId == "<id>", | extend Name = tostring(properties["displayName"]) | where Name == "<display name>", and | take <n>.';

function notSupported(query: string, reason: string): ArmHttpError {
  return new ArmHttpError(
    400,
    'BadRequest',
    'This Resource Graph query is not supported by the demo tenant.',
    {
      details: [
        {
          code: 'InvalidQuery',
          message: `${reason} Query: ${query.length > 300 ? `${query.slice(0, 299)}…` : query}`,
        },
        { code: 'NotSupportedByDemoTenant', message: SUPPORTED },
      ],
    },
  );
}

/** Splits a KQL pipeline on `|` outside string literals. */
function splitPipeline(query: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const ch of query) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === '|') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim().replace(/\s+/g, ' '));
}

/** The attack-path query `query` stands for; throws an ARM 400 for any other query. */
export function parseAttackPathQuery(query: string): AttackPathQuery {
  const [table, ...clauses] = splitPipeline(query);
  if (table === undefined || !/^securityresources$/i.test(table)) {
    throw notSupported(query, `The table '${table ?? ''}' is not served.`);
  }
  const parsed: AttackPathQuery = {};
  let typeChecked = false;
  let alias: string | undefined;
  for (const clause of clauses) {
    let match = /^where type (==|=~) (["'])microsoft\.security\/attackpaths\2$/i.exec(clause);
    if (match !== null) {
      typeChecked = true;
      continue;
    }
    match = /^where subscriptionId (==|=~) (["'])([0-9a-fA-F-]+)\2$/.exec(clause);
    if (match !== null) {
      parsed.subscriptionId = match[3]!;
      continue;
    }
    match = /^extend (\w+) ?= ?tostring\( ?properties(?:\[ ?(["'])displayName\2 ?\]|\.displayName) ?\)$/.exec(
      clause,
    );
    if (match !== null) {
      alias = match[1]!;
      continue;
    }
    match = /^where (\w+) (==|=~) (["'])(.*)\3$/.exec(clause);
    if (match !== null && alias !== undefined && match[1] === alias) {
      parsed.displayName = { value: match[4]!, caseSensitive: match[2] === '==' };
      continue;
    }
    match = /^(?:take|limit) (\d{1,4})$/i.exec(clause);
    if (match !== null) {
      parsed.take = Number.parseInt(match[1]!, 10);
      continue;
    }
    throw notSupported(query, `The clause '${clause}' is not supported.`);
  }
  if (!typeChecked) {
    throw notSupported(query, 'The query must select type == "microsoft.security/attackpaths".');
  }
  return parsed;
}
