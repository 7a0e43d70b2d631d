"""Stage 1, check: read every catalogue file with positions (load), check it against its
JSON Schema (schemas), then the rules that span files (rules); report every problem
(problems, report). Nothing downstream runs on a catalogue that fails here."""
