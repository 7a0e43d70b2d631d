"""Stage 3b, open data: the catalogue as JSON records (records), CSV tables (tables) and
Atom feeds (feeds), each file with the build's version and date (buildinfo); files decides
every path and writes them for MkDocs to copy into the site."""
