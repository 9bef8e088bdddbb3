import type { NodeStats } from '../../../../api/journeys';

const count = new Intl.NumberFormat(undefined, { notation: 'compact' });

/** Live numbers on a node: who reached it, who is waiting there, who moved on, failed or met the goal; message statuses on sends. */
export function NodeStatsStrip({ stats, sends }: { stats: NodeStats; sends: boolean }) {
  const figures: [string, number][] = [
    ['entered', stats.entered],
    ['in progress', stats.inProgress],
    ['completed', stats.completed],
    ['failed', stats.failed],
    ['goal', stats.exitedByGoal],
  ];
  const messages: [string, number][] = [
    ['sent', stats.messages.sent],
    ['delivered', stats.messages.delivered],
    ['opened', stats.messages.opened],
    ['clicked', stats.messages.clicked],
    ['skipped', stats.skipped],
  ];
  return (
    <dl className="node-stats" aria-label="Statistics">
      {figures.map(([name, value]) => (
        <div key={name} className={value > 0 && name === 'failed' ? 'stat-bad' : undefined}>
          <dt>{name}</dt>
          <dd>{count.format(value)}</dd>
        </div>
      ))}
      {sends &&
        messages.map(([name, value]) => (
          <div key={name} className="stat-message">
            <dt>{name}</dt>
            <dd>{count.format(value)}</dd>
          </div>
        ))}
    </dl>
  );
}
