import type { EmailContent } from '../../activities/channels/email/compose';

export interface InvitationEmailInput {
  readonly workspaceName: string;
  readonly inviterName: string;
  readonly role: string;
  readonly acceptUrl: string;
  readonly validDays: number;
}

/**
 * The invitation email. Names enter as Liquid variables through `composeEmail`, escaped in the
 * HTML part, so a workspace or person named like markup or Liquid is shown, never run.
 */
export function invitationEmail(input: InvitationEmailInput): { content: EmailContent; variables: Record<string, unknown> } {
  const days = input.validDays === 1 ? '1 day' : `${input.validDays} days`;
  const html = `<!doctype html><html lang="en"><body style="margin:0;padding:24px;background:#f3f4f6;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#111827">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:28px">
<h1 style="margin:0 0 12px;font-size:22px;line-height:1.3">Join {{ workspace | escape }} on Journey Engine</h1>
<p style="margin:0 0 20px;font-size:16px;line-height:1.5">{{ inviter | escape }} invited you to the workspace {{ workspace | escape }} as {{ role | escape }}.</p>
<p style="margin:0 0 24px"><a href="{{ accept_url | escape }}" style="display:inline-block;background:#4338ca;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 24px;border-radius:8px">Accept the invitation</a></p>
<p style="margin:0;font-size:14px;line-height:1.5;color:#4b5563">The link works once, for ${days}. If you did not expect it, ignore this email.</p>
</div></body></html>`;
  const text = `Join {{ workspace }} on Journey Engine

{{ inviter }} invited you to the workspace {{ workspace }} as {{ role }}. Accept the invitation:

{{ accept_url }}

The link works once, for ${days}. If you did not expect it, ignore this email.
`;
  return {
    content: { subject: '{{ inviter }} invited you to {{ workspace }}', html, text },
    variables: { workspace: input.workspaceName, inviter: input.inviterName, role: input.role, accept_url: input.acceptUrl },
  };
}
