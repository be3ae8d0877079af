/**
 * The form in which names are stored and searched: no accents, no case, no punctuation —
 * "Hénin-Beaumont" and "henin beaumont" meet. Used both when loading and when querying.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
