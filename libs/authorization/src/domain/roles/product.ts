/** The products a role can belong to (the spec's `product` enum). */
export const PRODUCTS = ['Accounts', 'LiveChat'] as const;

export type Product = (typeof PRODUCTS)[number];

export function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}
