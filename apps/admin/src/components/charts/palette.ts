export const PALETTE = [
  '#2455c3',
  '#d9822b',
  '#2f9e75',
  '#a23b72',
  '#6b7a99',
  '#c9a227',
  '#3aa0c8',
  '#8c5ad3',
];

export function colorAt(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#2455c3';
}
