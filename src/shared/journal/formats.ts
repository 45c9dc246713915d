// The files a journal can be exported to.
export const EXPORT_FORMATS = ['pdf', 'html', 'md', 'mdzip', 'docx', 'carnet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The extension of each format's output ('' for a folder). */
export const FORMAT_EXTENSION: Record<ExportFormat, string> = {
  pdf: 'pdf',
  html: 'html',
  md: '',
  mdzip: 'zip',
  docx: 'docx',
  carnet: 'carnet',
};

/** Formats that print the journal (the others, the backup, carry every record). */
export function isJournalFormat(format: ExportFormat): boolean {
  return format !== 'carnet';
}
