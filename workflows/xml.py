"""The single hardened XML reader: every diagram and decision table passes through it.

It refuses any document with a DOCTYPE or an entity declaration before lxml sees it, and
parses with entity resolution, DTD loading and network access switched off.
"""
import re

from lxml import etree

from .wording import quoted

_DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

_PARSER = etree.XMLParser(
    resolve_entities=False,
    load_dtd=False,
    dtd_validation=False,
    no_network=True,
    huge_tree=False,
    remove_pis=True,
)


class XmlRefused(ValueError):
    """A document that is not well-formed, or that declares a DTD or entities; `message` is
    "Tiếng Việt / English"."""

    def __init__(self, filename, message, line=None):
        self.filename, self.line = filename, line
        where = f"{filename}, line {line}" if line else filename
        super().__init__(f"{where}: {message}")
        self.message = message


def parse_xml(content, filename):
    """Parse uploaded XML bytes into an element tree, refusing DTDs and entities."""
    if not isinstance(content, bytes):
        content = content.encode("utf-8")
    if _DECLARATIONS.search(content):
        raise XmlRefused(filename, "không được khai báo DOCTYPE hay ENTITY / "
                                   "DOCTYPE and ENTITY declarations are not allowed")
    try:
        root = etree.fromstring(content, _PARSER)
    except etree.XMLSyntaxError as error:
        reason = quoted(error.msg)
        raise XmlRefused(filename, f"XML sai cú pháp: {reason} / not well-formed XML: {reason}", error.lineno) from None
    if root.getroottree().docinfo.doctype:
        raise XmlRefused(filename, "không được khai báo DOCTYPE / DOCTYPE declarations are not allowed")
    return root
