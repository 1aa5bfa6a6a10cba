import type { CombinedError } from 'urql';

interface FieldProblem {
  field?: string;
  path?: string;
  message?: string;
}

/** The server's message as a sentence: with its full stop. */
export function sentence(message: string): string {
  const text = message.trim();
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** A sentence for a person: what went wrong and what to do about it. */
export function describeError(error: CombinedError | Error | unknown): string {
  const combined = error as Partial<CombinedError>;
  if (combined.networkError)
    return 'Greenlight could not be reached. Check your connection or that the server is running, then retry.';
  const first = combined.graphQLErrors?.[0];
  if (first) {
    const code = first.extensions?.code;
    if (code === 'UNAUTHENTICATED') return 'Your session has ended. Sign in again to continue.';
    if (code === 'FORBIDDEN') return 'Your role does not allow this. Ask a workspace admin if you need it.';
    if (code === 'NOT_FOUND')
      return `${sentence(first.message)} It may have been archived or removed: go back and pick another.`;
    if (code === 'RATE_LIMITED') return `${sentence(first.message)} Wait a few minutes before trying again.`;
    const fields = first.extensions?.fields as FieldProblem[] | undefined;
    if (code === 'BAD_USER_INPUT' && fields?.length) return fields.map((f) => f.message ?? f.field).join(' ');
    return sentence(first.message);
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Retry, and reload the page if it keeps happening.';
}
