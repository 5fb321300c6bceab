// What the catalogue needs of a browser, for specs run in node: localStorage (the remembered language) and the document's lang.
const stored = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => stored.set(key, value) },
  document: { documentElement: {} },
});
