import { InvalidInputException } from '@greenlight/common';
import { PasswordService } from './password.service';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  it.each([
    ['short', 'password must be at least 12 characters long'],
    ['x'.repeat(201), 'password must be at most 200 characters long'],
    ['Ana@Studio.test', 'password must not be the email address'],
  ])('refuses %j naming the field', (password, message) => {
    const error = (() => {
      try {
        passwords.checkPolicy(password, 'ana@studio.test');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputException);
    expect((error as InvalidInputException).fields).toEqual([{ path: 'password', message }]);
  });

  it('accepts a long enough password and can name another field', () => {
    expect(() => passwords.checkPolicy('twelve chars', 'ana@studio.test')).not.toThrow();
    expect(() => passwords.checkPolicy('short', undefined, 'newPassword')).toThrow(
      'newPassword must be at least 12',
    );
  });

  it('hashes with argon2id, salted, and verifies only the right password', async () => {
    const hash = await passwords.hash('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await passwords.hash('correct horse battery')).not.toBe(hash);
    await expect(passwords.verify(hash, 'correct horse battery')).resolves.toBe(true);
    await expect(passwords.verify(hash, 'correct horse batterY')).resolves.toBe(false);
    await expect(passwords.verify('not a hash', 'correct horse battery')).resolves.toBe(false);
    await expect(passwords.verifyNothing('anything')).resolves.toBe(false);
  });

  it('generates one-time passwords that pass the policy', () => {
    const generated = passwords.generate();
    expect(generated).not.toBe(passwords.generate());
    expect(() => passwords.checkPolicy(generated)).not.toThrow();
  });
});
