"""Text shown through Streamlit's Markdown, escaped."""

from __future__ import annotations

import re

__all__ = ["md_escape", "WORD_JOINER"]

#: Characters with a meaning in (Streamlit's) Markdown: CommonMark's specials, the
#: table pipe, strikethrough, HTML brackets and entities, ``$`` (LaTeX), ``:`` and
#: ``@`` (Streamlit's ``:color[…]``, autolinks).
_MD_SPECIALS = frozenset("\\`*_{}[]()#+-.!|<>~&$:@")

#: An invisible word joiner (U+2060), put where escaping does not help.
WORD_JOINER = "\u2060"

#: Patterns Streamlit turns into links or icons on the *text* after Markdown parsing,
#: so backslash escapes do not stop them: GFM bare autolinks (``https://…``,
#: ``www.…``, ``name@host``) and ``:material/…:`` icons. A word joiner breaks them.
_MD_TEXT_PATTERNS = re.compile(r"(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=[\w.+-])(?=@)"
                               r"|(?<=:)(?=material/)|(?<=:)(?=streamlit:)", re.I)


def md_escape(value) -> str:
    r"""``value`` as literal text inside Markdown (``st.markdown``, ``st.caption``,
    ``st.header``, ``st.success``, button and expander labels …).

    Every Markdown special is backslash-escaped, so an entity name such as
    ``![x](https://host/p.png)`` shows as those characters instead of fetching an
    image, and ``**`` or ``[link](javascript:…)`` render as text. Bare URLs, e-mail
    addresses and ``:material/…:`` icons get an invisible word joiner (U+2060)
    so they show as text, not as a link or an icon. Line breaks become spaces and
    leading blanks are dropped (no new block, heading, list, quote or code block
    can start inside the value). ``None`` -> ``''``; lists are joined.

    >>> print(md_escape('![x](img.png) **vet**'))
    \!\[x\]\(img\.png\) \*\*vet\*\*
    >>> md_escape('https://a.nl') == 'https\\:' + WORD_JOINER + '//a\\.nl'
    True
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).splitlines()).lstrip()
    text = _MD_TEXT_PATTERNS.sub(WORD_JOINER, text)
    return "".join("\\" + c if c in _MD_SPECIALS else c for c in text)
