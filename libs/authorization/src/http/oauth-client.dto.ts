import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
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

  @IsOptional()
  @IsString()
  @MaxLength(32)
  visibility?: string;

  /** Comma-joined allowed redirect URIs. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  redirect_uri!: string;

  @IsOptional()
  @Transform(toScopeArray)
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  scopes?: string[];
}

export class UpdateOAuthClientDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  redirect_uri?: string;

  @IsOptional()
  @Transform(toScopeArray)
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  scopes?: string[];
}
