import { Type } from 'typebox';

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('editor'), Type.Literal('viewer')], {
  description: 'admin: members, keys, settings and everything editors do; editor: journeys, segments, templates, contacts; viewer: reads only.',
});
const Timestamp = Type.String({ format: 'date-time' });
const Id = Type.String({ format: 'uuid' });

export const WorkspaceOfPerson = Type.Object({ id: Id, name: Type.String(), slug: Type.String(), role: Role });

export const SessionView = Type.Object({
  user: Type.Object({ id: Id, email: Type.String(), name: Type.String(), isOwner: Type.Boolean({ description: 'The instance owner: admin of every workspace.' }) }),
  workspace: Type.Union([WorkspaceOfPerson, Type.Null()], { description: 'The workspace this session works in; null for a person who belongs to none.' }),
  workspaces: Type.Array(WorkspaceOfPerson, { description: 'Every workspace the person may switch to.' }),
  csrfToken: Type.String({ description: 'Send it as the "x-csrf-token" header with every write this session makes.' }),
  expiresAt: Timestamp,
});

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    workspaceId: Type.Optional(Type.String({ format: 'uuid', description: 'Start in this workspace (default: the first one joined).' })),
  },
  { additionalProperties: false },
);

export const SwitchWorkspaceBody = Type.Object({ workspaceId: Id }, { additionalProperties: false });

export const SessionList = Type.Object({
  sessions: Type.Array(
    Type.Object({
      id: Id,
      current: Type.Boolean(),
      createdAt: Timestamp,
      lastSeenAt: Timestamp,
      expiresAt: Timestamp,
      userAgent: Type.Union([Type.String(), Type.Null()]),
      clientAddress: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const SessionsEnded = Type.Object({ ended: Type.Integer({ description: 'How many sessions were signed out.' }) });

export const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1024, description: 'At least 12 characters, not a common password, not containing the email address.' }),
  },
  { additionalProperties: false },
);
export const PasswordChanged = Type.Object({ sessionsEnded: Type.Integer({ description: 'Other sessions signed out by the change.' }) });

export const CreateWorkspaceBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    slug: Type.Optional(Type.String({ minLength: 1, maxLength: 48, description: 'URL-safe handle; derived from the name when omitted.' })),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA zone, default UTC.' })),
    currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3, description: 'ISO 4217 code, default USD.' })),
  },
  { additionalProperties: false },
);

export const WorkspaceList = Type.Object({ workspaces: Type.Array(WorkspaceOfPerson) });

export const Member = Type.Object({ userId: Id, email: Type.String(), name: Type.String(), role: Role, isOwner: Type.Boolean(), joinedAt: Timestamp });
export const MemberList = Type.Object({ members: Type.Array(Member) });
export const MemberParams = Type.Object({ userId: Id });
export const RoleBody = Type.Object({ role: Role }, { additionalProperties: false });
export const RoleChanged = Type.Object({ userId: Id, role: Role });
export const MemberRemoved = Type.Object({ userId: Id, removed: Type.Literal(true) });

export const InviteBody = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }), role: Role }, { additionalProperties: false });
export const Invitation = Type.Object({ id: Id, email: Type.String(), role: Role, createdAt: Timestamp, expiresAt: Timestamp });
export const InvitationList = Type.Object({ invitations: Type.Array(Invitation) });
export const InvitationParams = Type.Object({ invitationId: Id });
export const AcceptBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 100, description: 'The token of the invitation link (`/invitations/<token>`).' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'Required for a new account.' })),
    password: Type.String({ minLength: 1, maxLength: 1024, description: 'A new password, or the existing account\'s password.' }),
  },
  { additionalProperties: false },
);
