import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { OptionalNotNull } from '@app/platform';

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

  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => CompanyDto)
  company?: CompanyDto;
}
