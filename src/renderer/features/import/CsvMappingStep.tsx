// When a spreadsheet's headers are not recognised, the user says which column holds what.
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_FIELDS, type CsvField } from '../../../shared/importPlan';
import type { CarnetError, PlannedImport } from '../../../shared/ipc';
import { carnet } from '../../platform';

interface Props {
  planned: PlannedImport;
  timeZone: string;
  onPlanned: (planned: PlannedImport) => void;
  onError: (error: CarnetError) => void;
}

export function CsvMappingStep({ planned, timeZone, onPlanned, onError }: Props): JSX.Element | null {
  const { t } = useTranslation();
  const csv = planned.plan.csvMapping;
  const [mapping, setMapping] = useState<Record<CsvField, number | null>>(() => ({ ...(csv?.mapping ?? ({} as Record<CsvField, number | null>)) }));
  if (!csv) return null;

  const apply = async () => {
    const result = await carnet().remapCsvImport({ importId: planned.importId, mapping, timeZone });
    if (result.ok) onPlanned(result.value);
    else onError(result.error);
  };

  return (
    <section aria-label={t('importer.mapping')}>
      <p className="hint">{t('importer.mappingHint')}</p>
      <div className="mapping-grid">
        {CSV_FIELDS.map((field) => (
          <label key={field} className="field">
            <span>{t(`importer.fields.${field}`)}</span>
            <select value={mapping[field] ?? ''} onChange={(e) => setMapping({ ...mapping, [field]: e.target.value === '' ? null : Number(e.target.value) })}>
              <option value="">—</option>
              {csv.headers.map((header, index) => (
                <option key={index} value={index}>
                  {header || t('importer.column', { number: index + 1 })}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="matrix-scroll">
        <table className="preview-table" aria-label={t('importer.sample')}>
          <thead>
            <tr>
              {csv.headers.map((header, index) => (
                <th key={index} scope="col">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {csv.sampleRows.slice(0, 5).map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <footer className="form-actions">
        <button type="button" className="primary" disabled={mapping.title === null || mapping.date === null} onClick={() => void apply()}>
          {t('importer.applyMapping')}
        </button>
      </footer>
    </section>
  );
}
