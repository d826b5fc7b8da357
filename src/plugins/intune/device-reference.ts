/**
 * How Intune skills accept what they look up: a user (object id or UPN), a managed device (Intune id or
 * name), an operating system name. Anything else is refused before a request is built, so analyst or model
 * text never reaches a Graph URL or an OData filter unvalidated (values are still quoted as OData literals).
 */
import { z } from 'zod/v4';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const upn = /^[^\s@/\\?#'"]{1,113}@[a-z0-9.-]{1,200}\.[a-z]{2,63}$/i;
/**
 * A device name as Intune shows it: host names (`DESKTOP-DIEGO01`, `CONTOSO-POS-001`) and the names phones get
 * (`Diego's iPhone`, `Megan's Galaxy S24`). Letters or digits first; then letters, digits, spaces and `'’._()-`.
 */
const deviceName = /^[\p{L}\p{N}][\p{L}\p{N} '’._()-]{0,127}$/u;
const operatingSystem = /^[A-Za-z][A-Za-z0-9 ]{0,31}$/;

/** True for an object id (GUID): Entra users, Intune managed devices, Entra devices. */
export function isGuid(value: string): boolean {
  return guid.test(value);
}

/** An Entra object id (GUID), e.g. an Intune managed device id. */
export const guidSchema = z.string().trim().regex(guid, 'expected an object id (GUID)');

/** An Entra user: object id (GUID) or userPrincipalName. */
export const userReferenceSchema = z
  .string()
  .trim()
  .refine(
    (value) => guid.test(value) || upn.test(value),
    'expected a user object id (GUID) or a userPrincipalName',
  );

/** A managed device's name as Intune shows it. */
export const deviceNameSchema = z
  .string()
  .trim()
  .regex(deviceName, "expected a device name (letters, digits, spaces and ' . _ ( ) -, at most 128)");

/** A managed device: its Intune id or Entra device id (GUID), or its name. */
export const deviceReferenceSchema = z
  .string()
  .trim()
  .refine(
    (value) => guid.test(value) || deviceName.test(value),
    'expected a managed device id (GUID) or a device name',
  );

/** An operating system as Intune reports it: `Windows`, `macOS`, `iOS`, `Android`. */
export const operatingSystemSchema = z
  .string()
  .trim()
  .regex(operatingSystem, 'expected an operating system name such as Windows, macOS, iOS or Android');
