/**
 * How the simulated YouTube and Genius searches read text: one normalisation and tokenisation for
 * titles, channel names and queries, so "Beyoncé" matches "beyonce" and a Japanese title with no
 * spaces still matches a query holding part of it. Shared by youtube/ and genius/ (both search the
 * same catalogue names); it knows nothing of either API.
 */

// Scripts written without spaces between words: split into overlapping character pairs instead.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case, compatibility forms folded (full-width letters), accents dropped, "&" read as "and". */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, ''); // "don't" and "dont" are one word
}

/** The search tokens of a text: words, and character pairs inside runs of Han / kana. */
export function tokenise(text: string): string[] {
  const tokens: string[] = [];
  for (const [word] of normaliseText(text).matchAll(WORD)) {
    if (!UNSPACED.test(word)) {
      tokens.push(word);
      continue;
    }
    let run = '';
    const flush = () => {
      if (run.length === 1) tokens.push(run);
      for (let i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
      run = '';
    };
    let plain = '';
    for (const char of word) {
      if (UNSPACED.test(char)) {
        if (plain) tokens.push(plain);
        plain = '';
        run += char;
      } else {
        flush();
        plain += char;
      }
    }
    flush();
    if (plain) tokens.push(plain);
  }
  return tokens;
}

/** Tokens joined back with single spaces: what "the query appears as a phrase in the title" compares. */
export function phraseOf(text: string): string {
  return tokenise(text).join(' ');
}

/**
 * A weighted inverted index: each document gives each of its tokens the weight of the best field it
 * appears in (title above channel name above description). `score` answers, per matching document,
 * the share of the query's inverse-document-frequency weight it covers, so rare words (the song
 * title) count more than common ones ("official", "video").
 */
export class TokenIndex {
  private readonly postings = new Map<string, { docs: number[]; weights: number[] }>();
  private documents = 0;

  /** Adds document number `doc` (0, 1, 2... in order) with its fields' tokens and their weights. */
  add(doc: number, fields: { tokens: string[]; weight: number }[]): void {
    const best = new Map<string, number>();
    for (const { tokens, weight } of fields) {
      for (const token of tokens) best.set(token, Math.max(best.get(token) ?? 0, weight));
    }
    for (const [token, weight] of best) {
      let posting = this.postings.get(token);
      if (!posting) this.postings.set(token, (posting = { docs: [], weights: [] }));
      posting.docs.push(doc);
      posting.weights.push(weight);
    }
    this.documents = Math.max(this.documents, doc + 1);
  }

  /** Documents matching the query, each with the covered share (0-1] of the query's weight. */
  score(query: string): Map<number, number> {
    const tokens = [...new Set(tokenise(query))];
    const scored = new Map<number, number>();
    if (tokens.length === 0) return scored;
    const idf = (token: string) => Math.log(1 + this.documents / (1 + (this.postings.get(token)?.docs.length ?? 0)));
    // Words no document holds (typos, "song") are left out of the weight, as a search engine shrugs them off.
    const known = tokens.filter((token) => this.postings.has(token));
    const total = (known.length > 0 ? known : tokens).reduce((sum, token) => sum + idf(token), 0);
    // Rare tokens pick the candidates; a very common token only adds to documents already picked,
    // so a query holding "the" does not score half the index.
    const common = (token: string) => (this.postings.get(token)?.docs.length ?? 0) > this.documents * 0.05;
    const picking = tokens.some((t) => !common(t)) ? tokens.filter((t) => !common(t)) : tokens;
    for (const pass of [picking, tokens.filter((t) => !picking.includes(t))]) {
      const adding = pass === picking;
      for (const token of pass) {
        const posting = this.postings.get(token);
        if (!posting) continue;
        const share = idf(token) / total;
        posting.docs.forEach((doc, i) => {
          const before = scored.get(doc);
          if (before === undefined && !adding) return;
          scored.set(doc, (before ?? 0) + share * (posting.weights[i] ?? 0));
        });
      }
    }
    return scored;
  }
}
