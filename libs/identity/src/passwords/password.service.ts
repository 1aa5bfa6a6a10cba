import { InvalidInputException } from '@greenlight/common';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** argon2id with the OWASP baseline: 19 MiB, 2 passes, 1 lane. */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  private dummyHash?: Promise<string>;

  /** Refuses a password that breaks the policy, with a message naming the field. */
  checkPolicy(password: string, email?: string, field = 'password'): void {
    if (password.length < PASSWORD_MIN_LENGTH) {
      throw InvalidInputException.field(
        field,
        `${field} must be at least ${PASSWORD_MIN_LENGTH} characters long`,
      );
    }
    if (password.length > PASSWORD_MAX_LENGTH) {
      throw InvalidInputException.field(
        field,
        `${field} must be at most ${PASSWORD_MAX_LENGTH} characters long`,
      );
    }
    if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
      throw InvalidInputException.field(field, `${field} must not be the email address`);
    }
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, HASH_OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    if (password.length > PASSWORD_MAX_LENGTH) return false;
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of a real verification, so an unknown email cannot be told apart by timing. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** A random password for a new account, shown once (CLI). */
  generate(): string {
    return randomBytes(15).toString('base64url');
  }
}
