/**
 * Azure resource ids as the Defender for Cloud plugin accepts them: a subscription (`/subscriptions/{guid}`) or
 * a resource in one of its resource groups (`.../resourceGroups/{rg}/providers/{Namespace}/{type}/{name}`, with
 * child types). Every segment is checked against the characters ARM allows, so analyst or model text never
 * reaches an ARM URL unvalidated (no `..`, `?`, `#`, `%` or spaces); plus the name and kind an analyst reads.
 * It never calls ARM.
 */
import { z } from 'zod/v4';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Resource group names: letters, digits, `_ - . ( )`, at most 90, not ending with a period. */
const RESOURCE_GROUP = /^[\w\-.()]{1,90}$/;
/** Provider namespaces (`Microsoft.Compute`) and resource types (`virtualMachines`). */
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)+$/;
const TYPE = /^[A-Za-z][A-Za-z0-9]{0,79}$/;
/** Resource names: the union of what ARM resource types allow, minus anything with meaning in a URL. */
const NAME = /^[\w\-.()]{1,260}$/;

/** A subscription id (GUID). */
export const subscriptionIdSchema = z.string().trim().regex(GUID, 'expected a subscription id (GUID)');

/** An assessment key (the recommendation's metadata name), as ARM's `AssessmentName` pattern allows. */
export const assessmentKeySchema = z
  .string()
  .trim()
  .regex(/^[\w\-.()]{1,100}$/, 'expected an assessment key (e.g. a GUID)');

/** The parts of an Azure resource id. */
export interface ResourceIdParts {
  subscriptionId: string;
  resourceGroup?: string;
  /** `Microsoft.Compute/virtualMachines`; `subscription` for a subscription. */
  type: string;
  /** The last name segment (the subscription id for a subscription). */
  name: string;
}

/** The parts of `id`, or undefined when it is not a subscription or resource id ARM would accept. */
export function parseResourceId(id: string): ResourceIdParts | undefined {
  if (!id.startsWith('/') || id.length > 1_024) return undefined;
  const segments = id.slice(1).split('/');
  const [subscriptions, subscriptionId, resourceGroups, resourceGroup, providers, namespace, ...rest] =
    segments;
  if (subscriptions?.toLowerCase() !== 'subscriptions' || !GUID.test(subscriptionId ?? '')) return undefined;
  if (segments.length === 2)
    return { subscriptionId: subscriptionId!, type: 'subscription', name: subscriptionId! };
  if (resourceGroups?.toLowerCase() !== 'resourcegroups' || !RESOURCE_GROUP.test(resourceGroup ?? '')) {
    return undefined;
  }
  if (resourceGroup!.endsWith('.')) return undefined;
  if (providers?.toLowerCase() !== 'providers' || !NAMESPACE.test(namespace ?? '')) return undefined;
  // type/name pairs: virtualMachines/web-prod-01[/extensions/x ...]
  if (rest.length < 2 || rest.length % 2 !== 0) return undefined;
  const types: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const type = rest[i]!;
    const name = rest[i + 1]!;
    if (!TYPE.test(type) || !NAME.test(name) || name === '.' || name === '..') return undefined;
    types.push(type);
  }
  return {
    subscriptionId: subscriptionId!,
    resourceGroup: resourceGroup!,
    type: `${namespace}/${types.join('/')}`,
    name: rest[rest.length - 1]!,
  };
}

/** An Azure subscription or resource id, checked segment by segment (see {@link parseResourceId}). */
export const resourceIdSchema = z
  .string()
  .trim()
  .refine((value) => parseResourceId(value) !== undefined, {
    message:
      'expected an Azure resource id (/subscriptions/{id}/resourceGroups/{group}/providers/{namespace}/{type}/{name}) or a subscription id path',
  });

/** Whether two resource ids name the same resource (ARM ids compare without regard to case). */
export function sameResource(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

const TYPE_LABELS: Readonly<Record<string, string>> = {
  subscription: 'subscription',
  'microsoft.compute/virtualmachines': 'virtual machine',
  'microsoft.compute/virtualmachinescalesets': 'VM scale set',
  'microsoft.storage/storageaccounts': 'storage account',
  'microsoft.sql/servers': 'SQL server',
  'microsoft.sql/servers/databases': 'SQL database',
  'microsoft.containerservice/managedclusters': 'Kubernetes cluster',
  'microsoft.keyvault/vaults': 'key vault',
  'microsoft.web/sites': 'App Service app',
  'microsoft.network/publicipaddresses': 'public IP address',
  'microsoft.network/networksecuritygroups': 'network security group',
  'microsoft.containerregistry/registries': 'container registry',
  'microsoft.documentdb/databaseaccounts': 'Cosmos DB account',
};

/** "virtual machine" for `Microsoft.Compute/virtualMachines`; the type itself when it has no label. */
export function resourceTypeLabel(type: string): string {
  return TYPE_LABELS[type.toLowerCase()] ?? type;
}
