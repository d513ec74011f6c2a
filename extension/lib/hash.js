// A small salted string hash (cyrb53, 53 bits) for dismissal keys. Only the hash is stored,
// never the text; the per-install random salt keeps short phrases from being looked up in a table.

export function hash53(str, seed = 0) {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Identity of a finding that survives edits elsewhere: code + the words it covers. */
export function findingKey(finding, text, salt = '') {
  const s = finding.span;
  const covered = text.slice(s.start16, s.end16).replace(/\s+/g, ' ').trim().toLowerCase();
  return hash53(`${salt}|${finding.code}|${covered}`);
}
