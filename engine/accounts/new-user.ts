import { AccountError } from './errors';
import { isEmailAddress, normalizeEmail } from './email';
import { hashPassword, passwordProblem } from './passwords';

/** What sign-up forms send (setup, invitations, OWNER_*): checked before anything is written. */
export interface NewUserInput {
  readonly email: string;
  readonly name: string;
  readonly password: string;
}

export interface CheckedNewUser {
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
}

/**
 * Validates a new person and hashes the password, outside any transaction (the hash takes a
 * few hundred milliseconds and must not hold locks). Errors name the field as `<prefix>.<field>`.
 */
export async function checkNewUser(input: NewUserInput, prefix = 'body'): Promise<CheckedNewUser> {
  const email = normalizeEmail(input.email);
  if (!isEmailAddress(email)) throw new AccountError('invalid', 'is not an email address', `${prefix}.email`);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 120) throw new AccountError('invalid', 'must be 1 to 120 characters', `${prefix}.name`);
  const problem = passwordProblem(input.password, email);
  if (problem) throw new AccountError('invalid', problem, `${prefix}.password`);
  return { email, name, passwordHash: await hashPassword(input.password) };
}
