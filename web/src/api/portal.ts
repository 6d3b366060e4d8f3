import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { http } from './client.ts';
import type { Article, ArticleSummary, BodyProblem, LinkDomains, MediaUpload, PortalIntegrity, ReviseInput, Revision, RevisionInput } from './portalTypes.ts';
import { queryKeys } from './queryKeys.ts';

/*
 * 门户网站 · the office's side of the public portal: the calls of portalTypes.ts and their React
 * Query hooks. Every write answers the article as it now is, which replaces the cached one.
 */

const base = '/api/portal';
const enc = encodeURIComponent;
const article = (id: string) => `${base}/articles/${enc(id)}`;

export const portalApi = {
  articles: (signal?: AbortSignal) => http.get<{ items: ArticleSummary[] }>(`${base}/articles`, undefined, signal),
  article: (id: string, signal?: AbortSignal) => http.get<Article>(article(id), undefined, signal),
  revision: (id: string, number: number, signal?: AbortSignal) => http.get<Revision>(`${article(id)}/revisions/${number}`, undefined, signal),
  create: (body: RevisionInput) => http.post<Article>(`${base}/articles`, body),
  revise: (id: string, body: ReviseInput) => http.post<Article>(`${article(id)}/revisions`, body),
  restore: (id: string, revision: number) => http.post<Article>(`${article(id)}/restore`, { revision }),
  submit: (id: string, revision: number) => http.post<Article>(`${article(id)}/submit`, { revision }),
  approve: (id: string, revision: number, publishAt: string | null) => http.post<Article>(`${article(id)}/approve`, { revision, publishAt }),
  return: (id: string, revision: number, reason: string) => http.post<Article>(`${article(id)}/return`, { revision, reason }),
  withdraw: (id: string, reason: string) => http.post<Article>(`${article(id)}/withdraw`, { reason }),
  review: (bodyHtml: string) => http.post<{ problems: BodyProblem[] }>(`${base}/review`, { bodyHtml }),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.upload<MediaUpload>(`${base}/media`, form);
  },
  domains: (signal?: AbortSignal) => http.get<LinkDomains>(`${base}/domains`, undefined, signal),
  addDomain: (domain: string, note: string) => http.post<LinkDomains>(`${base}/domains`, { domain, note }),
  removeDomain: (domain: string) => http.delete<LinkDomains>(`${base}/domains/${enc(domain)}`),
  integrity: (signal?: AbortSignal) => http.get<PortalIntegrity>(`${base}/integrity`, undefined, signal),
};

export function useArticles() {
  return useQuery({ queryKey: queryKeys.portal.articleList, queryFn: ({ signal }) => portalApi.articles(signal) });
}

export function useArticle(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.portal.article(id ?? ''),
    queryFn: ({ signal }) => portalApi.article(id ?? '', signal),
    enabled: id !== undefined,
  });
}

export function useRevision(id: string, number: number | null) {
  return useQuery({
    queryKey: queryKeys.portal.revision(id, number ?? 0),
    queryFn: ({ signal }) => portalApi.revision(id, number ?? 0, signal),
    enabled: number !== null,
    staleTime: Infinity,
  });
}

function putArticle(queryClient: QueryClient, value: Article): void {
  queryClient.setQueryData(queryKeys.portal.article(value.id), value);
  void queryClient.invalidateQueries({ queryKey: queryKeys.portal.articleList });
}

/** A write to one article: the answer replaces the cached article; a refusal reloads it. */
function useArticleMutation<V>(call: (vars: V) => Promise<Article>, id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (value) => putArticle(queryClient, value),
    onError: () => {
      if (id) void queryClient.invalidateQueries({ queryKey: queryKeys.portal.article(id), refetchType: 'none' });
    },
  });
}

export const useCreateArticle = () => useArticleMutation((body: RevisionInput) => portalApi.create(body));
export const useReviseArticle = (id: string) => useArticleMutation((body: ReviseInput) => portalApi.revise(id, body), id);
export const useRestoreRevision = (id: string) => useArticleMutation((revision: number) => portalApi.restore(id, revision), id);
export const useSubmitRevision = (id: string) => useArticleMutation((revision: number) => portalApi.submit(id, revision), id);
export const useApproveRevision = (id: string) =>
  useArticleMutation((v: { revision: number; publishAt: string | null }) => portalApi.approve(id, v.revision, v.publishAt), id);
export const useReturnRevision = (id: string) =>
  useArticleMutation((v: { revision: number; reason: string }) => portalApi.return(id, v.revision, v.reason), id);
export const useWithdrawArticle = (id: string) => useArticleMutation((reason: string) => portalApi.withdraw(id, reason), id);

export function useUploadMedia() {
  return useMutation({ mutationFn: (file: File) => portalApi.upload(file) });
}

export function useLinkDomains() {
  return useQuery({ queryKey: queryKeys.portal.domains, queryFn: ({ signal }) => portalApi.domains(signal) });
}

export function useAddLinkDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { domain: string; note: string }) => portalApi.addDomain(v.domain, v.note),
    onSuccess: (value) => queryClient.setQueryData(queryKeys.portal.domains, value),
  });
}

export function useRemoveLinkDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (domain: string) => portalApi.removeDomain(domain),
    onSuccess: (value) => queryClient.setQueryData(queryKeys.portal.domains, value),
  });
}

export function usePortalIntegrity(enabled = true) {
  return useQuery({ queryKey: queryKeys.portal.integrity, queryFn: ({ signal }) => portalApi.integrity(signal), enabled });
}
