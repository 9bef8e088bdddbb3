import { brandColours } from './colours';
import { html, trusted, type Html } from './html';

export interface Brand {
  readonly name: string;
  /** `#rrggbb`; the product's colour when unset. */
  readonly colour?: string | undefined;
}

export interface PageInput {
  readonly title: string;
  readonly brand: Brand;
  readonly content: Html;
}

/**
 * The frame of every page a contact opens from an email: the workspace's name and colour,
 * one column that reads well from a phone to a desktop, no scripts, no external resources
 * (the page makes no request a mail scanner or tracker could observe), visible focus, and
 * system colours in forced-colours mode.
 */
export function page({ title, brand, content }: PageInput): string {
  const colours = brandColours(brand.colour);
  // Only the three computed #rrggbb colours enter the style sheet; nothing a workspace typed.
  const style = trusted(`:root{--brand:${colours.brand};--on-brand:${colours.onBrand};--accent:${colours.accent}}${STYLES}`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title} – ${brand.name}</title>
<style>${style}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="brand-bar"><div class="wrap"><p class="brand-name">${brand.name}</p></div></header>
<main id="main" class="wrap" tabindex="-1">
${content}
</main>
</body>
</html>
`.text;
}

const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.0625rem;line-height:1.55;color:#111827;background:#f3f4f6}
.wrap{max-width:40rem;margin:0 auto;padding:0 1.25rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:#111827;padding:.5rem 1rem;z-index:1}
.skip:focus{left:.5rem;top:.5rem}
.brand-bar{background:var(--brand);color:var(--on-brand);padding:1rem 0}
.brand-name{margin:0;font-size:1.25rem;font-weight:700;letter-spacing:.01em;overflow-wrap:anywhere}
main.wrap{padding-top:2rem;padding-bottom:3rem;outline:none}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.2rem;margin:0 0 .25rem}
p{margin:0 0 1rem}
.lead{color:#374151;overflow-wrap:anywhere}
a{color:var(--accent)}
.card{background:#fff;border:1px solid #d1d5db;border-radius:.75rem;padding:1.25rem 1.25rem .5rem;margin:0 0 1.25rem}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{padding:0;font-size:1.2rem;font-weight:700;margin:0 0 .75rem}
.topics{margin:.25rem 0 0;padding:.75rem 0 0;border-top:1px solid #e5e7eb}
.topics legend{font-size:1rem;font-weight:600;color:#374151;margin-bottom:.5rem}
.choice{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;align-items:start;margin:0 0 1rem}
.choice input{grid-row:1 / span 2;width:1.375rem;height:1.375rem;margin:.15rem 0 0;accent-color:var(--accent)}
.choice label{font-weight:600;cursor:pointer}
.hint{grid-column:2;color:#4b5563;font-size:.95rem;overflow-wrap:anywhere}
.note{grid-column:2;margin:.25rem 0 0;font-size:.95rem;color:#92400e}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1.5rem 0 2rem}
button{font:inherit;font-weight:600;border-radius:.5rem;padding:.75rem 1.5rem;min-height:2.75rem;cursor:pointer;border:2px solid var(--accent)}
.primary{background:var(--accent);color:#fff}
.primary:hover{filter:brightness(1.1)}
.secondary{background:#fff;color:#991b1b;border-color:#991b1b}
.secondary:hover{background:#fef2f2}
:focus-visible{outline:3px solid var(--accent);outline-offset:3px}
button:focus-visible{outline-color:#111827}
.message{border-radius:.5rem;padding:.875rem 1rem;margin:0 0 1.5rem;border:1px solid;font-weight:500}
.message p{margin:0}
.message p+p{margin-top:.5rem}
.success{background:#ecfdf5;border-color:#047857;color:#065f46}
.warning{background:#fffbeb;border-color:#b45309;color:#78350f}
.field{display:grid;gap:.3rem;margin:0 0 1.1rem}
.field label{font-weight:600}
.field .hint,.field .note{grid-column:auto;margin:0}
.field input{font:inherit;padding:.65rem .75rem;border:1px solid #6b7280;border-radius:.5rem;width:100%;background:#fff;color:#111827}
.field input[aria-invalid=true]{border-color:#b45309;border-width:2px}
.account-form{padding-bottom:1.25rem}
.account-form .actions{margin:1.25rem 0 0}
.danger-zone{border-top:1px solid #d1d5db;padding-top:1.5rem}
.fine{color:#4b5563;font-size:.95rem}
@media (max-width:30rem){body{font-size:1rem}h1{font-size:1.5rem}.actions button{width:100%}}
@media (forced-colors:active){.brand-bar{border-bottom:1px solid CanvasText}button{border:2px solid ButtonText}}
@media (prefers-reduced-motion:no-preference){button{transition:filter .15s,background-color .15s}}
`;
