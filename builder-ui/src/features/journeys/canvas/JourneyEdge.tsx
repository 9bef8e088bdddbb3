import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo, useState, type DragEvent } from 'react';
import { PALETTE_MIME } from './palette-items';

/**
 * An edge with a drop target at its middle: dropping a palette item there inserts the step
 * into the connection (the one edge becomes two).
 */
export const JourneyEdge = memo(function JourneyEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected, data }: EdgeProps) {
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 12 });
  const [over, setOver] = useState(false);
  const share = typeof data?.share === 'string' ? data.share : undefined;
  const accepts = (event: DragEvent) => event.dataTransfer.types.includes(PALETTE_MIME);
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd !== undefined && { markerEnd })} className={selected ? 'edge-selected' : undefined} />
      <EdgeLabelRenderer>
        <div
          className={`edge-drop${over ? ' is-over' : ''}${share ? ' has-share' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-edge-id={id}
          onDragOver={(event) => {
            if (!accepts(event)) return;
            event.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={() => {
            setOver(false);
            document.body.classList.remove('dragging-step');
          }}
          title="Drop a step here to insert it"
        >
          {share ?? '+'}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

export const edgeTypes = { journey: JourneyEdge };
