import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

interface PageMeta {
  /** The last breadcrumb for a page whose name comes from data (e.g. a township's name). */
  crumb: string | null;
  setCrumb: (crumb: string | null) => void;
}

const PageMetaContext = createContext<PageMeta | null>(null);

export function PageMetaProvider({ children }: { children: ReactNode }) {
  const [crumb, setCrumb] = useState<string | null>(null);
  const value = useMemo(() => ({ crumb, setCrumb }), [crumb]);
  return <PageMetaContext.Provider value={value}>{children}</PageMetaContext.Provider>;
}

export function usePageMeta(): PageMeta {
  const value = useContext(PageMetaContext);
  if (!value) throw new Error('usePageMeta outside PageMetaProvider');
  return value;
}

/** Adds `crumb` after the menu's breadcrumbs while the calling page is shown. */
export function usePageCrumb(crumb: string | null | undefined): void {
  const { setCrumb } = usePageMeta();
  useEffect(() => {
    setCrumb(crumb ?? null);
    return () => setCrumb(null);
  }, [crumb, setCrumb]);
}
