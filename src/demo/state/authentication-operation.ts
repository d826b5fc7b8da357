/**
 * A long-running authentication operation (`microsoft.graph.longRunningOperation`, served at
 * `/users/{id}/authentication/operations/{id}`): today only the admin password reset, which completes a moment
 * after it is accepted. Holds data only: `writes/reset-password.ts` moves it along.
 */

/** One password reset, from acceptance to its end. */
export interface DemoAuthenticationOperation {
  id: string;
  userId: string;
  methodId: string;
  /** `notStarted` | `running` | `succeeded` | `failed` */
  status: string;
  /** Stored (seeded-timeline) timestamps. */
  createdDateTime: string;
  lastActionDateTime: string;
  statusDetail: string | null;
  /** The instant it was accepted, on the tenant's clock (epoch ms), to complete it after a short time. */
  acceptedAtMs: number;
  /** GETs of the operation so far. */
  polls: number;
  /** Why it will fail (a password the tenant refuses); null when it will succeed. */
  failureReason: string | null;
}
