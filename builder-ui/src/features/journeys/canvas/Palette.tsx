import { useMemo } from 'react';
import { Icon } from '../../../components/Icon';
import { useEditorContext } from './context';
import { PALETTE_MIME, paletteItems, type PaletteItem } from './palette-items';

/** Steps to drag onto the canvas (or onto a connection's +), grouped: messages, CRM, flow, custom. */
export function Palette({ onAdd }: { onAdd: (item: PaletteItem) => void }) {
  const { catalog, readOnly } = useEditorContext();
  const groups = useMemo(() => {
    const byGroup = new Map<string, PaletteItem[]>();
    for (const item of paletteItems(catalog)) byGroup.set(item.group, [...(byGroup.get(item.group) ?? []), item]);
    return [...byGroup];
  }, [catalog]);
  if (readOnly) return null;
  return (
    <aside className="palette" aria-label="Steps">
      {groups.map(([group, items]) => (
        <section key={group}>
          <h2>{group}</h2>
          <ul>
            {items.map((item) => (
              <li key={item.key}>
                <button
                  type="button"
                  className="palette-item"
                  draggable
                  title={`${item.description} — drag onto the canvas, or click to add below the selected step`}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(PALETTE_MIME, item.key);
                    event.dataTransfer.effectAllowed = 'copy';
                    // Shows every connection's drop target while a step is being dragged.
                    document.body.classList.add('dragging-step');
                  }}
                  onDragEnd={() => document.body.classList.remove('dragging-step')}
                  onClick={() => onAdd(item)}
                >
                  <Icon name={item.icon} />
                  <span>{item.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
