import type { EmailContent } from '../../../activities/channels/email/compose';
import { brandColours } from '../pages/colours';

export interface ConfirmationEmailInput {
  readonly brandName: string;
  readonly brandColour: string | undefined;
  readonly confirmUrl: string;
  readonly validDays: number;
}

/**
 * The double opt-in email. It goes through `composeEmail` like every email, so the brand name
 * and link enter as Liquid variables, escaped in the HTML part, and a brand name that looks
 * like Liquid is never rendered. Inline styles only: mail clients drop style sheets.
 */
export function confirmationEmail(input: ConfirmationEmailInput): { content: EmailContent; variables: Record<string, unknown> } {
  const { accent } = brandColours(input.brandColour);
  const days = input.validDays === 1 ? '1 day' : `${input.validDays} days`;
  const html = `<!doctype html><html lang="en"><body style="margin:0;padding:24px;background:#f3f4f6;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#111827">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:28px">
<p style="margin:0 0 16px;font-size:18px;font-weight:700">{{ brand | escape }}</p>
<h1 style="margin:0 0 12px;font-size:22px;line-height:1.3">Please confirm your subscription</h1>
<p style="margin:0 0 20px;font-size:16px;line-height:1.5">You asked to receive marketing email from {{ brand | escape }}. Confirm that this address is yours and that you want it:</p>
<p style="margin:0 0 24px"><a href="{{ confirm_url | escape }}" style="display:inline-block;background:${accent};color:#ffffff;text-decoration:none;font-weight:600;padding:12px 24px;border-radius:8px">Confirm my subscription</a></p>
<p style="margin:0 0 8px;font-size:14px;line-height:1.5;color:#4b5563">The link works for ${days}. If you did not ask for this, ignore this email: you will not be subscribed.</p>
</div></body></html>`;
  const text = `Please confirm your subscription

You asked to receive marketing email from {{ brand }}. Confirm that this address is yours and that you want it:

{{ confirm_url }}

The link works for ${days}. If you did not ask for this, ignore this email: you will not be subscribed.
`;
  return {
    content: { subject: 'Confirm your subscription to {{ brand }}', html, text },
    variables: { brand: input.brandName, confirm_url: input.confirmUrl },
  };
}
