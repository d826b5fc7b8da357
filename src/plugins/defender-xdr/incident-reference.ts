/**
 * How Defender XDR skills accept what a question names: an incident id (Defender numbers its incidents:
 * `4211`) and a user (Entra object id and/or userPrincipalName). Anything else is refused before a request is
 * built, so analyst (or model) text never reaches a Graph URL or filter unvalidated. ServiceNow numbers
 * (`INC0012345`) are not Defender incident ids and are refused here with a message that says so.
 */
import { z } from 'zod/v4';

/** The largest incident id Defender XDR issues (its ids are 32-bit integers). */
export const MAX_INCIDENT_ID = 2_147_483_647;

const digits = /^[1-9]\d{0,9}$/;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const upn = /^[^\s@/\\?#'"]{1,113}@[a-z0-9.-]{1,200}\.[a-z]{2,63}$/i;
const serviceNowNumber = /^(?:INC|SIR)\d+$/i;

/** True when `value` is a Defender XDR incident id (a positive 32-bit integer written in digits). */
export function isDefenderIncidentId(value: string): boolean {
  return digits.test(value) && Number(value) <= MAX_INCIDENT_ID;
}

/** True for a ServiceNow incident or security incident number (`INC0012345`, `SIR0001234`). */
export function isServiceNowNumber(value: string): boolean {
  return serviceNowNumber.test(value);
}

/** A Defender XDR incident id, as digits or a number (a model may send either); always a string after parsing. */
export const incidentIdSchema = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .refine((value) => !isServiceNowNumber(value), 'a ServiceNow number is not a Defender XDR incident id')
  .refine(
    isDefenderIncidentId,
    `expected a Defender XDR incident id (a number from 1 to ${MAX_INCIDENT_ID})`,
  );

/** The user whose incidents or alerts are asked for: object id, UPN, or both (evidence may carry either). */
export const userMatchSchema = z
  .object({
    id: z.string().trim().regex(guid, 'expected an Entra object id (GUID)').optional(),
    userPrincipalName: z
      .string()
      .trim()
      .regex(upn, 'expected a userPrincipalName')
      .transform((value) => value.toLowerCase())
      .optional(),
  })
  .refine((user) => user.id !== undefined || user.userPrincipalName !== undefined, {
    message: 'name the user by object id, userPrincipalName or both',
  })
  .describe("The user named in the alerts' evidence: Entra object id, userPrincipalName, or both.");
export type UserMatch = z.output<typeof userMatchSchema>;
