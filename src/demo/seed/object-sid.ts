/**
 * The security identifier Entra ID gives a cloud object (`S-1-12-1-` and the object id's 16 bytes read as four
 * little-endian 32-bit numbers): a group's `securityIdentifier`, a user's SID on an Entra-joined device; and
 * the GUID bytes it is read from. It never invents anything: both follow from the object id.
 */

/**
 * The object id's 16 bytes in GUID byte order: the first three fields, written big-endian in the text, are
 * stored little-endian. Entra composes SIDs and role assignment ids from these bytes.
 */
export function guidBytes(objectId: string): Buffer {
  const hex = objectId.replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`not a GUID: ${objectId}`);
  const swap = (part: string) => part.match(/../g)!.reverse().join('');
  return Buffer.from(
    swap(hex.slice(0, 8)) + swap(hex.slice(8, 12)) + swap(hex.slice(12, 16)) + hex.slice(16),
    'hex',
  );
}

/** `S-1-12-1-a-b-c-d` for the GUID `objectId`. */
export function objectSid(objectId: string): string {
  const bytes = guidBytes(objectId);
  const parts = [0, 4, 8, 12].map((offset) => bytes.readUInt32LE(offset));
  return `S-1-12-1-${parts.join('-')}`;
}
