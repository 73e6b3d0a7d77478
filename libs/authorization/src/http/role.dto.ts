import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PRODUCTS } from '../domain';

export class CreateRoleDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  role!: string;

  @IsIn(PRODUCTS)
  product!: string;

  /** Comma- or space-separated scopes. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  scope!: string;
}
