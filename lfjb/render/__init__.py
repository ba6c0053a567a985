"""Turn a PackModel into files: JSON, HTML (Jinja2) and PDF (WeasyPrint). No input files are read here."""
