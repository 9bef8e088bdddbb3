import { html, type Html } from './html';
import { page, type Brand } from './layout';

/** The header of a page whose link could not be trusted to name its workspace. */
export const NEUTRAL_BRAND: Brand = { name: 'Subscription preferences' };

/** A page that only says something (a bad link, a done confirmation), optionally with one form. */
export function messagePage(brand: Brand, title: string, paragraphs: readonly string[], extra?: Html): string {
  return page({ title, brand, content: html`<h1>${title}</h1>${paragraphs.map((text) => html`<p>${text}</p>`)}${extra}` });
}

/** A link that is not ours (tampered, forged, truncated) or names a contact that is gone. */
export const invalidLinkPage = (brand: Brand = NEUTRAL_BRAND): string =>
  messagePage(brand, 'This link is not valid', ['The link may be incomplete or mistyped. Use the link in a recent email from us; nothing has been changed.']);

/** A link we made whose time is up: the workspace is known (the signature held), so its name shows. */
export const expiredLinkPage = (brand: Brand): string =>
  messagePage(brand, 'This link has expired', ['For your security, these links work for a limited time. Use the link in a recent email from us; nothing has been changed.']);
