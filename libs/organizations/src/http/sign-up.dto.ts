import { Type } from 'class-transformer';
import { IsEmail, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { OrganizationDto } from './update-organization.dto';

export class SignUpDto {
  @IsEmail({}, { message: 'invalid email address' })
  @MaxLength(128)
  email!: string;

  @IsOptional()
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
