/** Keys of the templates the project ships (`template.ts`), without their text. */
export const TEMPLATE_KEYS = ['kebutuhan-umkm'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
