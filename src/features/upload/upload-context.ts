import { createContext, use } from 'react';

export interface UploadActions {
  /** Opens the system file picker (several files). */
  pickFiles: () => void;
  /** Opens the system folder picker (every file inside, subfolders included). */
  pickFolder: () => void;
}

export const UploadContext = createContext<UploadActions | null>(null);

/** The upload actions, or null outside an `UploadProvider`. */
export const useUploadActions = (): UploadActions | null => use(UploadContext);
