/**
 * `POST /providers/Microsoft.ResourceGraph/resources` (api-version 2022-10-01) for attack-path queries:
 * validates the body like the service (`query` required, `options.$top/$skip/$skipToken`), answers
 * `{ totalRecords, count, resultTruncated, $skipToken?, facets, data }` with one row per attack path in the
 * `securityresources` shape, and pages with `$skipToken`. Other queries are refused (see `resource-graph-query.ts`).
 * It never writes.
 */
import { z } from 'zod/v4';
import { resourceGraphQuerySchema } from '../../clients/arm-resources.js';
import type { DemoServiceRequest, DemoServiceResponse } from '../demo-service.js';
import { ArmHttpError } from './arm-error.js';
import { readSkipToken, writeSkipToken } from './arm-paging.js';
import type { DemoDefenderForCloud } from './defender-for-cloud-state.js';
import { parseAttackPathQuery } from './resource-graph-query.js';

const DEFAULT_TOP = 100;

function readBody(body: string): z.infer<typeof resourceGraphQuerySchema> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new ArmHttpError(
      400,
      'InvalidRequestContent',
      `The request content was invalid and could not be deserialized: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const parsed = resourceGraphQuerySchema.safeParse(json);
  if (!parsed.success) {
    throw new ArmHttpError(400, 'BadRequest', `The request is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** `POST /providers/Microsoft.ResourceGraph/resources` */
export function queryResourceGraph(
  request: DemoServiceRequest,
  defender: DemoDefenderForCloud,
): DemoServiceResponse {
  const body = readBody(request.body);
  const query = parseAttackPathQuery(body.query);
  const subscriptionId = defender.subscription.subscriptionId.toLowerCase();
  const inScope =
    (body.subscriptions === undefined ||
      body.subscriptions.some((s) => s.toLowerCase() === subscriptionId)) &&
    (query.subscriptionId === undefined || query.subscriptionId.toLowerCase() === subscriptionId);
  const wanted = query.displayName;
  let rows = inScope
    ? defender.attackPaths
        .filter(
          (path) =>
            wanted === undefined ||
            (wanted.caseSensitive
              ? path.displayName === wanted.value
              : path.displayName.toLowerCase() === wanted.value.toLowerCase()),
        )
        .map((path) => {
          const { name, ...properties } = path;
          return {
            id: `/subscriptions/${defender.subscription.subscriptionId}/providers/Microsoft.Security/attackPaths/${name}`,
            name,
            type: 'microsoft.security/attackpaths',
            tenantId: defender.subscription.tenantId,
            kind: '',
            location: 'global',
            resourceGroup: '',
            subscriptionId: defender.subscription.subscriptionId,
            managedBy: '',
            sku: null,
            plan: null,
            properties: { ...properties, AttackPathID: name },
            tags: null,
            identity: null,
            zones: null,
            extendedLocation: null,
          };
        })
    : [];
  if (query.take !== undefined) rows = rows.slice(0, query.take);
  const options = body.options ?? {};
  const offset = options.$skipToken !== undefined ? readSkipToken(options.$skipToken) : (options.$skip ?? 0);
  const top = options.$top ?? DEFAULT_TOP;
  const data = rows.slice(offset, offset + top);
  const more = offset + top < rows.length;
  return {
    status: 200,
    body: {
      totalRecords: rows.length,
      count: data.length,
      resultTruncated: 'false',
      ...(more ? { $skipToken: writeSkipToken(offset + top) } : {}),
      facets: [],
      data,
    },
  };
}
