/** The two lists of the field picker, filtered by a search text (case-insensitive, anywhere in the name). */
export function splitFields(input: { readonly all: readonly string[]; readonly selected: readonly string[]; readonly search: string }): {
  readonly available: readonly string[];
  readonly selected: readonly string[];
} {
  const needle = input.search.trim().toLowerCase();
  const matches = (name: string) => name.toLowerCase().includes(needle);
  const chosen = new Set(input.selected.map((n) => n.toLowerCase()));
  return {
    available: input.all.filter((n) => !chosen.has(n.toLowerCase()) && matches(n)),
    selected: input.selected.filter(matches),
  };
}

/** `selected` with `names` appended in the order given, none twice (names compare without case, as Graph's do). */
export function addFields(selected: readonly string[], names: readonly string[]): readonly string[] {
  const seen = new Set(selected.map((n) => n.toLowerCase()));
  const out = [...selected];
  for (const name of names) {
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

export function removeFields(selected: readonly string[], names: readonly string[]): readonly string[] {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  return selected.filter((n) => !drop.has(n.toLowerCase()));
}
