import { Link } from 'react-router';
import { IconButton } from '@/components/ui/icon-button';
import { KeyboardIcon, LogoIcon } from '@/components/ui/icons';
import { UploadButton } from '@/features/upload/components/upload-button';
import { AccountMenu, type AccountMenuProps } from './account-menu';
import styles from './header.module.css';

export interface HeaderProps {
  user: AccountMenuProps['user'];
  onShowShortcuts: () => void;
}

export function Header({ user, onShowShortcuts }: HeaderProps) {
  return (
    <header className={styles.header}>
      <Link to="/" className={styles.brand}>
        <LogoIcon className={styles.logo} size={30} />
        <span className={styles.brandName}>Lightbox</span>
      </Link>
      <div className={styles.actions}>
        <UploadButton />
        <IconButton
          label="Keyboard shortcuts"
          icon={<KeyboardIcon />}
          className={styles.shortcuts}
          aria-keyshortcuts="Shift+?"
          onClick={onShowShortcuts}
        />
        <AccountMenu user={user} />
      </div>
    </header>
  );
}
