import type { CrmContext } from '../context';
import type { SqlClient } from '../sql';

/** Workspace-wide state scoring needs before any chunk runs (e.g. RFM quintile boundaries). */
export type WorkspacePreparation = (client: SqlClient, context: CrmContext) => Promise<unknown>;

export const workspacePreparations: readonly WorkspacePreparation[] = [];
