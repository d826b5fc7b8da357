/** How serious a device finding or answer is, on the same scale as every Ward answer. Types only. */

/** A risk level or severity: `none` for nothing found, `unknown` when Ward could not tell. */
export type Level = 'none' | 'low' | 'medium' | 'high' | 'critical' | 'unknown';
