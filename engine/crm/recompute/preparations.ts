import type { CrmContext } from '../context';
import { prepareRfmModel } from '../rfm';
import type { SqlClient } from '../sql';

/** Workspace-wide state scoring needs before any chunk runs, so every chunk judges by the same yardstick. */
export type WorkspacePreparation = (client: SqlClient, context: CrmContext) => Promise<unknown>;

/** RFM quintile boundaries over all the workspace's customers (a no-op for the threshold model). */
export const workspacePreparations: readonly WorkspacePreparation[] = [prepareRfmModel];
