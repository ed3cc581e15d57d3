"""Word files (.docx): mammoth maps the document's styles to HTML, markdownify makes it Markdown.

mammoth reads the paragraph styles (Title, Heading 1-6, list styles) rather than the visual
formatting, so headings, numbered and bulleted lists, bold, italic, links and tables come
through, and images are dropped. The title comes from the Title style, else the document's
core properties.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from ..errors import IngestError
from .convert import Converted

STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
"""


def convert(data: bytes, name: str, fmt: str = "docx") -> Converted:
    import mammoth
    from markdownify import markdownify

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if "word/document.xml" not in package.namelist():
                raise IngestError(f"{name} is a ZIP file but not a Word document: save it from Word as .docx.")
            title = _core_title(package)
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=STYLE_MAP,
                                         convert_image=mammoth.images.img_element(lambda image: {}))
    except IngestError:
        raise
    except zipfile.BadZipFile:
        raise IngestError(f"{name} is damaged (not a valid ZIP package): save it from Word again as .docx.") from None
    except Exception as exc:  # mammoth's parse errors on a malformed package: the file is the problem
        raise IngestError(f"{name} could not be read as a Word document ({type(exc).__name__}): "
                          "open it in Word or LibreOffice and save it again as .docx.") from None
    markdown = markdownify(result.value, heading_style="ATX", bullets="-", strip=["img"])
    return Converted(format=fmt, markdown=markdown, title=title)


def _core_title(package: zipfile.ZipFile) -> str | None:
    """``dc:title`` from docProps/core.xml, if the author set one."""
    try:
        root = ElementTree.fromstring(package.read("docProps/core.xml"))
    except (KeyError, ElementTree.ParseError):
        return None
    element = root.find("{http://purl.org/dc/elements/1.1/}title")
    title = " ".join((element.text or "").split()) if element is not None else ""
    return title or None
