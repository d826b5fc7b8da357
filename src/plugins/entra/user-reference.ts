/**
 * How Entra skills accept a user: an object id (GUID) or a userPrincipalName. Anything else is refused before a
 * request is built, so analyst text never reaches a Graph URL unvalidated.
 */
import { z } from 'zod/v4';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const upn = /^[^\s@/\\?#'"]{1,113}@[a-z0-9.-]{1,200}\.[a-z]{2,63}$/i;

/** An Entra user object id or UPN. */
export const userReferenceSchema = z
  .string()
  .trim()
  .refine(
    (value) => guid.test(value) || upn.test(value),
    'expected a user object id (GUID) or a userPrincipalName',
  );

/**
 * A UPN as Entra allows it, apostrophes included (`o'brien@contoso.com`). Only for `$filter` values, where it is
 * written as an OData literal (`odataString`): never put it in a URL path.
 */
const filterableUpn = /^[^\s@/\\?#"]{1,113}@[a-z0-9.-]{1,200}\.[a-z]{2,63}$/i;

/** An Entra user object id, or a UPN that Ward only ever sends inside a quoted OData literal. */
export const filterableUserReferenceSchema = z
  .string()
  .trim()
  .refine(
    (value) => guid.test(value) || filterableUpn.test(value),
    'expected a user object id (GUID) or a userPrincipalName',
  );

/** An Entra object id (GUID); Identity Protection filters need the id, not the UPN. */
export const objectIdSchema = z.string().trim().regex(guid, 'expected an object id (GUID)');

export function isObjectId(value: string): boolean {
  return guid.test(value);
}
