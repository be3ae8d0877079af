/** A link of a list's pager: where it goes, what it says, and `prev` when it is the page just before. */
export interface PagerLink {
  readonly href: string;
  readonly text: string;
  readonly rel?: 'prev' | undefined;
}

/**
 * The links between the pages of a list, the same for every list of the console: back (the
 * page before, or the first page where paging by cursor cannot go back one) and forward. Nothing
 * when the list fits one page.
 */
export function Pager(props: { label: string; back?: PagerLink | undefined; next?: PagerLink | undefined }) {
  if (!props.back && !props.next) return null;
  return (
    <nav class="pagination" aria-label={props.label}>
      <ul class="actions">
        {props.back ? (
          <li>
            <a class="button button-secondary" href={props.back.href} rel={props.back.rel}>
              {props.back.text}
            </a>
          </li>
        ) : null}
        {props.next ? (
          <li>
            <a class="button" href={props.next.href} rel="next">
              {props.next.text}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
