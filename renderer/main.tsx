import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// First: the language is settled before anything renders.
import './i18n/i18n';
import { App } from './app/App';
import './styles/theme.css';
import './styles/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
