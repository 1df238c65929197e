/**
 * Accounts as people wrote them. The rules compare accounts by `accountKey` (case and extra spaces
 * ignored); a report shows each account once, spelt as it was first written in the workspace.
 */
import { accountKey } from '../model';

export class AccountNames {
  private readonly names = new Map<string, string>();

  /** The display name for this spelling, remembering it if the account is new. */
  name(account: string): string {
    const key = accountKey(account);
    let name = this.names.get(key);
    if (name === undefined) {
      name = account.trim().replace(/\s+/g, ' ');
      this.names.set(key, name);
    }
    return name;
  }
}
