/**
 * The exception list: accounts Ward must never act on (break-glass accounts, other protected identities),
 * matched by object id or UPN, case-insensitively. Checked on every click, whatever the role of the clicker.
 */
export interface ProtectedAccounts {
  /** The reason when the account is protected, else undefined. */
  check(account: { id: string; userPrincipalName?: string | null }): string | undefined;
}

export function createProtectedAccounts(entries: readonly string[]): ProtectedAccounts {
  const set = new Set(entries.map((entry) => entry.toLowerCase()));
  return {
    check(account) {
      const hit = [account.id, account.userPrincipalName ?? '']
        .map((value) => value.toLowerCase())
        .find((value) => set.has(value));
      return hit
        ? `${account.userPrincipalName ?? account.id} is on Ward's exception list (protected accounts such as break-glass accounts): Ward never acts on it. Use the admin center with your own privileged session if this is truly needed.`
        : undefined;
    },
  };
}
