// vader-sentiment ships its lexicon as an untyped module; this declares the one export we read.
declare module 'vader-sentiment/src/vader_lexicon.js' {
  export const lexicon: Record<string, number>;
}
