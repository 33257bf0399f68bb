import { useUi } from '../stores/ui-store.js';
import { CloseoutScreen } from './closeout/CloseoutScreen.js';
import { Notices } from './common/Notices.js';
import { PinPrompt } from './common/PinPrompt.js';
import { HistoryScreen } from './history/HistoryScreen.js';
import { NavBar } from './NavBar.js';
import { SaleScreen } from './sale/SaleScreen.js';
import { SettingsScreen } from './settings/SettingsScreen.js';
import { StatusBar } from './StatusBar.js';
import { TrainingScreen } from './training/TrainingScreen.js';

/** The cashier's window: status bar, screens, notices, the manager's PIN prompt. */
export function CashierApp() {
  const screen = useUi((s) => s.screen);
  return (
    <div className="cashier">
      <StatusBar />
      <NavBar />
      <main className="screen" data-screen={screen}>
        {screen === 'sale' && <SaleScreen />}
        {screen === 'history' && <HistoryScreen />}
        {screen === 'settings' && <SettingsScreen />}
        {screen === 'closeout' && <CloseoutScreen />}
        {screen === 'training' && <TrainingScreen />}
      </main>
      <Notices />
      <PinPrompt />
    </div>
  );
}
