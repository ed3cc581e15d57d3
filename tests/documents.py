"""Real-looking documents for the ingest tests and the extractor comparison (bench/ingest.py).

Each builder writes a file the way site owners' files look: an article page wrapped in site
chrome (navigation, cookie banner, sidebar, ads, "you might also like", footer), a multi-page
text PDF with a running header, page numbers and headings set in larger type, a Word file
with heading styles, lists and emphasis. ``ARTICLE_*`` and ``CHROME_*`` list the phrases an
extractor must keep and must drop, so the tests and the comparison score the same things.

The PDF and DOCX builders need the test extras (``fpdf2``, ``python-docx``).
"""

from __future__ import annotations

from pathlib import Path

# --------------------------------------------------------------------------- HTML

HTML_TITLE = "Bird Dog and Dead Bug: Two Core Exercises for Runners with Back Pain"
HTML_HEADINGS = ("Why the deep core matters", "How to do the bird dog", "How to do the dead bug",
                 "How often to train")
HTML_SENTENCES = (
    "The deep abdominal muscles brace the lumbar spine before your foot strikes the ground.",
    "Kneel on all fours with your hands under your shoulders and your knees under your hips.",
    "Hold each bird dog for eight seconds, then switch sides.",
    "Lie on your back with your arms pointing at the ceiling and your knees bent at ninety degrees.",
    "Do three sets of ten bird dogs and ten dead bugs three times a week, on days you do not run hard.",
)
HTML_LIST_ITEMS = ("Keep your back flat, as if balancing a cup of tea on it.",
                   "Breathe out as you extend the arm and leg.",
                   "Stop if the movement causes sharp pain.")
HTML_EMPHASIS = "slowly"
HTML_LINK = ("neutral spine", "https://physio.example.org/neutral-spine")
CHROME_PHRASES = (
    "We use cookies", "Accept all cookies", "Book an appointment", "Our clinics",
    "Popular posts", "Subscribe to our newsletter", "Sponsored", "Compression socks 40% off",
    "You might also like", "Ten marathon training mistakes", "Share on Facebook",
    "All rights reserved", "12 Harbour Street", "Leave a comment", "Privacy policy",
)


def article_html(title: str = HTML_TITLE) -> str:
    """An article page from a physiotherapy clinic's site, with all of the site's chrome around it."""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{title} | Harbour Physio Blog</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="How runners can protect the lower back with two simple core exercises.">
  <meta property="og:title" content="{title}">
  <link rel="stylesheet" href="/assets/site.css">
  <script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body class="post-template">
<div id="cookie-banner" class="cookie-consent">
  <p>We use cookies to improve your experience and to measure traffic. <a href="/privacy">Privacy policy</a></p>
  <button>Accept all cookies</button> <button>Manage preferences</button>
</div>
<header class="site-header">
  <a class="logo" href="/">Harbour Physio</a>
  <nav class="main-nav"><ul>
    <li><a href="/">Home</a></li><li><a href="/clinics">Our clinics</a></li>
    <li><a href="/treatments">Treatments</a></li><li><a href="/blog">Blog</a></li>
    <li><a class="cta" href="/book">Book an appointment</a></li>
  </ul></nav>
</header>
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/blog">Blog</a> &rsaquo; Running injuries</div>
<div class="ad ad-leaderboard"><span>Sponsored</span> <a href="https://shop.example.com">Compression socks 40% off this week only!</a></div>
<main class="content">
<article class="post">
  <h1 class="post-title">{title}</h1>
  <p class="byline">By Dr Jane Moss, physiotherapist &middot; <time datetime="2026-03-14">14 March 2026</time> &middot; 6 min read</p>
  <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
  <div class="post-content">
  <p>Many runners with lower back pain have strong legs but a weak deep core. Two floor exercises,
  the bird dog and the dead bug, train the muscles that keep the spine still while the legs move.
  Both are safe for most people with ordinary back pain and need no equipment.</p>
  <h2>{HTML_HEADINGS[0]}</h2>
  <p>{HTML_SENTENCES[0]} When these muscles switch on late, the small joints and discs of the lower
  back take more of the load with every stride. Keeping a <a href="{HTML_LINK[1]}">{HTML_LINK[0]}</a>
  while the arms and legs move is exactly what running asks of the core.</p>
  <div class="ad ad-inline"><span>Sponsored</span> Try our partner's protein bars. <a href="https://ads.example.net/click">Buy now</a></div>
  <h2>{HTML_HEADINGS[1]}</h2>
  <p>{HTML_SENTENCES[1]} Reach one arm forward and the opposite leg back, <em>{HTML_EMPHASIS}</em>,
  until both are level with your body. {HTML_SENTENCES[2]}</p>
  <ul>
    <li>{HTML_LIST_ITEMS[0]}</li>
    <li>{HTML_LIST_ITEMS[1]}</li>
    <li>{HTML_LIST_ITEMS[2]}</li>
  </ul>
  <h2>{HTML_HEADINGS[2]}</h2>
  <p>{HTML_SENTENCES[3]} Lower one arm behind your head and the opposite leg towards the floor
  while pressing your lower back gently into the mat. <strong>Do not let your back arch.</strong>
  Return to the start and repeat on the other side.</p>
  <h2>{HTML_HEADINGS[3]}</h2>
  <p>{HTML_SENTENCES[4]} Most runners notice steadier hips within four to six weeks.</p>
  <ol>
    <li>Weeks one and two: two sets of six on each side.</li>
    <li>Weeks three and four: three sets of eight on each side.</li>
    <li>From week five: three sets of ten, adding a two-second pause.</li>
  </ol>
  <p>If your pain spreads down a leg, or you feel numbness or weakness, stop and see a physiotherapist or doctor.</p>
  </div>
  <div class="tags">Tags: <a href="/tag/core">core</a>, <a href="/tag/back-pain">back pain</a></div>
</article>
<section class="related">
  <h2>You might also like</h2>
  <ul>
    <li><a href="/blog/marathon-mistakes">Ten marathon training mistakes and how to avoid them</a></li>
    <li><a href="/blog/foam-rolling">Foam rolling: does it really work?</a></li>
    <li><a href="/blog/plantar">Plantar fasciitis in runners</a></li>
  </ul>
</section>
<section class="comments"><h3>Leave a comment</h3>
  <form><textarea name="comment"></textarea><button>Post comment</button></form>
  <div class="comment"><p>Great article, thanks! I will try these before my next 10k. &mdash; Sam</p></div>
</section>
</main>
<aside class="sidebar">
  <div class="widget"><h3>Popular posts</h3><ul>
    <li><a href="/blog/hip-flexors">Tight hip flexors and running</a></li>
    <li><a href="/blog/stretch">Five stretches after every run</a></li></ul></div>
  <div class="widget newsletter"><h3>Subscribe to our newsletter</h3>
    <form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>
  <div class="ad ad-sidebar"><span>Sponsored</span> Running shoes sale at Stride Store</div>
</aside>
<footer class="site-footer">
  <p>Harbour Physio, 12 Harbour Street, Bristol BS1 4XY &middot; 0117 496 0000</p>
  <p>&copy; 2026 Harbour Physio Ltd. All rights reserved. <a href="/privacy">Privacy policy</a> &middot; <a href="/terms">Terms</a></p>
</footer>
<script src="/assets/analytics.js"></script>
</body>
</html>
"""


def div_soup_html() -> str:
    """The same article as many CMSs emit it: no <article>, <main> or <nav>, only classed divs."""
    html = article_html()
    for old, new in (("<main class=\"content\">", "<div id=\"wrap\">"), ("</main>", "</div>"),
                     ("<article class=\"post\">", "<div class=\"entry\">"), ("</article>", "</div>"),
                     ("<header class=\"site-header\">", "<div class=\"top\">"), ("</header>", "</div>"),
                     ("<nav class=\"main-nav\">", "<div class=\"menu\">"), ("</nav>", "</div>"),
                     ("<aside class=\"sidebar\">", "<div class=\"col-right\">"), ("</aside>", "</div>"),
                     ("<footer class=\"site-footer\">", "<div class=\"bottom\">"), ("</footer>", "</div>"),
                     ("<section class=\"related\">", "<div class=\"more\">"),
                     ("<section class=\"comments\">", "<div class=\"talk\">"), ("</section>", "</div>")):
        html = html.replace(old, new)
    return html


def chrome_only_html() -> str:
    """A page with navigation, banners and a footer but no article: nothing to extract."""
    return """<!DOCTYPE html><html><head><title>Harbour Physio</title></head><body>
<div id="cookie-banner"><p>We use cookies.</p><button>Accept all cookies</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/clinics">Our clinics</a></li>
<li><a href="/book">Book an appointment</a></li></ul></nav>
<footer><p>&copy; 2026 Harbour Physio Ltd. All rights reserved.</p></footer></body></html>"""


# --------------------------------------------------------------------------- PDF

PDF_TITLE = "Returning to Running After a Back Injury"
PDF_HEADINGS = ("When you are ready to start", "The walk-run programme", "Signs to slow down",
                "Strength work alongside running")
PDF_SENTENCES = (
    "You are ready to try running when you can walk briskly for thirty minutes without your back pain getting worse.",
    "Start with one minute of jogging followed by two minutes of walking, repeated eight times.",
    "Add one minute of jogging to each block every second session if your back feels no worse the next morning.",
    "Pain that is worse the morning after a run means the last step up was too big.",
    "Keep doing the glute bridge and side plank twice a week while you build up your running.",
)
PDF_LIST_ITEMS = ("pain that spreads below the knee", "a limp that appears during the run",
                  "stiffness that lasts more than an hour the next morning")
PDF_HEADER = "Harbour Physio - Patient Leaflet 7"
CHROME_PDF = (PDF_HEADER, "Page 1 of 3", "Page 2 of 3", "Page 3 of 3")

_PDF_FILLER = (
    "Every back recovers at its own pace, and the aim of this leaflet is a gradual, predictable way "
    "back to the running you enjoy.",
    "Progress is measured by how your back feels the next day, not by how it feels during the run.",
    "Write down what you did and how you felt, so you can see the pattern over several weeks.",
    "A little stiffness that eases within a few minutes of moving about is normal and not a reason to stop.",
    "Choose a time of day when you are not rushed, so that you can warm up properly beforehand.",
    "Wear the shoes you ran in before the injury unless they have covered more than eight hundred kilometres.",
    "Running with a friend helps to keep the pace easy enough to hold a conversation throughout.",
    "Drink water before and after each session, and eat normally; recovery needs energy as well as rest.",
)


def _filler(start: int, count: int) -> str:
    return " ".join(_PDF_FILLER[(start + i) % len(_PDF_FILLER)] for i in range(count))


def article_pdf(path: Path, title: str = PDF_TITLE) -> Path:
    """A three-page text PDF: 20 pt title, 14 pt bold headings, 11 pt body, a bullet list, a
    running header and "Page n of 3" footers, and paragraphs that run across page breaks."""
    from fpdf import FPDF

    class Leaflet(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", "I", 8)
            self.cell(0, 6, PDF_HEADER, align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", "", 8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Leaflet(format="A4")
    pdf.core_fonts_encoding = "windows-1252"  # WinAnsi, as the core fonts declare: has the bullet
    pdf.set_title(title)
    pdf.set_author("Harbour Physio")
    pdf.alias_nb_pages("{nb}")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 20)
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    def heading(text: str) -> None:
        pdf.ln(3)
        pdf.set_font("helvetica", "B", 14)
        pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def para(text: str) -> None:
        pdf.set_font("helvetica", "", 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    para("A back injury does not have to end your running. This leaflet explains how to build back "
         "up safely after an episode of lower back pain, step by step. " + _filler(0, 6))
    heading(PDF_HEADINGS[0])
    para(PDF_SENTENCES[0] + " You should also be able to hop gently on each leg without pain. " + _filler(2, 16))
    heading(PDF_HEADINGS[1])
    para(PDF_SENTENCES[1] + " " + PDF_SENTENCES[2] + " " + _filler(4, 22))
    para("Run on flat, even ground at first; grass or a track is kinder than hills. " + _filler(1, 18))
    heading(PDF_HEADINGS[2])
    para(PDF_SENTENCES[3] + " Go back to the previous week's blocks and hold there until your back settles. "
         "Stop and seek advice if you notice:")
    pdf.set_font("helvetica", "", 11)
    for item in PDF_LIST_ITEMS:
        pdf.multi_cell(0, 6, f"\u2022 {item}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    heading(PDF_HEADINGS[3])
    para(PDF_SENTENCES[4] + " " + _filler(3, 16))
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path) -> Path:
    """A 'scanned' page: one picture of text and no text layer at all."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for row in range(40):
        draw.text((100, 100 + row * 38), "Scanned leaflet: returning to running after back pain " * 2, fill=0)
    picture = path.with_suffix(".png")
    image.save(picture)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(picture), x=0, y=0, w=210)
    pdf.output(str(path))
    picture.unlink()
    return path


def encrypted_pdf(path: Path, user_password: str = "secret") -> Path:
    """The article PDF protected by a password (``""``: opens without one, copying restricted)."""
    from pypdf import PdfReader, PdfWriter

    plain = article_pdf(path.with_name(path.stem + "-plain.pdf"))
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password="owner-" + user_password, algorithm="RC4-128")
    with open(path, "wb") as fh:
        writer.write(fh)
    plain.unlink()
    return path


def corrupt_pdf(path: Path) -> Path:
    """Starts like a PDF, then garbage: a download cut short and overwritten."""
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n" + bytes(range(256)) * 8)
    return path


# --------------------------------------------------------------------------- DOCX

DOCX_TITLE = "Sleeping Positions for Runners with Back Pain"
DOCX_HEADINGS = ("Side sleeping", "Back sleeping", "Choosing a mattress")
DOCX_SENTENCES = (
    "Put a firm pillow between your knees when you sleep on your side so your top leg does not pull your pelvis round.",
    "A pillow under your knees flattens the lower back when you sleep face up.",
    "A medium-firm mattress suits most people with lower back pain better than a very firm one.",
)
DOCX_LIST_ITEMS = ("Draw your knees up slightly towards your chest.",
                   "Keep your neck in line with your spine using one pillow.",
                   "Switch sides during the night if one hip aches.")
DOCX_EMPHASIS = "between your knees"


def article_docx(path: Path, title: str = DOCX_TITLE) -> Path:
    """A Word file with a Title, Heading 1 styles, bulleted and numbered lists, bold and italic runs."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    intro = document.add_paragraph("Runners spend a third of their lives asleep, and ")
    intro.add_run("how").italic = True
    intro.add_run(" you lie at night can ease or aggravate lower back pain.")
    document.add_heading(DOCX_HEADINGS[0], level=1)
    para = document.add_paragraph("Put a firm pillow ")
    para.add_run(DOCX_EMPHASIS).bold = True
    para.add_run(" when you sleep on your side so your top leg does not pull your pelvis round.")
    for item in DOCX_LIST_ITEMS:
        document.add_paragraph(item, style="List Bullet")
    document.add_heading(DOCX_HEADINGS[1], level=1)
    document.add_paragraph(DOCX_SENTENCES[1] + " Avoid sleeping on your front, which arches the back.")
    document.add_heading(DOCX_HEADINGS[2], level=1)
    document.add_paragraph(DOCX_SENTENCES[2] + " Before buying:")
    for step in ("Lie on it for ten minutes in the shop.", "Check the return policy.",
                 "Replace a mattress that sags in the middle."):
        document.add_paragraph(step, style="List Number")
    document.save(str(path))
    return path
