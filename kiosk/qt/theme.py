"""The exhibit's look: one palette and one style sheet, so no widget shows Qt's default grey."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    coal: str = "#23262b"
    slate: str = "#4a5563"
    paper: str = "#f3ecdf"
    card: str = "#fbfaf7"
    ochre: str = "#c8963e"
    brick: str = "#a4452c"
    pine: str = "#50695a"
    sky: str = "#9fb3c3"
    ember: str = "#e07a3f"
    ink_soft: str = "#5d5a55"
    wheat: str = "#d9cdb8"  # subtitle on coal
    note: str = "#efe3c8"  # note and chart-detail boxes
    mist: str = "#e9e1d2"  # light text on the gallery's heading tiles
    credits: str = "#f1e9d8"  # the credits line under a story
    focus: str = "#0b57d0"  # the keypad's focus ring ...
    halo: str = "#fbfaf7"  # ... with a light halo, so it shows on the dark header too


PALETTE = Palette()
MIN_TOUCH = 48  # px: the smallest target a finger hits reliably
MIN_TEXT = 16  # px: the smallest text on screen (museum guidance)
FOCUS_RING = 4  # px: the focus ring's width, plus a 2 px halo


@dataclass(frozen=True)
class TextStyle:
    """One kind of text as it is drawn: its colour on its background, size and weight.

    `behind` is what shows through a translucent background. The contrast test reads this list;
    every style-sheet rule with a font size must be in it (a test checks that too).
    """

    name: str
    color: str
    background: str
    px: int
    bold: bool = False
    behind: str | None = None


def text_styles() -> tuple[TextStyle, ...]:
    """Every text colour on its background, as the style sheet and the painted timeline and charts use them."""
    p = PALETTE
    return (
        TextStyle("AppTitle", p.card, p.coal, 34, True),
        TextStyle("AppSubtitle", p.wheat, p.coal, 18),
        TextStyle("SectionTitle", p.coal, p.paper, 28, True),
        TextStyle("SectionHint", p.ink_soft, p.paper, 18),
        TextStyle("QPushButton", p.coal, p.card, 22, True),
        TextStyle("LangButton", p.card, p.coal, 22, True),
        TextStyle("LangButton:checked", p.coal, p.ochre, 22, True),
        TextStyle("NavTab", p.card, p.coal, 22, True),
        TextStyle("NavTab:checked", p.ochre, p.coal, 22, True),
        TextStyle("TextSizeButton", p.card, p.coal, 24, True),
        TextStyle("TextSizeButton:checked", p.coal, p.ochre, 24, True),
        TextStyle("ReachButton", p.card, p.coal, 20, True),
        TextStyle("ReachButton:checked", p.coal, p.ochre, 20, True),
        TextStyle("PinDisplay", p.coal, p.card, 44),
        TextStyle("PinKey", p.coal, p.card, 30, True),
        TextStyle("IdleQuestion", p.coal, p.card, 48, True),
        TextStyle("IdleSeconds", p.brick, p.card, 110, True),
        TextStyle("IdleHint", p.ink_soft, p.card, 24),
        TextStyle("AttractText", p.ochre, "rgba(35, 38, 43, 215)", 56, True, behind=p.paper),
        TextStyle("ProblemBanner", p.card, p.brick, 19),
        TextStyle("ChartTitle", p.coal, p.card, 26, True),
        TextStyle("ChartTakeaway", p.ink_soft, p.card, 19),
        TextStyle("BigFigure", p.brick, p.card, 96, True),
        TextStyle("BigFigureLabel", p.coal, p.card, 22),
        TextStyle("ChartDetail", p.coal, p.note, 18),
        TextStyle("ChartTick", p.coal, p.card, 17),
        TextStyle("ChartValue", p.coal, p.card, 20, True),
        TextStyle("CardTitle", p.coal, p.card, 44, True),
        TextStyle("CardDate", p.brick, p.card, 24, True),
        TextStyle("CardSummary", p.coal, p.card, 24, True),
        TextStyle("CardBody", p.coal, p.card, 22),
        TextStyle("CardNote", p.coal, p.note, 19),
        TextStyle("CardSources", p.ink_soft, p.card, 16),
        TextStyle("CardQR", p.ink_soft, p.card, 17),
        TextStyle("NavButton", p.coal, p.card, 22, True),
        TextStyle("CloseButton", p.coal, p.card, 28, True),
        TextStyle("RelatedButton", p.coal, p.card, 19, True),
        TextStyle("GalleryTitle", p.coal, p.card, 24, True),
        TextStyle("GallerySummary", p.ink_soft, p.card, 17),
        TextStyle("GalleryHeadingTitle", p.ochre, p.coal, 32, True),
        TextStyle("GalleryHeadingTitle:today", p.card, p.pine, 32, True),
        TextStyle("GalleryHeadingLine", p.mist, p.coal, 18),
        TextStyle("GalleryHeadingLine:today", p.mist, p.pine, 18),
        TextStyle("GalleryHeadingCount", p.wheat, p.coal, 17, True),
        TextStyle("GalleryHeadingCount:today", p.card, p.pine, 17, True),  # wheat on pine was 3.8:1
        TextStyle("GalleryHeading", p.mist, p.pine, 16),  # the compact tile's smallest line, on the darker-lit tile
        TextStyle("Header", p.wheat, p.coal, 16),  # the one-row header of a short screen: its subtitle
        TextStyle("Attract", p.wheat, p.coal, 21),  # a short screen's attract page: its smallest line
        TextStyle("AttractEra", p.wheat, p.coal, 20, True),
        TextStyle("AttractTitleZh", p.card, p.coal, 46, True),
        TextStyle("AttractLineZh", p.mist, p.coal, 24),
        TextStyle("AttractTitleEn", p.card, p.coal, 34, True),
        TextStyle("AttractLineEn", p.wheat, p.coal, 21),
        TextStyle("ChartUnit", p.ink_soft, p.card, 16, True),
        TextStyle("VisitorsChartTitle", p.coal, p.card, 22, True),
        TextStyle("VisitorsTakeaway", p.ink_soft, p.card, 16),
        TextStyle("VisitorsFigure", p.brick, p.card, 44, True),
        TextStyle("PeriodButton", p.coal, p.card, 18),
        TextStyle("PeriodButton:checked", p.card, p.coal, 18),
        TextStyle("Credits", p.ink_soft, p.credits, 16),
        TextStyle("CreditsMore", p.brick, p.credits, 17, True),
        TextStyle("RefHeading", p.coal, p.paper, 38, True),
        TextStyle("RefSubject", p.ink_soft, p.paper, 20),
        TextStyle("RefTitle", p.coal, p.paper, 26, True),
        TextStyle("RefLabel", p.brick, p.paper, 16, True),
        TextStyle("RefValue", p.coal, p.paper, 19),
        TextStyle("ReachTitle", p.coal, p.paper, 56, True),
        TextStyle("ReachNote", p.ink_soft, p.paper, 24),
        TextStyle("TimelineDate", p.brick, p.card, 16, True),
        TextStyle("TimelineTitle", p.coal, p.card, 17),
        TextStyle("TimelineAxis", p.card, p.coal, 16),
        TextStyle("TimelineStackYears", p.ochre, p.coal, 16, True),
        TextStyle("TimelineStackCount", p.card, p.coal, 20, True),
    )


# The gallery's teasers stay their size: their cards are fixed, and the panel a tap opens reads large.
READING = ("SectionHint", "CardSummary", "CardBody", "CardNote", "CardSources", "ChartTakeaway", "ChartDetail", "RefValue")


def style_sheet(sans: str, serif: str, reading_scale: float = 1.25) -> str:
    """The whole look. Reading text marked `largeText` is `reading_scale` times larger: the
    large-text option re-polishes just those labels instead of restyling the whole app."""
    p = PALETTE
    sheet = f"""
QWidget {{ font-family: "{sans}"; color: {p.coal}; }}
QMainWindow, #Home, #Screen {{ background: {p.paper}; }}
#Header {{ background: {p.coal}; }}
#Header QLabel {{ color: {p.card}; }}
#AppTitle {{ font-family: "{serif}"; font-size: 34px; font-weight: 700; }}
#AppSubtitle {{ font-size: 18px; color: {p.wheat}; }}
#Header[compact="true"] #AppTitle {{ font-size: 25px; }}
#Header[compact="true"] #AppSubtitle {{ font-size: 16px; }}
#SectionTitle {{ font-family: "{serif}"; font-size: 28px; font-weight: 700; color: {p.coal}; }}
#SectionHint {{ font-size: 18px; color: {p.ink_soft}; }}
QPushButton {{
    background: {p.card}; border: 2px solid {p.coal}; border-radius: 12px;
    padding: 8px 20px; font-size: 22px; font-weight: 600; min-height: {MIN_TOUCH}px; min-width: {MIN_TOUCH}px;
}}
QPushButton:pressed {{ background: {p.ochre}; }}
QPushButton:disabled {{ color: #b9b3a9; border-color: #d6cfc3; }}
#LangButton {{
    background: transparent; color: {p.card}; border: 2px solid #6b6f75; border-radius: 0;
    font-size: 22px; min-width: 110px; min-height: 56px;
}}
#LangButton:checked {{ background: {p.ochre}; color: {p.coal}; border-color: {p.ochre}; }}
#NavTab {{
    background: transparent; color: {p.card}; border: none; border-bottom: 4px solid transparent; border-radius: 0;
    font-size: 22px; padding: 8px 12px; min-height: 52px;
}}
#NavTab:checked {{ color: {p.ochre}; border-bottom: 4px solid {p.ochre}; }}
#PinDisplay {{ font-size: 44px; letter-spacing: 8px; color: {p.coal}; }}
#PinKey {{ font-size: 30px; }}
#IdleQuestion {{ font-family: "{serif}"; font-size: 48px; font-weight: 700; }}
#IdleSeconds {{ font-family: "{serif}"; font-size: 110px; font-weight: 700; color: {p.brick}; }}
#IdleHint {{ font-size: 24px; color: {p.ink_soft}; }}
#Attract {{ background: {p.coal}; }}
#Attract QLabel {{ color: {p.card}; }}
#AttractEra {{ font-size: 24px; font-weight: 700; color: {p.wheat}; letter-spacing: 1px; }}
#AttractTitleZh {{ font-family: "{serif}"; font-size: 64px; font-weight: 700; }}
#AttractLineZh {{ font-size: 30px; color: {p.mist}; }}
#AttractTitleEn {{ font-family: "{serif}"; font-size: 46px; font-weight: 700; }}
#AttractLineEn {{ font-size: 26px; color: {p.wheat}; }}
#Attract QLabel#AttractText {{
    font-family: "{serif}"; font-size: 44px; font-weight: 700; color: {p.ochre};
    border-top: 2px solid #4a4e55; padding-top: 24px;
}}
#Attract[short="true"] #AttractEra {{ font-size: 20px; }}
#Attract[short="true"] #AttractTitleZh {{ font-size: 46px; }}
#Attract[short="true"] #AttractLineZh {{ font-size: 24px; }}
#Attract[short="true"] #AttractTitleEn {{ font-size: 34px; }}
#Attract[short="true"] #AttractLineEn {{ font-size: 21px; }}
#Attract[short="true"] QLabel#AttractText {{ font-size: 34px; padding-top: 14px; }}
#ProblemBanner {{ background: {p.brick}; color: {p.card}; font-size: 19px; padding: 12px 40px; }}
#ChartCard {{ background: {p.card}; border-radius: 18px; }}
#ChartTitle {{ font-family: "{serif}"; font-size: 26px; font-weight: 700; }}
#ChartUnit {{ font-size: 16px; font-weight: 600; color: {p.ink_soft}; }}
#ChartTakeaway {{ font-size: 19px; color: {p.ink_soft}; }}
#BigFigure {{ font-family: "{serif}"; font-size: 96px; font-weight: 700; color: {p.brick}; }}
#BigFigureLabel {{ font-size: 22px; color: {p.coal}; }}
#ChartDetail {{ font-size: 18px; color: {p.coal}; background: {p.note}; border-radius: 10px; padding: 8px 14px; }}
#VisitorsChartTitle {{ font-family: "{serif}"; font-size: 22px; font-weight: 700; }}
#VisitorsTakeaway {{ font-size: 16px; color: {p.ink_soft}; }}
#VisitorsFigure {{ font-family: "{serif}"; font-size: 44px; font-weight: 700; color: {p.brick}; }}
#PeriodButton, #OrderButton {{ font-size: 18px; border-width: 1px; border-radius: 22px; padding: 4px 18px; min-height: 40px; }}
#PeriodButton:checked, #OrderButton:checked {{ background: {p.coal}; color: {p.card}; }}
#EraChip {{ border-radius: 24px; border: none; font-size: 19px; padding: 6px 18px; }}
#Overlay {{ background: rgba(20, 22, 26, 200); }}
#Card {{ background: {p.card}; border-radius: 24px; }}
#CardTitle {{ font-family: "{serif}"; font-size: 44px; font-weight: 700; }}
#CardDate {{ font-size: 24px; font-weight: 700; color: {p.brick}; }}
#CardSummary {{ font-size: 24px; font-weight: 600; color: {p.coal}; }}
#CardBody {{ font-size: 22px; color: {p.coal}; }}
#CardNote {{ font-size: 19px; color: {p.coal}; background: {p.note}; border-left: 6px solid {p.ochre}; padding: 12px 16px; }}
#CardSources {{ font-size: 16px; color: {p.ink_soft}; }}
#CloseButton {{ border-radius: 32px; min-width: 64px; min-height: 64px; font-size: 28px; padding: 0; }}
#NavButton {{ min-width: 180px; }}
#RelatedButton {{ font-size: 19px; text-align: left; border-width: 1px; }}
#GalleryCard {{ background: {p.card}; border-radius: 18px; }}
#GalleryHeading {{ background: {p.coal}; border-radius: 18px; }}
#GalleryHeading[group="today"] {{ background: {p.pine}; }}
#GalleryHeadingTitle {{ font-family: "{serif}"; font-size: 32px; font-weight: 700; color: {p.ochre}; }}
#GalleryHeading[group="today"] #GalleryHeadingTitle {{ color: {p.card}; }}
#GalleryHeadingLine {{ font-size: 18px; color: {p.mist}; }}
#GalleryHeading[compact="true"] #GalleryHeadingTitle {{ font-size: 26px; }}
#GalleryHeading[compact="true"] #GalleryHeadingLine {{ font-size: 16px; }}
#GalleryHeadingCount {{ font-size: 17px; font-weight: 600; color: {p.wheat}; }}
#GalleryHeading[group="today"] #GalleryHeadingCount {{ color: {p.card}; }}
#Credits {{ background: {p.credits}; border-radius: 12px; }}
#CreditsMore {{ font-size: 17px; font-weight: 700; color: {p.brick}; }}
#ReferencesOverlay {{ background: rgba(20, 22, 26, 170); }}
#ReferencesCard {{ background: {p.paper}; border-radius: 24px; border: 3px solid {p.ochre}; }}
#RefHeading {{ font-family: "{serif}"; font-size: 38px; font-weight: 700; }}
#RefSubject {{ font-size: 20px; color: {p.ink_soft}; }}
#RefTitle {{ font-family: "{serif}"; font-size: 26px; font-weight: 700; color: {p.coal}; }}
#RefLabel {{ font-size: 16px; font-weight: 700; color: {p.brick}; padding-top: 2px; }}
#RefValue {{ font-size: 19px; color: {p.coal}; }}
#RefRule {{ background: #ddd0b6; }}
#GalleryTitle {{ font-family: "{serif}"; font-size: 24px; font-weight: 700; }}
#GallerySummary {{ font-size: 17px; color: {p.ink_soft}; }}
QScrollArea {{ background: transparent; border: none; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QScrollBar:horizontal {{ height: 10px; background: transparent; }}
QScrollBar::handle:horizontal {{ background: #cbbfa8; border-radius: 5px; min-width: 60px; }}
QScrollBar:vertical {{ width: 10px; background: transparent; }}
QScrollBar::handle:vertical {{ background: #cbbfa8; border-radius: 5px; min-height: 60px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
#TextSizeButton {{
    background: transparent; color: {p.card}; border: 2px solid #6b6f75; border-radius: 0; font-size: 24px;
    min-width: 72px; min-height: 56px; padding: 0;
}}
#TextSizeButton:checked {{ background: {p.ochre}; color: {p.coal}; border-color: {p.ochre}; }}
#ReachButton {{
    background: transparent; color: {p.card}; border: 2px solid #6b6f75; border-radius: 0; font-size: 20px;
    min-width: 150px; min-height: 56px; padding: 0 14px;
}}
#ReachButton:checked {{ background: {p.ochre}; color: {p.coal}; border-color: {p.ochre}; }}
#ReachTitle {{ font-family: "{serif}"; font-size: 56px; font-weight: 700; color: {p.coal}; }}
#ReachNote {{ font-family: "{serif}"; font-size: 24px; color: {p.ink_soft}; }}
#CardQR {{ font-size: 17px; color: {p.ink_soft}; }}
"""
    large = [_scaled(line, reading_scale).replace(" {", '[largeText="true"] {', 1) for line in sheet.splitlines() if _is_reading(line)]
    return "\n".join([sheet, *large])


def _is_reading(line: str) -> bool:
    return any(line.startswith(f"#{name} ") for name in READING)


def _scaled(line: str, scale: float) -> str:
    return re.sub(r"font-size: (\d+)px", lambda m: f"font-size: {round(int(m.group(1)) * scale)}px", line)
