"""Entity benchmark: UNER English (NER F1), MEANTIME (mention F1, cross-doc B³), the reference corpus."""
