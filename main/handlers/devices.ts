import { ContractError, type DeviceList, type HandlersFor, type devicesMethods } from '../../src/api/index.js';
import { UnknownPrinterProfileError, printerProfile, printerProfiles } from '../../native/printer/index.js';
import { requireRole } from '../../src/payments/roles.js';
import type { ServiceSet } from '../compose.js';
import { refusingWith } from './refusals.js';

export function devicesHandlers({ till }: ServiceSet): HandlersFor<typeof devicesMethods> {
  const list = (): DeviceList => ({
    devices: till.board.list().map((d) => ({
      deviceId: d.deviceId,
      kind: d.kind,
      driver: d.driver,
      state: d.state,
      since: d.since,
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.drawerOpen === undefined ? {} : { drawerOpen: d.drawerOpen }),
    })),
    printerProfile: till.devicePreferences.get().printerProfile,
    printerProfiles: printerProfiles().map((p) => ({ id: p.id, name: p.name })),
  });
  return {
    'devices.list': list,
    'devices.testPrint': () => till.receipts.testPrint(),
    'devices.submitScan': ({ source, code }) => ({ accepted: till.scanners.submit(source, code) }),
    'devices.armScanTest': ({ armed }) => {
      till.scanners.armTest(armed);
      return { armed };
    },
    'devices.setPrinterProfile': ({ profile, managerPin }) =>
      refusingWith(async () => {
        await requireRole(till.staff, managerPin, 'manager');
        try {
          printerProfile(profile);
        } catch (error) {
          if (error instanceof UnknownPrinterProfileError) throw new ContractError('unknown-printer-profile', error.message);
          throw error;
        }
        await till.devicePreferences.update((prefs) => ({ ...prefs, printerProfile: profile }));
        return list();
      }),
  };
}
