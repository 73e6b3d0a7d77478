import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

const present = (_: unknown, value: unknown) => value !== undefined;

export class CompanyDto {
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  website?: string;
}

export class OrganizationDto {
  @IsOptional()
  @IsString()
  @MaxLength(127)
  name?: string;

  // Optional, but not null: the company is an object (clear its fields one by one).
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => CompanyDto)
  company?: CompanyDto;
}
