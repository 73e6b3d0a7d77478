import { ArrayMinSize, IsEmail, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ValidationError } from './api-errors';
import { createValidationPipe, invalidFieldsOf } from './validation.pipe';

class RoleDto {
  @IsIn(['owner', 'normal'])
  role!: string;
}

class AccountDto {
  @IsEmail()
  email!: string;

  @IsString()
  @MaxLength(5)
  name!: string;

  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => RoleDto)
  roles!: RoleDto[];
}

async function rejectionOf(body: unknown): Promise<ValidationError> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: AccountDto });
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('expected the pipe to reject the body');
}

describe('the validation pipe', () => {
  it('given nested invalid fields, when validated, then each is named by its dotted path with one message', async () => {
    const error = await rejectionOf({ email: 'nope', name: 'far too long', roles: [{ role: 'owner' }, { role: 'king' }] });

    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(error.invalidFields).toEqual({
      email: 'email must be an email',
      name: 'name must be shorter than or equal to 5 characters',
      'roles.1.role': expect.stringContaining('role must be one of'),
    });
  });

  it('given a valid body with unknown fields, when validated, then it becomes the DTO without them', async () => {
    const dto = await createValidationPipe().transform(
      { email: 'a@example.com', name: 'Ann', roles: [{ role: 'owner', extra: 1 }], is_admin: true },
      { type: 'body', metatype: AccountDto },
    );

    expect(dto).toBeInstanceOf(AccountDto);
    expect(dto).toEqual({ email: 'a@example.com', name: 'Ann', roles: [{ role: 'owner' }] });
  });

  it('given an error without a property, when flattened, then it is reported on the body', () => {
    expect(invalidFieldsOf([{ property: '', constraints: { unknownValue: 'an unknown value was passed' }, children: [] }])).toEqual({
      body: 'an unknown value was passed',
    });
  });
});
