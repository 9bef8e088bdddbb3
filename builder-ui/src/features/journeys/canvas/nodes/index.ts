import type { NodeTypes } from '@xyflow/react';
import { ActionNode } from './ActionNode';
import { BranchNode } from './BranchNode';
import { ExitNode } from './ExitNode';
import { TriggerNode } from './TriggerNode';
import { WaitNode } from './WaitNode';

/** At module scope, as React Flow asks: a new object each render would remount every node. */
export const nodeTypes: NodeTypes = { trigger: TriggerNode, wait: WaitNode, branch: BranchNode, action: ActionNode, exit: ExitNode };
