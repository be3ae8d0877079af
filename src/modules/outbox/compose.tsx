import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { EmailAttachment } from '../../../db/database.js';

/**
 * Every e-mail is written once, as a draft of blocks (paragraphs, an action, facts, a list), and
 * rendered here into its two parts: plain text and HTML, with the same French words, the
 * programme's name, and a footer saying why the person receives it. The HTML is rendered by the
 * console's engine (preact), so that every value is escaped; its styles are inline because mail
 * clients drop style sheets.
 *
 * Links. A message is written wherever its change happens — a request, a job, a CLI — and those
 * places do not all know where the console is served. So a link to a console page is written
 * `consoleLink('/mes-candidatures')`: the outbox keeps it relative to PUBLIC_URL (behind
 * PUBLIC_URL_MARK), and the worker makes it absolute when it sends the message
 * (`resolveLinks`). A message waiting in the outbox follows a change of PUBLIC_URL.
 */

export const PUBLIC_URL_MARK = '{{PUBLIC_URL}}';

/** A console page's address in a message, made absolute with PUBLIC_URL when it is sent. */
export const consoleLink = (path: string): string => `${PUBLIC_URL_MARK}${path.startsWith('/') ? path : `/${path}`}`;

/** The message's links made absolute: the worker's last step before the transport. */
export const resolveLinks = (content: string, publicUrl: string): string => content.replaceAll(PUBLIC_URL_MARK, publicUrl.replace(/\/+$/, ''));

export type Block =
  | { readonly kind: 'text'; readonly text: string }
  /** The message's main action: a button in HTML, « label : lien » in text. */
  | { readonly kind: 'action'; readonly label: string; readonly href: string }
  /** Label–value lines (a meeting's time and place, a placement's essentials). */
  | { readonly kind: 'facts'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'list'; readonly items: readonly string[] };

export const paragraph = (text: string): Block => ({ kind: 'text', text });
export const action = (label: string, href: string): Block => ({ kind: 'action', label, href });
export const facts = (rows: readonly (readonly [string, string])[]): Block => ({ kind: 'facts', rows });
export const list = (items: readonly string[]): Block => ({ kind: 'list', items });

export interface EmailDraft {
  readonly subject: string;
  /** The first name for « Bonjour Léa, »; null or empty: « Bonjour, ». */
  readonly firstName: string | null;
  readonly blocks: readonly Block[];
  /** Why the person receives it, the footer's sentence: « Vous recevez ce message car … ». */
  readonly why: string;
  /** The programme the message is about, named in the header and the signature. */
  readonly programme?: string | null | undefined;
  readonly attachments?: readonly EmailAttachment[] | undefined;
}

/** What the outbox stores: `body` is the plain-text part. */
export interface EmailContent {
  readonly subject: string;
  readonly body: string;
  readonly html: string;
  readonly attachments: readonly EmailAttachment[];
}

const greeting = (firstName: string | null) => (firstName?.trim() ? `Bonjour ${firstName.trim()},` : 'Bonjour,');
const signature = (programme: string | null | undefined) => (programme ? `L’équipe Binôme — ${programme}` : 'L’équipe Binôme');
const AUTOMATIC = 'Ce message est envoyé automatiquement.';

function blockText(block: Block): string {
  switch (block.kind) {
    case 'text':
      return block.text;
    case 'action':
      return `${block.label} : ${block.href}`;
    case 'facts':
      return block.rows.map(([label, value]) => `${label} : ${value}`).join('\n');
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
  }
}

function toText(draft: EmailDraft): string {
  const parts = [greeting(draft.firstName), ...draft.blocks.map(blockText), signature(draft.programme)];
  return `${parts.join('\n\n')}\n\n-- \n${draft.why}\n${AUTOMATIC}\n`;
}

const INK = '#1b1b1b';
const MUTED = '#555555';
const BLUE = '#1f4e8c';

function BlockHtml({ block }: { block: Block }): VNode {
  switch (block.kind) {
    case 'text':
      // A paragraph's own line breaks (a structure's message) stay line breaks.
      return (
        <p style="margin:0 0 16px;line-height:1.5">
          {block.text.split('\n').flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}
        </p>
      );
    case 'action':
      return (
        <p style="margin:24px 0">
          <a href={block.href} style={`display:inline-block;padding:12px 20px;background:${BLUE};color:#ffffff;border-radius:6px;text-decoration:none;font-weight:bold`}>
            {block.label}
          </a>
          <br />
          <span style={`font-size:13px;color:${MUTED}`}>
            Ou copiez ce lien dans votre navigateur : <a href={block.href} style={`color:${BLUE}`}>{block.href}</a>
          </span>
        </p>
      );
    case 'facts':
      return (
        <table role="presentation" style="border-collapse:collapse;margin:0 0 16px">
          {block.rows.map(([label, value]) => (
            <tr>
              <th scope="row" style={`text-align:left;vertical-align:top;padding:4px 16px 4px 0;color:${MUTED};font-weight:normal`}>
                {label}
              </th>
              <td style="padding:4px 0;vertical-align:top">{value}</td>
            </tr>
          ))}
        </table>
      );
    case 'list':
      return (
        <ul style="margin:0 0 16px;padding-left:20px;line-height:1.5">
          {block.items.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
      );
  }
}

function toHtml(draft: EmailDraft): string {
  const page = (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{draft.subject}</title>
      </head>
      <body style={`margin:0;padding:0;background:#f4f4f4;color:${INK};font-family:Arial,Helvetica,sans-serif;font-size:16px`}>
        <div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff">
          <p style={`margin:0 0 24px;font-size:14px;color:${MUTED}`}>
            <strong style={`color:${BLUE}`}>Binôme</strong>
            {draft.programme ? ` · ${draft.programme}` : ''}
          </p>
          <p style="margin:0 0 16px">{greeting(draft.firstName)}</p>
          {draft.blocks.map((block) => (
            <BlockHtml block={block} />
          ))}
          <p style="margin:24px 0 0">{signature(draft.programme)}</p>
          <hr style="border:none;border-top:1px solid #dddddd;margin:24px 0 12px" />
          <p style={`margin:0;font-size:13px;color:${MUTED};line-height:1.4`}>
            {draft.why}
            <br />
            {AUTOMATIC}
          </p>
        </div>
      </body>
    </html>
  );
  return `<!doctype html>${renderToString(page)}`;
}

/** The draft rendered into what the outbox stores (its links still behind PUBLIC_URL_MARK). */
export function composeEmail(draft: EmailDraft): EmailContent {
  return { subject: draft.subject, body: toText(draft), html: toHtml(draft), attachments: draft.attachments ?? [] };
}
