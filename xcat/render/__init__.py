"""Stage 3a, render: the site's pages as Markdown from the model through Jinja templates
(templates/), the charts as SVG, and the field reference from the schemas. Python decides
what each page shows; the templates decide how it looks."""
