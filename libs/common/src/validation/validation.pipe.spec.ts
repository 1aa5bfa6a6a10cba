import { Type } from 'class-transformer';
import { IsEmail, IsString, MaxLength, ValidateNested } from 'class-validator';
import { InvalidInputException } from '../errors/exceptions';
import { createValidationPipe } from './validation.pipe';

class PhoneInput {
  @IsString()
  @MaxLength(5)
  number: string;
}

class ContactInput {
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @ValidateNested()
  @Type(() => PhoneInput)
  phone: PhoneInput;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const run = (value: unknown) => pipe.transform(value, { type: 'body', metatype: ContactInput, data: 'input' });

  it('names every bad field with a dotted path', async () => {
    const error = await run({ email: 'nope', phone: { number: '1234567' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputException);
    expect((error as InvalidInputException).fields).toEqual([
      { path: 'input.email', message: 'input.email must be an email address' },
      { path: 'input.phone.number', message: 'input.phone.number must be shorter than or equal to 5 characters' },
    ]);
  });

  it('refuses unknown properties', async () => {
    const error = (await run({ email: 'a@b.co', phone: { number: '1' }, admin: true }).catch((e: unknown) => e)) as InvalidInputException;
    expect(error.fields).toEqual([{ path: 'input.admin', message: 'input.admin is not an accepted field' }]);
  });

  it('leaves paths as they are for arguments without a name', async () => {
    const error = (await pipe.transform({ email: 'x', phone: { number: '1' } }, { type: 'body', metatype: ContactInput }).catch((e: unknown) => e)) as InvalidInputException;
    expect(error.fields).toEqual([{ path: 'email', message: 'email must be an email address' }]);
  });

  it('passes valid input through as an instance', async () => {
    await expect(run({ email: 'a@b.co', phone: { number: '1' } })).resolves.toBeInstanceOf(ContactInput);
  });

  it('hands a field resolver its parent as it is, without copying or checking it', async () => {
    const parent = Object.assign(new ContactInput(), { email: 'not an address', extra: 'kept' });
    const graphqlParent = { type: 0 as unknown as 'custom', metatype: ContactInput };
    await expect(pipe.transform(parent, graphqlParent)).resolves.toBe(parent);
    // the same value as input is refused
    await expect(run(parent)).rejects.toBeInstanceOf(InvalidInputException);
  });
});
