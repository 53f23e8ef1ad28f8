/**
 * Language codes as the supergraph spells them (lyrics stores them, analytics filters by them): ICU
 * canonicalises `eng` to `en` and `iw` to `he`, so each language has one spelling; codes ICU has no
 * name for (`xx`, `und`) are refused. `zxx` ("no linguistic content", instrumental) is a code ICU
 * names, so it is accepted. One rule here, so that every subgraph canonicalises alike.
 */
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The canonical code of a lower-case ISO 639-1/-3 code, or null when it is not one. */
export function canonicalLanguage(code: string): string | null {
  if (!/^[a-z]{2,3}$/.test(code)) return null;
  const canonical = Intl.getCanonicalLocales(code)[0];
  return canonical && languageNames.of(canonical) ? canonical : null;
}
