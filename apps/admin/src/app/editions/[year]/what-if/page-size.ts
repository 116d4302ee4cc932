/** Entries per page of the what-if ranking (the API's `first` allows at most 100). */
export const PAGE_SIZE = 100;
