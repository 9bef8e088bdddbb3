import { html, type Html } from '../../../consent/pages/html';
import { page, type Brand } from '../../../consent/pages/layout';

/** The product's own pages (setup, invitations) wear its name, not a workspace's. */
export const PRODUCT: Brand = { name: 'Journey Engine' };

export interface Field {
  readonly name: string;
  readonly label: string;
  readonly type: 'email' | 'text' | 'password';
  readonly autocomplete: string;
  readonly value?: string;
  readonly hint?: string;
}

/** A labelled input with its hint, and its error when the last submission was refused. */
function input(field: Field, error: { field: string; message: string } | undefined): Html {
  const invalid = error?.field === field.name;
  const describedBy = [field.hint && `${field.name}-hint`, invalid && `${field.name}-error`].filter(Boolean).join(' ');
  return html`<p class="field"><label for="${field.name}">${field.label}</label>
${field.hint ? html`<span class="hint" id="${field.name}-hint">${field.hint}</span>` : ''}
${invalid ? html`<span class="note" id="${field.name}-error">${error.message}</span>` : ''}
<input id="${field.name}" name="${field.name}" type="${field.type}" autocomplete="${field.autocomplete}" required${field.value === undefined ? '' : html` value="${field.value}"`}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${invalid ? html` aria-invalid="true"` : ''}></p>`;
}

export interface FormPage {
  readonly title: string;
  readonly lead: string;
  readonly action: string;
  readonly hidden: Readonly<Record<string, string>>;
  readonly fields: readonly Field[];
  readonly submit: string;
  readonly error?: { field: string; message: string } | undefined;
}

/** A one-form page without scripts; the browser posts it as a form and follows the redirect. */
export function formPage(form: FormPage): string {
  const general = form.error && !form.fields.some((field) => field.name === form.error?.field) ? form.error.message : undefined;
  return page({
    title: form.title,
    brand: PRODUCT,
    content: html`<h1>${form.title}</h1>
<p class="lead">${form.lead}</p>
${general ? html`<div class="message warning" role="alert"><p>${general}</p></div>` : ''}
<form method="post" action="${form.action}" class="card account-form">
${Object.entries(form.hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
${form.fields.map((field) => input(field, form.error))}
<div class="actions"><button class="primary" type="submit">${form.submit}</button></div>
</form>`,
  });
}
