import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '@app/platform';
import { parseScopeList } from '../domain';

export class CreatePersonalAccessTokenDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name!: string;

  /** An array, or a comma- or space-separated string. Absent: all of the caller's scopes. */
  @OptionalNotNull()
  @Transform(({ value }) => (typeof value === 'string' ? parseScopeList(value) : value))
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  scopes?: string[];
}
