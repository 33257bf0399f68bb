import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CatalogSection } from './CatalogSection.js';
import { DevicesSection } from './DevicesSection.js';
import { GatewaySection } from './GatewaySection.js';
import { LanguageSection } from './LanguageSection.js';
import { StaffSection } from './StaffSection.js';
import { StoreSection } from './StoreSection.js';

const SECTIONS = ['store', 'items', 'devices', 'language', 'staff', 'gateway'] as const;
type Section = (typeof SECTIONS)[number];

/** Settings: store details, items, devices, languages and sound, roles and PINs, gateway. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('store');
  return (
    <div className="settings-screen">
      <nav className="settings-nav">
        {SECTIONS.map((s) => (
          <button type="button" key={s} className={s === section ? 'active' : ''} onClick={() => setSection(s)} data-testid={`settings-${s}`}>
            {t(`settings.section.${s}`)}
          </button>
        ))}
      </nav>
      <section className="settings-body">
        {section === 'store' && <StoreSection />}
        {section === 'items' && <CatalogSection />}
        {section === 'devices' && <DevicesSection />}
        {section === 'language' && <LanguageSection />}
        {section === 'staff' && <StaffSection />}
        {section === 'gateway' && <GatewaySection />}
      </section>
    </div>
  );
}
