/**
 * Turns a next-page link a service sent (ARM `nextLink`, a ServiceNow `Link: rel="next"`) into a path under
 * the client's base URL, so that paging never leaves the service: a link to another host (or outside the base
 * path) is refused, since following it would carry Ward's token or password there.
 * It never fetches anything.
 */
import { SourceUnavailableError } from '../core/errors.js';

/** `link` as a path (with query) relative to `baseUrl`, or a SourceUnavailableError naming `service`. */
export function relativeLink(link: string, baseUrl: string, service: string): string {
  const base = new URL(baseUrl);
  let target: URL;
  try {
    target = new URL(link, base);
  } catch (error) {
    throw new SourceUnavailableError(`${service} sent a next-page link Ward could not read; not followed.`, {
      cause: error,
    });
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  if (target.origin !== base.origin || !target.pathname.startsWith(`${basePath}/`)) {
    throw new SourceUnavailableError(
      `${service} sent a next-page link to another host (${target.origin}); not followed.`,
    );
  }
  return `${target.pathname.slice(basePath.length)}${target.search}`;
}
