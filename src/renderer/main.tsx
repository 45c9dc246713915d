import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { db } from './db/AppDB';
import { readSettings } from './db/settings';
import { initI18n, localeFromSystem } from './i18n';
import { carnet } from './platform';
import './styles.css';

async function start(): Promise<void> {
  const [{ settings, invalid }, info] = await Promise.all([readSettings(db()), carnet().appInfo()]);
  const systemLocale = info.ok ? info.value.systemLocale : navigator.language;
  await initI18n(settings.locale ?? localeFromSystem(systemLocale));
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing');
  createRoot(root).render(
    <StrictMode>
      <App invalidSettings={invalid} />
    </StrictMode>,
  );
}

void start();
