import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import styles from './icon-button.module.css';

export interface IconButtonProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'aria-label' | 'children'
> {
  /** The accessible name (also shown as a tooltip). Required: the button has no visible text. */
  label: string;
  icon: ReactNode;
  variant?: 'plain' | 'filled' | 'overlay';
  size?: 'sm' | 'md' | 'lg';
  ref?: Ref<HTMLButtonElement>;
}

export function IconButton({
  label,
  icon,
  variant = 'plain',
  size = 'md',
  type = 'button',
  className,
  title,
  ...props
}: IconButtonProps) {
  return (
    <button
      {...props}
      type={type}
      aria-label={label}
      title={title ?? label}
      className={[styles.iconButton, styles[variant], styles[size], className]
        .filter(Boolean)
        .join(' ')}
    >
      {icon}
    </button>
  );
}
