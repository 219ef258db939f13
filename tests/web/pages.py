"""Reading pages in tests: the text of the elements a CSS selector picks, spaces collapsed."""

from selectolax.lexbor import LexborHTMLParser as HTMLParser


def texts(response, selector: str) -> list[str]:
    tree = HTMLParser(response.content.decode())
    return [" ".join(node.text(separator=" ").split()) for node in tree.css(selector)]


def links(response, selector: str) -> list[str]:
    tree = HTMLParser(response.content.decode())
    return [node.attributes.get("href") for node in tree.css(selector)]
