import { AccountRepo } from './account-repo.js';
import { AssetRepo } from './asset-repo.js';
import { AuditRepo } from './audit-repo.js';
import type { RepoContext } from './codec.js';
import { ConnectionRepo } from './connection-repo.js';
import { ReferenceRepo } from './reference-repo.js';
import { RunLockRepo } from './run-lock-repo.js';
import { RunRepo } from './run-repo.js';
import { UserRepo } from './user-repo.js';

export interface Repos {
  readonly accounts: AccountRepo;
  readonly assets: AssetRepo;
  readonly audit: AuditRepo;
  readonly connections: ConnectionRepo;
  readonly reference: ReferenceRepo;
  readonly runLocks: RunLockRepo;
  readonly runs: RunRepo;
  readonly users: UserRepo;
}

export function createRepos(ctx: RepoContext): Repos {
  return {
    accounts: new AccountRepo(ctx),
    assets: new AssetRepo(ctx),
    audit: new AuditRepo(ctx),
    connections: new ConnectionRepo(ctx),
    reference: new ReferenceRepo(ctx),
    runLocks: new RunLockRepo(ctx),
    runs: new RunRepo(ctx),
    users: new UserRepo(ctx),
  };
}
