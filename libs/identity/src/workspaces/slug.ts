export const SLUG_FORMAT = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

/** `Demo Studio Partnerships` → `demo-studio-partnerships` */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'workspace';
}
