import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummaryView as ImportSummary } from '../../../../../src/api/schemas/catalog.js';
import { pos } from '../../../client.js';
import { useCatalog } from '../../../stores/catalog-store.js';
import { withManagerPin } from '../../../stores/pin-prompt-store.js';
import { PinField } from '../../common/PinField.js';
import { TableHead } from '../../common/TableHead.js';
import { FormError } from '../FormError.js';
import { useSave } from '../use-save.js';

/** Base64 of a file's bytes (it may be CP949: the core decodes it, not the browser). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * CSV from Excel: the file is checked first and every bad row named; only a
 * file without errors can be imported (owner's PIN). Export downloads the
 * catalog in the same format (manager's PIN).
 */
export function CsvTransfer() {
  const { t } = useTranslation();
  const [file, setFile] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportSummary | null>(null);
  const [done, setDone] = useState<ImportSummary | null>(null);
  const [pin, setPin] = useState('');
  const { saving, error, save } = useSave();
  const choose = async (chosen: File | undefined) => {
    setPreview(null);
    setDone(null);
    if (!chosen) return setFile(null);
    const content = await base64Of(chosen);
    setFile(content);
    setPreview(await pos()['catalog.previewImport']({ file: content }));
  };
  const download = async () => {
    const { file: exported } = await withManagerPin('pinPrompt.purpose.export', (managerPin) => pos()['catalog.export']({ managerPin }));
    const bytes = Uint8Array.from(atob(exported), (c) => c.charCodeAt(0));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([bytes], { type: 'text/csv' }));
    link.download = 'catalog.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <div className="settings-form csv-transfer">
      <label>
        {t('catalog.csv.file')}
        <input type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} data-testid="csv-file" />
      </label>
      {preview && (
        <div data-testid="csv-preview">
          <p>{t('catalog.csv.preview', preview)}</p>
          {preview.errors.length > 0 && (
            <>
              <p className="form-error" role="alert">{t('catalog.csv.refused', { count: new Set(preview.errors.map((e) => e.row)).size })}</p>
              <table>
                <TableHead columns={[t('catalog.csv.row'), t('catalog.csv.field'), t('catalog.csv.reason')]} />
                <tbody>
                  {preview.errors.map((e, i) => (
                    <tr key={i} data-testid="csv-error">
                      <td className="num">{e.row}</td>
                      <td>{e.field}</td>
                      <td>{e.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
      {preview && preview.errors.length === 0 && file && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(async () => {
              setDone(await pos()['catalog.import']({ file, ownerPin: pin }));
              setPreview(null);
              setPin('');
              await useCatalog.getState().load();
            });
          }}
        >
          <PinField value={pin} onChange={setPin} label={t('catalog.ownerPin')} />
          <button type="submit" disabled={saving} data-testid="csv-apply">
            {t('catalog.csv.apply')}
          </button>
        </form>
      )}
      {done && <p data-testid="csv-done">{t('catalog.csv.imported', done)}</p>}
      <FormError error={error} />
      <button type="button" onClick={() => void save(download)} data-testid="csv-export">
        {t('catalog.csv.export')}
      </button>
    </div>
  );
}
