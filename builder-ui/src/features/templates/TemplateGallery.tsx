import { JOURNEY_TEMPLATES, type JourneyTemplate } from '../../../../engine/journey/templates';
import { Icon } from '../../components/Icon';

/** The template gallery: journey files from the repository, each compiled and linted clean by a test. */
export function TemplateGallery({ onChoose, disabled }: { onChoose: (template: JourneyTemplate) => void; disabled: boolean }) {
  return (
    <ul className="template-gallery">
      {JOURNEY_TEMPLATES.map((template) => (
        <li key={template.key}>
          <button type="button" className="template-card" disabled={disabled} onClick={() => onChoose(template)}>
            <span className="template-icon">
              <Icon name={template.icon} size={20} />
            </span>
            <span className="template-title">{template.title}</span>
            <span className="template-summary">{template.summary}</span>
            <span className="template-meta">
              {template.draft.nodes.length} steps · {template.channels.join(', ')}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
