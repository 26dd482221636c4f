import { useState, type KeyboardEvent } from 'react';
import { useConnection } from '../client/connection-store';
import { studioClient } from '../client/studio-client';
import { NoticesBar } from './NoticesBar';
import { pages } from './pages';

export function App() {
  const [current, setCurrent] = useState(pages[0]!.id);
  const connection = useConnection();
  const page = pages.find((p) => p.id === current) ?? pages[0]!;

  // ↑/↓ move between navigation items, as in a toolbar; Tab leaves the rail.
  const onNavKey = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
    next?.focus();
    e.preventDefault();
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="rail">
        <div className="brand" aria-label="Anchor Studio">
          <span className="brand__mark" aria-hidden="true">
            ⚓
          </span>
          <span className="brand__name">Anchor Studio</span>
        </div>
        <nav aria-label="Main" onKeyDown={onNavKey}>
          <ul className="nav">
            {pages.map((p) => (
              <li key={p.id}>
                <button type="button" className={p.id === page.id ? 'nav__item is-active' : 'nav__item'} aria-current={p.id === page.id ? 'page' : undefined} onClick={() => setCurrent(p.id)}>
                  <span className="nav__icon" aria-hidden="true">
                    {p.icon}
                  </span>
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <footer className="rail__footer">
          <span className={`conn conn--${connection}`} role="status" aria-label={`Studio connection: ${connection}`}>
            <span className="conn__dot" aria-hidden="true" />
            {connection === 'open' ? (studioClient().host === 'electron' ? 'Desktop' : 'Browser-hosted') : connection === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
          </span>
        </footer>
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        <NoticesBar />
        {page.render()}
      </main>
    </div>
  );
}
