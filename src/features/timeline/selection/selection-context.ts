import { createContext } from 'react';
import type { SelectionStore } from './selection-store';

/** The selection of the grid on screen; the Timeline provides it. */
export const SelectionContext = createContext<SelectionStore | null>(null);
