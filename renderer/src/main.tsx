import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { connectContractClient } from './api-client.js';
import { setClient } from './client.js';
import { CashierApp } from './components/CashierApp.js';
import { StartError } from './components/common/StartError.js';
import { CustomerDisplayApp } from './components/display/CustomerDisplayApp.js';
import { i18n, initI18n } from './i18n/index.js';
import { installShortcuts } from './input/shortcuts.js';
import { listenProductScans } from './input/product-scans.js';
import { routeScans } from './input/scan-routing.js';
import { installWedgeListener } from './input/wedge-listener.js';
import { listenToCore } from './input/core-events.js';
import { useTill } from './stores/till-store.js';
import './styles/fonts.css';
import './styles/app.css';

/** Both windows load this page; `?view=customer-display` picks the customer's screen. */
async function start(): Promise<void> {
  const root = createRoot(document.getElementById('app')!);
  await initI18n('ko');
  // <html lang> follows the language: screen readers, hyphenation and the stylesheet's :lang(zh) type.
  const followLanguage = (language: string) => (document.documentElement.lang = language);
  i18n.on('languageChanged', followLanguage);
  followLanguage(i18n.language);
  const render = (node: React.ReactNode): void => root.render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
  try {
    setClient(connectContractClient());
  } catch (error) {
    return render(<StartError message={(error as Error).message} />);
  }
  const view = new URLSearchParams(window.location.search).get('view');
  document.body.dataset.view = view === 'customer-display' ? 'customer-display' : 'cashier';
  if (view === 'customer-display') return render(<CustomerDisplayApp />);
  try {
    await useTill.getState().load();
  } catch (error) {
    return render(<StartError message={(error as Error).message} />);
  }
  installWedgeListener();
  installShortcuts();
  routeScans();
  listenProductScans();
  try {
    await listenToCore();
  } catch (error) {
    return render(<StartError message={(error as Error).message} />);
  }
  render(<CashierApp />);
}

void start();
