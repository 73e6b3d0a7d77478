import { Type } from 'class-transformer';
import { IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { OptionalNotNull } from '@app/platform';

const PRODUCTS = ['Accounts', 'LiveChat'] as const;

/** A role by id, or by product and name. */
export class RoleReferenceDto {
  @ValidateIf((r: RoleReferenceDto) => r.product === undefined && r.role === undefined)
  @IsUUID()
  role_id?: string;

  @ValidateIf((r: RoleReferenceDto) => r.role_id === undefined)
  @IsString()
  @MaxLength(64)
  product?: string;

  @ValidateIf((r: RoleReferenceDto) => r.role_id === undefined)
  @IsString()
  @MaxLength(64)
  role?: string;
}

export class AccountFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(191)
  name?: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(255)
  avatar_url?: string | null;

  @IsOptional()
  @IsIn(PRODUCTS)
  default_product?: (typeof PRODUCTS)[number];
}

export class CreateAccountDto extends AccountFieldsDto {
  @IsEmail({}, { message: 'invalid email address' })
  @MaxLength(128)
  email!: string;

  // Absent means "no password yet"; null is not a password and must not reach the hasher (it was a 500).
  @OptionalNotNull()
  @IsString()
  @MinLength(8)
  @MaxLength(255)
  password?: string;

  @OptionalNotNull()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleReferenceDto)
  roles?: RoleReferenceDto[];
}

export class SetRolesDto {
  @OptionalNotNull()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleReferenceDto)
  set_roles?: RoleReferenceDto[];

  @OptionalNotNull()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RoleReferenceDto)
  delete_roles?: RoleReferenceDto[];
}

export class SetPasswordDto {
  @IsString()
  @MinLength(8)
  @MaxLength(255)
  password!: string;
}
