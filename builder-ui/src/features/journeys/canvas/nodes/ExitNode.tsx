import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { JourneyFlowNode } from '../convert';
import { NodeFrame } from './NodeFrame';

export const ExitNode = memo(function ExitNode({ data, selected }: NodeProps<JourneyFlowNode>) {
  return <NodeFrame node={data.node} icon='circle-stop' selected={selected} />;
});
