/**
 * Reads an HTTP `Link` header (RFC 8288), as the ServiceNow Table API sends it for paging:
 * `<https://x.service-now.com/api/now/table/incident?sysparm_offset=10&...>;rel="next",<...>;rel="last"`.
 * It never resolves or follows the links; the caller checks where they point.
 */

/** The target of the link with relation `rel` (e.g. `next`), or `undefined`. */
export function linkFromHeader(header: string | null | undefined, rel: string): string | undefined {
  if (!header) return undefined;
  // URLs are delimited by <>, so commas inside them (e.g. in sysparm_fields) do not split links.
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const params = match[2] ?? '';
    const relation = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const values = (relation?.[1] ?? relation?.[2] ?? '').toLowerCase().split(/\s+/);
    if (values.includes(rel.toLowerCase())) return match[1];
  }
  return undefined;
}
