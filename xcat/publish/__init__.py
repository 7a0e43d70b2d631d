"""Stage 4, publish: generate the pages and the open data on every core (parallel), build
them with MkDocs in a staging folder, and swap the result into place (site)."""
