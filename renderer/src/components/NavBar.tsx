import { useTranslation } from 'react-i18next';
import { type Screen, useUi } from '../stores/ui-store.js';
import { useTill } from '../stores/till-store.js';
import { keepFocus } from './common/keep-focus.js';

/** The screens, one tap each. */
export function NavBar() {
  const { t } = useTranslation();
  const screen = useUi((s) => s.screen);
  const show = useUi((s) => s.show);
  const training = useTill((s) => s.training?.training ?? false);
  const screens: Screen[] = ['sale', 'history', 'closeout', 'settings'];
  if (training) screens.push('training');
  return (
    <nav className="nav-bar">
      {screens.map((s) => (
        <button type="button" key={s} className={s === screen ? 'active' : ''} onMouseDown={keepFocus} onClick={() => show(s)} data-testid={`nav-${s}`}>
          {t(`nav.${s}`)}
        </button>
      ))}
    </nav>
  );
}
