/**
 * Whether a URL points at this machine (127.0.0.0/8, ::1, localhost). The clients allow plain http only
 * there (the demo tenant), and never send a bearer token over it.
 * It never resolves names: `localhost` counts, any other name does not, whatever it resolves to.
 */

/** True when `url`'s host is a loopback address or `localhost`. */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
