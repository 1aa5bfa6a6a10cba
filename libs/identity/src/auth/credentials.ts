/**
 * The secret in an Authorization header: `Bearer <token or key>`, or `Basic` with the API key as
 * the user name (what analytics SDKs send). Undefined when there is no header, '' when unusable.
 */
export function credentialFrom(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (!match) return '';
  const [, scheme, value] = match;
  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    return separator === -1 ? decoded : decoded.slice(0, separator);
  }
  return '';
}
