"""The shipped templates. This folder is also the package ``strategy_bible.templates``, so that
``importlib.resources`` finds them wherever the package is installed (a wheel, or this checkout)."""
