import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { JourneyFlowNode } from '../convert';
import { NodeFrame } from './NodeFrame';

export const WaitNode = memo(function WaitNode({ data, selected }: NodeProps<JourneyFlowNode>) {
  return <NodeFrame node={data.node} icon='hourglass' selected={selected} />;
});
