import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './router';

type Props = Readonly<AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }>;

/** An ordinary link (open in a new tab works) that navigates inside the app on a plain click. */
export function Link({ to, onClick, ...rest }: Props) {
  const click = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}
