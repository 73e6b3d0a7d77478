import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '@app/platform';
import { parseScopeList } from '../domain';

const toScopeArray = ({ value }: { value: unknown }) => (typeof value === 'string' ? parseScopeList(value) : value);

export class RegisterOAuthClientDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name!: string;

  /** `server_side_app` / `confidential`, or `javascript_app` / `native_app` / `public`. */
  @IsString()
  @MaxLength(32)
  type!: string;

  @OptionalNotNull()
  @IsString()
  @MaxLength(32)
  visibility?: string;

  /** Comma-joined allowed redirect URIs. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  redirect_uri!: string;

  @OptionalNotNull()
  @Transform(toScopeArray)
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  scopes?: string[];
}

export class UpdateOAuthClientDto {
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name?: string;

  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  redirect_uri?: string;

  @OptionalNotNull()
  @Transform(toScopeArray)
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  scopes?: string[];
}
