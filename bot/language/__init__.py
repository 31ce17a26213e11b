"""Vietnamese text, below everything: folding and tokens, the lexicon (every word list and
synonym), short forms, spelling, and the gazetteer of places."""
