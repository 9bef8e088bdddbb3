import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { JourneyFlowNode } from '../convert';
import { NodeFrame } from './NodeFrame';

export const BranchNode = memo(function BranchNode({ data, selected }: NodeProps<JourneyFlowNode>) {
  return <NodeFrame node={data.node} icon='git-branch' selected={selected} />;
});
