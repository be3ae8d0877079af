import { csvColumns, csvDate, csvLabel, csvPhone } from '../../lib/csv.js';
import type { Structure } from '../../modules/structures/structures.service.js';
import { KIND_LABELS, PUBLIC_LABELS, REACH_LABELS } from './setup.labels.js';

/** « Structures » as a spreadsheet: a line per structure, its first contact in columns. */
export const STRUCTURE_COLUMNS = csvColumns<Structure>([
  { header: 'Structure', value: (s) => s.name },
  { header: 'Type', value: (s) => csvLabel(KIND_LABELS, s.kind) },
  { header: 'Portée', value: (s) => csvLabel(REACH_LABELS, s.reach) },
  { header: 'Publics accueillis', value: (s) => s.publicTypes.map((p) => csvLabel(PUBLIC_LABELS, p)).join(', ') },
  { header: 'Adresse', value: (s) => s.address },
  { header: 'Commune', value: (s) => s.commune?.name },
  { header: 'Code INSEE', value: (s) => s.commune?.code },
  { header: 'Agréée', value: (s) => s.accredited },
  { header: 'Numéro d’agrément', value: (s) => s.accreditationNumber },
  { header: 'Contact', value: (s) => s.contacts[0]?.name },
  { header: 'Fonction du contact', value: (s) => s.contacts[0]?.role },
  { header: 'Courriel du contact', value: (s) => s.contacts[0]?.email },
  { header: 'Téléphone du contact', value: (s) => csvPhone(s.contacts[0]?.phone) },
  { header: 'Autres contacts', value: (s) => s.contacts.slice(1).map((c) => [c.name, c.email, c.phone && csvPhone(c.phone)].filter(Boolean).join(' ')).join(' ; ') },
  { header: 'Créée le', value: (s) => csvDate(s.createdAt) },
]);
