/**
 * Intune as Microsoft Graph v1.0 serves it: `GET /deviceManagement/managedDevices[/{id}]` with `$filter` on
 * the owner (`userPrincipalName`, `userId`), the device (`deviceName`, `azureADDeviceId`, `operatingSystem`)
 * and `complianceState`, `$select`, 100 per page (`$top` up to 1,000); and
 * `GET /deviceManagement/managedDevices/{id}/deviceCompliancePolicyStates`, which says setting by setting why
 * a device is or is not compliant.
 * It never runs a device action (sync, wipe, retire).
 */
import type { DemoTenantState } from '../demo-tenant-state.js';
import type { FilterableProperty } from '../odata/resolve-filter-properties.js';
import { slideDateTimes } from '../slide-date-times.js';
import type { DemoGraphManagedDevice, DemoManagedDevice } from '../state/managed-device.js';
import { type CollectionDefinition, getEntity, listCollection } from './collection-response.js';
import { GraphHttpError } from './graph-error.js';
import type { GraphRequest, GraphResponse } from './graph-request.js';
import type { GraphRouteContext } from './graph-route-context.js';

const exact: FilterableProperty = { type: 'string', operators: ['eq', 'ne'] };
const text: FilterableProperty = { type: 'string', operators: ['eq', 'ne'], startsWith: true };
const instant: FilterableProperty = { type: 'datetime', operators: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] };

const DEVICE_PROPERTIES = [
  'id',
  'userId',
  'deviceName',
  'managedDeviceOwnerType',
  'enrolledDateTime',
  'lastSyncDateTime',
  'operatingSystem',
  'complianceState',
  'jailBroken',
  'managementAgent',
  'osVersion',
  'easActivated',
  'easDeviceId',
  'easActivationDateTime',
  'azureADRegistered',
  'deviceEnrollmentType',
  'activationLockBypassCode',
  'emailAddress',
  'azureADDeviceId',
  'deviceRegistrationState',
  'deviceCategoryDisplayName',
  'isSupervised',
  'exchangeLastSuccessfulSyncDateTime',
  'exchangeAccessState',
  'exchangeAccessStateReason',
  'remoteAssistanceSessionUrl',
  'remoteAssistanceSessionErrorDetails',
  'isEncrypted',
  'userPrincipalName',
  'model',
  'manufacturer',
  'imei',
  'complianceGracePeriodExpirationDateTime',
  'serialNumber',
  'phoneNumber',
  'androidSecurityPatchLevel',
  'userDisplayName',
  'wiFiMacAddress',
  'subscriberCarrier',
  'meid',
  'totalStorageSpaceInBytes',
  'freeStorageSpaceInBytes',
  'managedDeviceName',
  'partnerReportedThreatState',
  'requireUserEnrollmentApproval',
  'managementCertificateExpirationDate',
  'iccid',
  'udid',
  'notes',
  'ethernetMacAddress',
  'physicalMemoryInBytes',
] as const satisfies readonly (keyof DemoGraphManagedDevice)[];

/** How `/deviceManagement/managedDevices` behaves. */
export const MANAGED_DEVICES_COLLECTION: CollectionDefinition = {
  contextPath: 'deviceManagement/managedDevices',
  entityType: 'microsoft.graph.managedDevice',
  properties: DEVICE_PROPERTIES,
  filterable: {
    id: exact,
    userId: exact,
    userPrincipalName: text,
    deviceName: text,
    azureADDeviceId: exact,
    operatingSystem: exact,
    complianceState: exact,
    managedDeviceOwnerType: exact,
    serialNumber: exact,
    lastSyncDateTime: instant,
    enrolledDateTime: instant,
  },
  orderable: ['deviceName', 'lastSyncDateTime', 'enrolledDateTime', 'userPrincipalName'],
  defaultOrderBy: [],
  defaultPageSize: 100,
  maxPageSize: 1000,
};

function statesCollection(deviceId: string): CollectionDefinition {
  return {
    contextPath: `deviceManagement/managedDevices('${deviceId}')/deviceCompliancePolicyStates`,
    entityType: 'microsoft.graph.deviceCompliancePolicyState',
    properties: ['id', 'displayName', 'version', 'platformType', 'state', 'settingCount', 'settingStates'],
    filterable: { state: { type: 'string', operators: ['eq', 'ne'] } },
    orderable: [],
    defaultOrderBy: [],
    defaultPageSize: 100,
    maxPageSize: 1000,
  };
}

function findDeviceOrThrow(state: DemoTenantState, id: string): DemoManagedDevice {
  const device = state.managedDevices.find((d) => d.device.id === id.toLowerCase());
  if (device === undefined) {
    throw new GraphHttpError(
      404,
      'ResourceNotFound',
      `{ "_version": 3, "Message": "No managed device with id '${id}' was found." }`,
    );
  }
  return device;
}

/** `GET /deviceManagement/managedDevices` */
export function listManagedDevices(request: GraphRequest, context: GraphRouteContext): GraphResponse {
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    MANAGED_DEVICES_COLLECTION,
    context.state.managedDevices.map((d) => slideDateTimes(d.device, driftMs)),
  );
}

/** `GET /deviceManagement/managedDevices/{id}` */
export function getManagedDevice(
  request: GraphRequest,
  context: GraphRouteContext,
  id: string,
): GraphResponse {
  const device = findDeviceOrThrow(context.state, id);
  return getEntity(
    request,
    MANAGED_DEVICES_COLLECTION,
    slideDateTimes(device.device, context.clock.driftMs()),
  );
}

/** `GET /deviceManagement/managedDevices/{id}/deviceCompliancePolicyStates` */
export function listDeviceCompliancePolicyStates(
  request: GraphRequest,
  context: GraphRouteContext,
  id: string,
): GraphResponse {
  const device = findDeviceOrThrow(context.state, id);
  const driftMs = context.clock.driftMs();
  return listCollection(
    request,
    statesCollection(device.device.id),
    device.compliancePolicyStates.map((s) => slideDateTimes(s, driftMs)),
  );
}
