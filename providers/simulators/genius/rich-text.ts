/**
 * Genius's RichText: a description comes in the formats `text_format` asks for (comma-separated,
 * `dom` by default): `dom` is a tree `{tag: "root", children: [{tag: "p", children: [...]}]}`,
 * `plain` the bare text, `html` a paragraph. An empty description reads "?", as on Genius.
 */
export type TextFormat = 'dom' | 'plain' | 'html' | 'markdown';
const FORMATS: TextFormat[] = ['dom', 'plain', 'html', 'markdown'];

export function parseTextFormats(raw: unknown): TextFormat[] {
  const asked = typeof raw === 'string' ? raw.split(',').map((f) => f.trim()) : [];
  const formats = asked.filter((f): f is TextFormat => (FORMATS as string[]).includes(f));
  return formats.length > 0 ? formats : ['dom'];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function richText(text: string, formats: TextFormat[]): Record<string, unknown> {
  const body = text.trim() || '?';
  const rich: Record<string, unknown> = {};
  for (const format of formats) {
    if (format === 'dom') rich.dom = { tag: 'root', children: [{ tag: 'p', children: [body] }] };
    if (format === 'plain') rich.plain = body;
    if (format === 'html') rich.html = `<p>${escapeHtml(body)}</p>`;
    if (format === 'markdown') rich.markdown = body;
  }
  return rich;
}
