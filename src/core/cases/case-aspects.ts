import { aspectsOf, type Aspect } from '../sentiment/aspects.js';

/**
 * The aspects a complaint names (delivery, service, …), by the terms of rules/aspects.yaml. Chinese
 * terms match anywhere and English ones as whole words; a text with any Chinese is read with both, as a
 * mixed-language post often names the aspect in either.
 */
export function caseAspects(text: string, aspects: readonly Aspect[]): string[] {
  const lang = /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en';
  return aspectsOf(text, lang, aspects, () => 0).map((a) => a.aspect);
}
