/**
 * A message of the catalogue (src/i18n/catalogue.ts): its French text, the default, and its
 * English one, each a string or a function of typed params. Here rather than in the catalogue so
 * that the catalogue's parts (src/i18n/parts/, one per area) can declare their messages without
 * importing the catalogue that gathers them.
 */
type Render<P> = (params: P) => string;
/** A message; `P` is the type of its params (`undefined` for a plain string). */
export interface Entry<P> {
  readonly fr: string | Render<P>;
  readonly en: string | Render<P>;
  /** Phantom: only there for `ParamsOf` to read `P`. */
  readonly params?: P;
}

export function m(fr: string, en: string): Entry<undefined>;
export function m<P>(fr: Render<P>, en: Render<P>): Entry<P>;
export function m<P>(fr: string | Render<P>, en: string | Render<P>): Entry<P> {
  return { fr, en };
}
