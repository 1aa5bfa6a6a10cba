const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The server's snippet (escaped text with <mark> around matches) as React nodes, no raw HTML. */
export function Snippet({ html }: { html: string }) {
  const parts = html.split(/<\/?mark>/);
  return (
    <>
      {parts.map((part, index) => (index % 2 ? <mark key={index}>{decode(part)}</mark> : decode(part)))}
    </>
  );
}
