"""Share tokens replaced by slugs in whatever a publish build logs or warns, by whichever handler."""

from __future__ import annotations

import io
import logging
import warnings

from strategy_bible.commands.token_redaction import TokenRedactor, tokens_hidden

TOKEN = "oc3l22rsxv5hefjqmlfy7bezz5"
REDACT = TokenRedactor({TOKEN: "confiance"})


def test_a_token_reads_as_its_slug_whatever_its_case():
    assert REDACT(f"/out/{TOKEN}/kpis.md and {TOKEN.upper()}") == "/out/<confiance>/kpis.md and <confiance>"
    assert TokenRedactor({})("nothing to hide") == "nothing to hide"


def test_every_record_and_warning_is_rewritten_before_any_handler_prints_it():
    printed = io.StringIO()
    handler = logging.StreamHandler(printed)  # a handler of its own, as `mkdocs` installs
    logger = logging.getLogger("mkdocs.test_token_redaction")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.showwarning = lambda message, *_rest, **_kw: printed.write(f"warned: {message}\n")
            with tokens_hidden(REDACT):
                logger.warning("Doc file '%s/compte-rendu.md' contains a link", TOKEN)
                try:
                    raise OSError(f"cannot write public/{TOKEN}/index.html")
                except OSError:
                    logger.exception("Error building page", stack_info=True)
                warnings.warn(f"odd file {TOKEN}/x.png", UserWarning, stacklevel=1)
            logger.warning("after: %s", TOKEN)  # nothing is rewritten any more
    finally:
        logger.removeHandler(handler)
    text = printed.getvalue()
    assert "Doc file '<confiance>/compte-rendu.md'" in text and "cannot write public/<confiance>/index.html" in text
    assert "Stack (most recent call last)" in text and "warned: odd file <confiance>/x.png" in text
    assert text.count(TOKEN) == 1 and text.rstrip().endswith(f"after: {TOKEN}")
