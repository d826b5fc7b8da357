/**
 * One Defender CSPM attack path in the shape Ward's skills return: what it is, how risky, its entry point and
 * target, every Azure resource on it, which of them the internet can reach (an edge from the internet entity or
 * an "exposed to the internet" insight), the recommendations it rests on and the steps that break it. Built
 * from a validated Resource Graph row; pure, it never calls ARM.
 */
import type { AttackPath } from '../../clients/arm-resources.js';
import { parseResourceId } from './resource-id.js';

/** An entity on an attack path. */
export interface AttackPathNode {
  name: string;
  /** e.g. `microsoft.compute/virtualmachines`, `internet` */
  type: string;
  /** The Azure resource id, when the entity is one. */
  resourceId?: string;
}

/** An attack path. */
export interface CloudAttackPath {
  /** The ARG row's id. */
  id: string;
  /** The path's GUID (its `name`, `properties.AttackPathID`). */
  name: string;
  displayName: string;
  description?: string;
  /** Low | Medium | High | Critical */
  riskLevel?: string;
  riskCategories: string[];
  potentialImpact?: string;
  remediationSteps: string[];
  entryPoint?: AttackPathNode;
  target?: AttackPathNode;
  /** Every Azure resource on the path, in the order the path lists them. */
  resourceIds: string[];
  /** Resources on the path the internet can reach. */
  internetExposedResourceIds: string[];
  /** The recommendations the path rests on, and the resource each is on when known. */
  assessments: { assessmentKey: string; displayName?: string; resourceId?: string }[];
  /** The insights' titles ("Exposed to the internet", "Contains sensitive data"). */
  insights: string[];
  subscriptionId?: string;
}

const INTERNET = /^internet$/i;
const EXPOSED_INSIGHT = /exposed ?to ?(?:the )?internet|internet ?exposure/i;

/** The Azure resource id an entity stands for: its `azureResourceId` identifier or an `azure://` internal id. */
function entityResourceId(entity: {
  entityInternalId?: string;
  entityIdentifiers?: Record<string, unknown>;
}): string | undefined {
  const identifier = entity.entityIdentifiers?.azureResourceId;
  if (typeof identifier === 'string' && parseResourceId(identifier) !== undefined) return identifier;
  const internal = entity.entityInternalId ?? '';
  const match = /^azure:\/\/(\/subscriptions\/.+)$/i.exec(internal);
  const candidate = match?.[1];
  return candidate !== undefined && parseResourceId(candidate) !== undefined ? candidate : undefined;
}

/** The attack path a Resource Graph row describes. */
export function toCloudAttackPath(row: AttackPath): CloudAttackPath {
  const { properties } = row;
  const graph = properties.graphComponent ?? {};
  const entities = graph.entities ?? [];
  const byInternalId = new Map<string, { node: AttackPathNode; internalId: string }>();
  for (const entity of entities) {
    const internalId = entity.entityInternalId ?? '';
    byInternalId.set(internalId.toLowerCase(), {
      internalId,
      node: {
        name: entity.entityName ?? internalId,
        type: entity.entityType ?? 'unknown',
        resourceId: entityResourceId(entity),
      },
    });
  }
  const nodeOf = (internalId: unknown) =>
    typeof internalId === 'string' ? byInternalId.get(internalId.toLowerCase())?.node : undefined;
  const isInternet = (internalId: unknown) => {
    const node = nodeOf(internalId);
    return (
      (typeof internalId === 'string' && INTERNET.test(internalId)) ||
      (node !== undefined && INTERNET.test(node.type))
    );
  };

  const exposed = new Set<string>();
  for (const connection of graph.connections ?? []) {
    if (!isInternet(connection.sourceEntityInternalId)) continue;
    const id = nodeOf(connection.targetEntityInternalId)?.resourceId;
    if (id !== undefined) exposed.add(id);
  }
  const insights: string[] = [];
  for (const insight of graph.insights ?? []) {
    const title = typeof insight.title === 'string' ? insight.title : undefined;
    if (title !== undefined) insights.push(title);
    const text = `${String(insight.id ?? '')} ${title ?? ''}`;
    if (!EXPOSED_INSIGHT.test(text)) continue;
    const id = nodeOf(insight.entityInternalId)?.resourceId;
    if (id !== undefined) exposed.add(id);
  }

  const steps = properties.manualRemediationSteps;
  const resourceIds = [
    ...new Set(
      [...byInternalId.values()].flatMap(({ node }) =>
        node.resourceId === undefined ? [] : [node.resourceId],
      ),
    ),
  ];
  return {
    id: row.id,
    name: properties.AttackPathID ?? row.name,
    displayName: properties.displayName,
    description: properties.description,
    riskLevel: properties.riskLevel,
    riskCategories: properties.riskCategories ?? [],
    potentialImpact: properties.potentialImpact,
    remediationSteps: steps === undefined ? [] : Array.isArray(steps) ? steps : [steps],
    entryPoint: nodeOf(properties.entryPointEntityInternalID),
    target: nodeOf(properties.targetEntityInternalID),
    resourceIds,
    internetExposedResourceIds: [...exposed],
    assessments: (properties.assessments ?? []).flatMap((entry) => {
      const key = entry.assessmentKey;
      if (typeof key !== 'string' || key === '') return [];
      const name = entry.assessmentName;
      return [
        {
          assessmentKey: key,
          displayName: typeof name === 'string' ? name : undefined,
          resourceId: nodeOf(entry.entityInternalId)?.resourceId,
        },
      ];
    }),
    insights,
    subscriptionId: row.subscriptionId,
  };
}
