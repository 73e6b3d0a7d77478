import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { parseScopeList } from '../domain';

/** Optional, but not null: handlers read a present field as a value, and null crashed them (500). */
const present = (_: unknown, value: unknown) => value !== undefined;

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

  @ValidateIf(present)
  @IsString()
  @MaxLength(32)
  visibility?: string;

  /** Comma-joined allowed redirect URIs. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  redirect_uri!: string;

  @ValidateIf(present)
  @Transform(toScopeArray)
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  scopes?: string[];
}

export class UpdateOAuthClientDto {
  @ValidateIf(present)
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name?: string;

  @ValidateIf(present)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  redirect_uri?: string;

  @ValidateIf(present)
  @Transform(toScopeArray)
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  scopes?: string[];
}
