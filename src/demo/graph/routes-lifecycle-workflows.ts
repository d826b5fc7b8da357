/**
 * Lifecycle Workflows as Microsoft Graph v1.0 serves them: `GET /identityGovernance/lifecycleWorkflows/
 * workflows` (the basic properties of each workflow; `$filter` on category, name and state) and
 * `GET /identityGovernance/lifecycleWorkflows/workflows/{id}` (with `executionConditions` and the `tasks`,
 * which Graph expands by default), and Graph's own 404 for an unknown id.
 * It never runs, changes or activates a workflow.
 */
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { slideDateTimes } from '../slide-date-times.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import type { GraphRouteContext } from './graph-route-context.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const text: FilterableProperty = { type: 'string', operators: ['eq', 'ne'], startsWith: true };
const flag: FilterableProperty = { type: 'boolean', operators: ['eq', 'ne'] };

/** What the list returns without `$select`: no execution conditions, no tasks. */
const BASIC_PROPERTIES = [
  'category',
  'description',
  'displayName',
  'lastModifiedDateTime',
  'createdDateTime',
  'id',
  'isEnabled',
  'isSchedulingEnabled',
  'version',
] as const;

const ALL_PROPERTIES = [
  ...BASIC_PROPERTIES,
  'deletedDateTime',
  'nextScheduleRunDateTime',
  'executionConditions',
] as const;

/** How `/identityGovernance/lifecycleWorkflows/workflows` behaves. */
export const LIFECYCLE_WORKFLOWS_COLLECTION: CollectionDefinition = {
  contextPath: 'identityGovernance/lifecycleWorkflows/workflows',
  entityType: 'microsoft.graph.identityGovernance.workflow',
  properties: ALL_PROPERTIES,
  defaultProperties: BASIC_PROPERTIES,
  filterable: {
    id: exact,
    category: exact,
    displayName: text,
    isEnabled: flag,
    isSchedulingEnabled: flag,
  },
  orderable: ['displayName', 'category', 'createdDateTime', 'lastModifiedDateTime'],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 100,
};

/** One workflow: everything, with its tasks (expanded by default, as Graph does). */
const WORKFLOW_ENTITY: CollectionDefinition = {
  ...LIFECYCLE_WORKFLOWS_COLLECTION,
  properties: [...ALL_PROPERTIES, 'tasks'],
  defaultProperties: [...ALL_PROPERTIES, 'tasks'],
};

/** `GET /identityGovernance/lifecycleWorkflows/workflows` */
export function listLifecycleWorkflows(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    LIFECYCLE_WORKFLOWS_COLLECTION,
    context.state.lifecycleWorkflows.map((workflow) => slideDateTimes(workflow, driftMs)),
  );
}

/** `GET /identityGovernance/lifecycleWorkflows/workflows/{id}` */
export function getLifecycleWorkflow(
  request: GraphRequest,
  context: GraphRouteContext,
  id: string,
): GraphResponse {
  const workflow = context.state.lifecycleWorkflows.find((w) => w.id === id.toLowerCase());
  if (workflow === undefined) {
    throw new GraphHttpError(404, 'NotFound', `The workflow '${id}' was not found.`);
  }
  return getEntity(request, WORKFLOW_ENTITY, slideDateTimes(workflow, context.clock.driftMs()));
}
