import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceList } from '../../../../src/api/schemas/devices.js';
import { pos } from '../../client.js';
import { formatTime } from '../../i18n/format.js';
import { withManagerPin } from '../../stores/pin-prompt-store.js';
import { useUi } from '../../stores/ui-store.js';
import { useSave } from './use-save.js';
import { FormError } from './FormError.js';
import { TableHead } from '../common/TableHead.js';

/** Shows a scanned code with its middle hidden: payment codes are secrets even on a test screen. */
function masked(text: string): string {
  return text.length <= 8 ? text : `${text.slice(0, 4)}${'*'.repeat(Math.min(text.length - 8, 24))}${text.slice(-4)}`;
}

/** Devices found, their state, the printer profile, test print and test scan. */
export function DevicesSection() {
  const { t, i18n } = useTranslation();
  const notify = useUi((s) => s.notify);
  const scanTest = useUi((s) => s.scanTest);
  const setScanTest = useUi((s) => s.setScanTest);
  const [list, setList] = useState<DeviceList | null>(null);
  const { error, save } = useSave();
  const load = useCallback(async () => setList(await pos()['devices.list']()), []);
  useEffect(() => {
    void load();
    const offs = [pos().on('status.changed', () => void load()), pos().on('devices.changed', () => void load())];
    return () => {
      for (const off of offs) off();
      setScanTest(false);
    };
  }, [load, setScanTest]);
  if (!list) return null;
  const testPrint = async () => {
    const printed = await pos()['devices.testPrint']();
    notify({ key: `print.${printed.state}`, values: { receipt: '' }, tone: printed.state === 'printed' ? 'info' : 'warning' });
  };
  return (
    <div className="settings-form">
      <h2>{t('settings.section.devices')}</h2>
      <table>
        <TableHead
          columns={[
            t('settings.devices.device'),
            t('settings.devices.kind'),
            t('settings.devices.driver'),
            t('settings.devices.state'),
            t('settings.devices.since'),
          ]}
        />
        <tbody>
          {list.devices.map((d) => (
            <tr key={d.deviceId} data-testid="device-row">
              <td className="mono">{d.deviceId}</td>
              <td>{t(`device.kind.${d.kind}`)}</td>
              <td className="mono">{d.driver}</td>
              <td title={d.reason}>
                {t(`device.state.${d.state}`)}
                {d.drawerOpen !== undefined && (
                  <span className={d.drawerOpen ? 'drawer-sensor open' : 'drawer-sensor'} data-testid="drawer-sensor">
                    {' · '}
                    {t(d.drawerOpen ? 'device.drawerSensor.open' : 'device.drawerSensor.closed')}
                  </span>
                )}
              </td>
              <td>{formatTime(d.since, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        {t('settings.devices.printerProfile')}
        <select value={list.printerProfile} onChange={(e) => {
            const profile = e.target.value;
            void save(async () => setList(await withManagerPin('pinPrompt.purpose.printerProfile', (managerPin) => pos()['devices.setPrinterProfile']({ profile, managerPin }))));
          }}
          data-testid="printer-profile">
          {list.printerProfiles.map((p) => (
            <option key={p.id} value={p.id}>
              {t(`device.profile.${p.id}`, { defaultValue: p.name })}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{t('settings.devices.profileHint')}</p>
      <FormError error={error} />
      <div className="panel-actions">
        <button type="button" onClick={() => void testPrint()} data-testid="test-print">
          {t('settings.devices.testPrint')}
        </button>
        <button type="button" className={scanTest.active ? 'active' : ''} onClick={() => setScanTest(!scanTest.active)} data-testid="test-scan">
          {scanTest.active ? t('settings.devices.testScanWaiting') : t('settings.devices.testScan')}
        </button>
      </div>
      {scanTest.last && (
        <p className="scan-test-result" data-testid="scan-test-result">
          {t('settings.devices.lastScan', { device: scanTest.last.deviceId, code: masked(scanTest.last.code), length: scanTest.last.code.length })}
        </p>
      )}
    </div>
  );
}
