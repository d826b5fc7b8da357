/** Country names from the ISO codes Entra uses in sign-in locations ("NL" → "Netherlands"). */
const names = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryName(code: string | null | undefined): string {
  if (!code) return 'an unknown country';
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "Seattle, United States" from a sign-in or detection location. */
export function placeName(
  location: { city?: string | null; countryOrRegion?: string | null } | null | undefined,
): string {
  if (!location) return 'unknown location';
  const country = location.countryOrRegion ? countryName(location.countryOrRegion) : undefined;
  return [location.city, country].filter(Boolean).join(', ') || 'unknown location';
}
