"""Theme overrides the plugin puts in front of Material's own templates (``main.html``,
partials): what a client's pages need of the page frame (its name in the header and the browser
tab, its brand, its language). Plain Jinja files for MkDocs' theme loader; a site's own
``custom_dir`` still comes first."""
