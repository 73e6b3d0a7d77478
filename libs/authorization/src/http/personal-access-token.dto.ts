import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { parseScopeList } from '../domain';

/** Optional, but not null: handlers read a present field as a value, and null crashed them (500). */
const present = (_: unknown, value: unknown) => value !== undefined;

export class CreatePersonalAccessTokenDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name!: string;

  /** An array, or a comma- or space-separated string. Absent: all of the caller's scopes. */
  @ValidateIf(present)
  @Transform(({ value }) => (typeof value === 'string' ? parseScopeList(value) : value))
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  scopes?: string[];
}
