/** The link that takes a list to a spreadsheet: the list's CSV with the page's filters (never its page). */
export function csvHref(path: string, query: Readonly<Record<string, string | undefined>> = {}): string {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '' && entry[0] !== 'cursor'));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function CsvLink(props: { path: string; query?: Readonly<Record<string, string | undefined>>; label?: string }) {
  return (
    <p class="csv-link">
      <a href={csvHref(props.path, props.query)} download>
        {props.label ?? 'Télécharger (CSV)'}
      </a>
    </p>
  );
}
