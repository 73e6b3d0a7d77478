/** The products an account can open by default (the spec's default_product enum). */
export const PRODUCTS = ['Accounts', 'LiveChat'] as const;
export type Product = (typeof PRODUCTS)[number];

export const DEFAULT_PRODUCT: Product = 'Accounts';

export function isProduct(value: unknown): value is Product {
  return (PRODUCTS as readonly unknown[]).includes(value);
}
