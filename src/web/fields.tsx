import { describedByOf, FieldFrame, fieldId, FieldNotes, type FormState } from './forms.js';

/**
 * The fields beside forms.tsx's `Field` (a text input): a select, a checkbox, a text area, and a
 * text input with a list of suggestions. Same conventions as `Field` (its frame, `FieldFrame`):
 * the id `champ-<name>` (the error summary links to it), the hint and the error linked by
 * `aria-describedby`, `aria-invalid` on error, what was typed filled back.
 */

function valueOf(form: FormState, name: string): string {
  const value = form.values[name];
  return typeof value === 'string' ? value : '';
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** A labelled select; `choices` in order, the first often the « all » choice (value ''). */
export function SelectField(props: { form: FormState; name: string; label: string; choices: readonly Choice[]; hint?: string; defaultValue?: string; required?: boolean }) {
  const id = fieldId(props.name);
  const error = props.form.errors.fields[props.name];
  const current = valueOf(props.form, props.name) || props.defaultValue || '';
  return (
    <FieldFrame form={props.form} name={props.name} label={props.label} hint={props.hint} required={props.required}>
      <select id={id} name={props.name} required={props.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedByOf(id, props.hint, error)}>
        {props.choices.map((choice) => (
          <option value={choice.value} selected={choice.value === current}>
            {choice.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A checkbox with its label beside it; checked when the form holds `value`. */
export function CheckboxField(props: { form: FormState; name: string; label: string; value?: string; hint?: string }) {
  const id = fieldId(props.name);
  const error = props.form.errors.fields[props.name];
  const value = props.value ?? 'true';
  return (
    <div class={error ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
      <input
        id={id}
        type="checkbox"
        name={props.name}
        value={value}
        checked={valueOf(props.form, props.name) === value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedByOf(id, props.hint, error)}
      />
      <label for={id}>{props.label}</label>
      <FieldNotes id={id} hint={props.hint} error={error} />
    </div>
  );
}

/** A labelled text area. */
export function TextareaField(props: { form: FormState; name: string; label: string; hint?: string; required?: boolean; maxLength?: number; rows?: number }) {
  const id = fieldId(props.name);
  const error = props.form.errors.fields[props.name];
  return (
    <FieldFrame form={props.form} name={props.name} label={props.label} hint={props.hint} required={props.required}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 8}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedByOf(id, props.hint, error)}
      >
        {valueOf(props.form, props.name)}
      </textarea>
    </FieldFrame>
  );
}

/**
 * A text input with suggestions: a `<datalist>` that htmx fills from `suggestUrl` as the person
 * types (the input's own value is sent under its name). Without JavaScript the list stays
 * empty and the server reads what was typed.
 */
export function SuggestField(props: { form: FormState; name: string; label: string; hint?: string; required?: boolean; suggestUrl: string; listId: string }) {
  const id = fieldId(props.name);
  const error = props.form.errors.fields[props.name];
  return (
    <FieldFrame form={props.form} name={props.name} label={props.label} hint={props.hint} required={props.required}>
      <input
        id={id}
        name={props.name}
        type="text"
        value={valueOf(props.form, props.name)}
        list={props.listId}
        autocomplete="off"
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedByOf(id, props.hint, error)}
        hx-get={props.suggestUrl}
        hx-trigger="input changed delay:250ms"
        hx-target={`#${props.listId}`}
        hx-swap="innerHTML"
        hx-sync="this:replace"
      />
      <datalist id={props.listId}></datalist>
    </FieldFrame>
  );
}
