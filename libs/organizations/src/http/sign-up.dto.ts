import { Type } from 'class-transformer';
import { IsEmail, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested, ValidateIf } from 'class-validator';
import { OrganizationDto } from './update-organization.dto';

export class SignUpDto {
  @IsEmail({}, { message: 'invalid email address' })
  @MaxLength(128)
  email!: string;

  // Absent means "no password yet"; null is not a password and must not reach the hasher (it was a 500).
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(8)
  @MaxLength(255)
  password?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OrganizationDto)
  organization?: OrganizationDto;
}
