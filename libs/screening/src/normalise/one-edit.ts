/**
 * True when `a` and `b` differ by exactly one edit: a letter replaced, inserted or deleted, or two
 * adjacent letters swapped (optimal string alignment distance 1). No allocation.
 */
export function isOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1 || a === b) return false;
  let i = 0;
  const min = Math.min(la, lb);
  while (i < min && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const tailEqual = (x: string, xi: number, y: string, yi: number): boolean => {
    if (x.length - xi !== y.length - yi) return false;
    for (; xi < x.length; xi++, yi++) if (x.charCodeAt(xi) !== y.charCodeAt(yi)) return false;
    return true;
  };
  if (la === lb) {
    if (tailEqual(a, i + 1, b, i + 1)) return true;
    return (
      i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && tailEqual(a, i + 2, b, i + 2)
    );
  }
  return la > lb ? tailEqual(a, i + 1, b, i) : tailEqual(a, i, b, i + 1);
}
