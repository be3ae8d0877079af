/**
 * The form in which names are stored and searched: no accents, no case, no punctuation —
 * "Hénin-Beaumont" and "henin beaumont" meet. Used both when loading and when querying.
 */
export function searchKey(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A full-text query folded the same way, keeping what websearch_to_tsquery understands:
 * "quoted phrases", -excluded words and `or`.
 */
export function searchQueryKey(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9"-]+/g, ' ')
    .trim();
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
}
