const LABELS = { draft: 'Draft', active: 'Active', paused: 'Paused', archived: 'Archived' } as const;

export function StatusBadge({ status }: { status: keyof typeof LABELS }) {
  return <span className={`status-badge status-${status}`}>{LABELS[status]}</span>;
}
