/**
 * Staff-written text (incident notes, responses, solutions) names people the way staff write them: by
 * handle, with or without its "@", or by display name. These find and replace such names; a Latin name
 * matches as a whole word only ("Li" is not the "Li" of "Limited"; Chinese characters around it are no
 * part of it), a Chinese one anywhere (Chinese has no spaces between words). Names too short to be told from ordinary words (one Chinese character, one or
 * two Latin letters) are left out: the texts and links of the person's posts still find their copies.
 */

const HAN = /\p{Script=Han}/u;

/** The forms a person's names take in free text, longest first. */
export function nameForms(names: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const raw of names) {
    const name = raw?.trim();
    if (!name) continue;
    for (const form of [name, name.replace(/^@/, '')]) if (form.length >= (HAN.test(form) ? 2 : 3)) out.add(form);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

function pattern(forms: readonly string[]): RegExp | null {
  if (!forms.length) return null;
  const alternatives = forms.map((f) => {
    const escaped = f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return HAN.test(f) ? escaped : `(?<![\\p{Script=Latin}\\p{N}_@])${escaped}(?![\\p{Script=Latin}\\p{N}_])`;
  });
  return new RegExp(alternatives.join('|'), 'giu');
}

/** Whether the text names any of the forms. */
export function namesIn(text: string, forms: readonly string[]): boolean {
  const re = pattern(forms);
  return !!re && re.test(text);
}

/** The text with every form replaced by the placeholder. */
export function redactNames(text: string, forms: readonly string[], placeholder: string): string {
  const re = pattern(forms);
  return re ? text.replace(re, placeholder) : text;
}
