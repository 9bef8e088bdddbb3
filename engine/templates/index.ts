export { deleteTemplate } from './delete';
export { TemplateInUseError, TemplateInvalidError, TemplateNameTakenError, TemplateNotFoundError, type TemplateField } from './errors';
export { journeysUsingTemplate } from './in-use';
export { checkedTemplate, type TemplateInput } from './input';
export { listTemplates, MAX_PAGE_SIZE, type TemplateListing } from './list';
export { previewTemplate, type PreviewRequest, type PreviewSettings, type RenderedTemplate } from './preview';
export { createTemplate, getTemplate, updateTemplate } from './store';
export { TemplateView, viewOfTemplate } from './view';
