/**
 * What a Graph route works on besides the request: the tenant's state (which write routes change) and its
 * clock (to serve stored timestamps as of now, and to store the time of a write).
 * Holds references only; it never outlives one request.
 */
import type { DemoClock } from '../demo-clock.js';
import type { DemoTenantState } from '../demo-tenant-state.js';

/** The state and clock one Graph request is answered from. */
export interface GraphRouteContext {
  state: DemoTenantState;
  clock: DemoClock;
}
