"""Tables for crawler.cleaning.boilerplate: furniture in, prose kept (C4, C8)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.cleaning.boilerplate import (
    FURNITURE_PHRASES,
    is_furniture,
    split_contributors,
    split_wire_credit,
    strip_boilerplate,
)

COOKIE_BANNER = (
    "We use cookies to ensure you get the best experience on our website. By continuing,"
    " you are agreeing to our use of cookies. To find out more, please click this link."
)
BREVO_TERMS = (
    "By providing an email address. I agree to the Terms of Use and acknowledge that I"
    " have read the Privacy Policy."
)
INQUIRER_PLUS = (
    "Subscribe to INQUIRER PLUS to get access to The Philippine Daily Inquirer & other"
    " 70+ titles, share up to 5 gadgets, listen to the news, download as early as 4am &"
    " share articles on social media. Call 896 6000."
)

# Every row is a whole block as seen on inquirer.net / sister sites (docs/inquirer-site.md §0, §2).
FURNITURE = [
    # cookie banner (div.qni-cookmsg)
    COOKIE_BANNER,
    "By continuing, you are agreeing to our use of cookies.",
    "To find out more, please click this link.",
    "I agree",
    "Accept cookies",
    # Brevo newsletter form
    "Your subscription could not be saved. Please try again.",
    "Your subscription has been successful.",
    "Subscribe to our daily newsletter",
    BREVO_TERMS,
    "Subscribe",
    INQUIRER_PLUS,
    "Don't miss out…",
    "Don’t miss out on the latest news and information.",
    # ads
    "Article continues after this advertisement",
    "_Article continues after this advertisement_",
    "*Article continues after this advertisement*",
    "ADVERTISEMENT",
    "Advertisement",
    "ADVT",
    "by Taboola",
    "Sponsored Links",
    "You May Like",
    "Promoted Stories",
    # cross-link inserts
    "READ: PNP probes sudden closure of gas stations amid price hikes",
    "**READ: PNP probes sudden closure of gas stations amid price hikes**",
    "READ:",
    "RELATED: Marcos vows aid for quake victims",
    "READ MORE: Senate OKs budget on final reading",
    "RELATED STORIES",
    "RELATED STORY",
    "RELATED VIDEO",
    "Related Stories:",
    "Read Next",
    "READ NEXT",
    "WATCH: Firefighters battle Tondo blaze",
    "IBA PANG PASABOG",
    "IBA PANG PASABOG: Kathryn Bernardo may bagong proyekto",
    "BASAHIN: Marcos nag-sorry sa traffic",
    "For more news about the novel coronavirus click here.",
    "What you need to know about Coronavirus.",
    "For more information on COVID-19, call the DOH Hotline: (02) 86517800 local 1149/1150.",
    "The Inquirer Foundation",
    (
        "The Inquirer Foundation supports our healthcare frontliners and is still accepting cash"
        " donations to be deposited at Banco de Oro (BDO) current account #007960018860 or donate"
        " through PayMaya using this link."
    ),
    # tags, share, comments
    "TAGS: China, Marcos, Taiwan, West Philippine Sea, military drills",
    "Tags: Nation, Senate",
    "TAGS",
    "Share:",
    "Share",
    "Copy Link",
    "Facebook X Email Copy Link",
    "Share on Facebook | Twitter | Viber",
    "View comments",
    "Comments",
    "12 comments",
    (
        "Disclaimer: The comments uploaded on this site do not necessarily represent or reflect the"
        " views of management and owner of Cebudailynews. We reserve the right to exclude comments"
        " that we deem to be inconsistent with our editorial standards."
    ),
    "INQUIRER.net reserves the right to remove comments that are abusive.",
    "Please read our comment policy before posting.",
    # page sections, footer
    "© Copyright 1997-2026 | All Rights Reserved",
    "© Copyright 1997-2024 | All Rights Reserved",
    "Copyright © 2025 INQUIRER.net | Philippine Daily Inquirer. All Rights Reserved.",
    "All Rights Reserved.",
    "Follow INQUIRER.net",
    "Follow INQUIRER.net on Facebook and Twitter for the latest news.",
    "FOLLOW US:",
    "Follow us on Twitter @inquirerdotnet",
    "@inquirerdotnet",
    "FEATURED STORIES",
    "EDITOR'S PICK",
    "EDITOR’S PICKS",
    "MOST READ",
    "LATEST NEWS STORIES",
    "NEWSINFO",
    # breaks and rules
    "* * *",
    "***",
    "—————-",
    "-----",
    "• • •",
    # columnist sign-offs
    "Comments to columnist@gmail.com",
    "Comments to kc.pacis@inquirer.com.ph",
    "—Email: juan.delacruz@inquirer.com.ph",
    "Feedback: opinion@inquirer.com.ph",
    "juan.delacruz@gmail.com",
    # photo credit-only lines
    "—Photo by Niño Jesus Orbeta | INQUIRER",
    "(File photo from INQUIRER / NIÑO JESUS ORBETA)",
    "INQUIRER PHOTO / NIÑO JESUS ORBETA",
    "FILE PHOTO",
    "CONTRIBUTED PHOTO",
    "PVL PHOTO",
    "Photo courtesy of the Philippine Coast Guard",
    "REUTERS/Eloisa Lopez",
    "AP Photo/Aaron Favila",
    "AFP PHOTO / TED ALJIBE",
    "SCREENGRAB from PCG video",
    # embedded social posts, column bios with the sign-off
    "@lito.jeep.qc Si Mingming, ang pinakamatipid na pasahero sa Cubao 🐱🚌 #jeepneycat",
    "Rafael C. Domingo is a former bank economist. Comments to ledgerlines@inquirer.com.ph",
    "The author is a lawyer. Comments to x.y@gmail.com",
]

# Real sentences that only *mention* furniture words: must stay body text.
PROSE = [
    "The advertisement ran for two weeks before the FDA ordered it pulled.",
    "Advertisement spending rose 12 percent in 2025, the group said.",
    "Your subscription to the streaming service will lapse if unpaid, the DTI warned.",
    "Subscribers of the telco complained about the new subscription fees.",
    "The newsletter was sent to 2,000 teachers, DepEd said.",
    "We use cookies in this recipe, said chef Margarita Fores, laughing.",
    "Share prices rose 3 percent on Monday.",
    "He refused to share the details of the deal.",
    "Read the full decision here, the court said.",
    "Related to this, the DOH said it would release more funds.",
    "The senator did not read the report before the hearing.",
    "Copyright infringement cases rose in 2025, the IPOPHL said.",
    "The comments of the public were included in the final rules.",
    "Photos of the victims circulated online on Sunday.",
    "Photos by the police showed the suspect fleeing.",
    "The photo shows the President with Chinese officials.",
    "Follow the money, the senator said.",
    "Tags on the luggage showed it came from Dubai.",
    "Most read the instructions before signing, the survey found.",
    "I agree with the senator, the mayor said.",
    "Don't miss out on this chance to see the eclipse, Pagasa said.",
    "The Inquirer Foundation donated 500 sacks of rice to flood victims in Marikina.",
    "X Æ A-12 is the name of Elon Musk's son.",
    "The ads were taken down after complaints from parents.",
    "Comments from the public are due on Friday, the ERC said.",
    "All rights reserved to the owners, the agency clarified in its statement on the matter.",
    "Watch out for flash floods, Pagasa warned.",
    "MANILA, Philippines — The Senate on Monday approved the bill.",
    "“READ the bill,” the senator told reporters.",
    "A crosshead",
    "Email scams are on the rise, the NBI said.",
    "Sponsored by the DOST, the contest drew 300 entries from students across the country.",
    "The author is a lawyer.",  # a bio without a sign-off stays
    "So it goes. Comments to columnist@gmail.com",  # the sign-off is cut, not the paragraph
    "Email juan@example.com if you saw the suspect, police said.",
]


@pytest.mark.parametrize("text", FURNITURE)
def test_is_furniture_positive(text: str) -> None:
    assert is_furniture(text)


@pytest.mark.parametrize("text", PROSE)
def test_is_furniture_negative(text: str) -> None:
    assert not is_furniture(text)


@pytest.mark.parametrize("bad", [None, 7, "", "   ", ["READ:"]])
def test_is_furniture_bad_input(bad: object) -> None:
    assert is_furniture(bad) is False  # type: ignore[arg-type]


B = list[tuple[str, str]]
STRIP_ROWS: list[tuple[str, B, B]] = [
    ("empty", [], []),
    (
        "keeps prose and kinds",
        [("p", "One."), ("h", "A crosshead"), ("p", "Two.")],
        [("p", "One."), ("h", "A crosshead"), ("p", "Two.")],
    ),
    (
        "drops furniture between paragraphs",
        [
            ("p", "One."),
            ("p", "Article continues after this advertisement"),
            ("p", "READ: PNP probes sudden closure"),
            ("p", "Two."),
        ],
        [("p", "One."), ("p", "Two.")],
    ),
    (
        "Brevo form inside the body is not terminal",
        [
            ("p", "One."),
            ("p", "Your subscription could not be saved. Please try again."),
            ("p", "Your subscription has been successful."),
            ("h", "Subscribe to our daily newsletter"),
            (
                "p",
                BREVO_TERMS,
            ),
            ("p", "Last paragraph."),
        ],
        [("p", "One."), ("p", "Last paragraph.")],
    ),
    (
        "RELATED STORIES is terminal",
        [("p", "One."), ("h", "RELATED STORIES"), ("p", "Some other headline"), ("p", "More.")],
        [("p", "One.")],
    ),
    ("TAGS is terminal", [("p", "One."), ("p", "TAGS: A, B"), ("p", "Headline")], [("p", "One.")]),
    ("Read Next is terminal", [("p", "One."), ("p", "Read Next"), ("p", "X")], [("p", "One.")]),
    ("MOST READ is terminal", [("p", "One."), ("h", "MOST READ"), ("p", "X")], [("p", "One.")]),
    (
        "FEATURED STORIES is terminal",
        [("p", "One."), ("p", "FEATURED STORIES"), ("p", "X")],
        [("p", "One.")],
    ),
    (
        "copyright footer is terminal",
        [("p", "One."), ("p", "© Copyright 1997-2026 | All Rights Reserved"), ("p", "X")],
        [("p", "One.")],
    ),
    (
        "terminal before any text is only dropped",
        [("h", "MOST READ"), ("p", "The story.")],
        [("p", "The story.")],
    ),
    (
        "inline READ after a sentence end is cut",
        [("p", "Prices rose again. READ: PNP probes sudden closure of gas stations")],
        [("p", "Prices rose again.")],
    ),
    (
        "inline RELATED after a closing quote is cut",
        [("p", "“We are ready,” he said. RELATED: Marcos vows aid")],
        [("p", "“We are ready,” he said.")],
    ),
    (
        "READ with no sentence end before it stays",
        [("p", "The placard said READ: THE CONSTITUTION in red.")],
        [("p", "The placard said READ: THE CONSTITUTION in red.")],
    ),
    (
        "lower-case read: mid-paragraph stays",
        [("p", "It was short. Read: the whole thing took a minute.")],
        [("p", "It was short. Read: the whole thing took a minute.")],
    ),
    (
        "advertisement phrase glued at the end is cut",
        [("p", "The rains went on. Article continues after this advertisement")],
        [("p", "The rains went on.")],
    ),
    (
        "leading ADVERTISEMENT label is cut",
        [("p", "ADVERTISEMENT The rains went on.")],
        [("p", "The rains went on.")],
    ),
    (
        "Brevo text glued to the last paragraph is cut",
        [("p", "Last words. Your subscription has been successful.")],
        [("p", "Last words.")],
    ),
    (
        "columnist sign-off glued to the end is cut",
        [("p", "So it goes. Comments to columnist@gmail.com")],
        [("p", "So it goes.")],
    ),
    (
        "columnist sign-off block and rule line are dropped",
        [("p", "So it goes."), ("p", "—————-"), ("p", "Comments to columnist@gmail.com")],
        [("p", "So it goes.")],
    ),
    (
        "closing rule line is terminal (bio and sign-off after it)",
        [
            ("p", "Last point."),
            ("p", "—————-"),
            ("p", "Rafael C. Domingo is a former bank economist."),
        ],
        [("p", "Last point.")],
    ),
    (
        "bio with sign-off dropped",
        [("p", "Last point."), ("p", "Ana Cruz is a lawyer. Comments to ana@inquirer.com.ph")],
        [("p", "Last point.")],
    ),
    (
        "sign-off with a social tail",
        [("p", "Last."), ("p", "Comments to ana@gmail.com or follow her on X @anacruz")],
        [("p", "Last.")],
    ),
    (
        "section breaks dropped, body goes on",
        [("p", "Part one."), ("p", "* * *"), ("p", "Part two.")],
        [("p", "Part one."), ("p", "Part two.")],
    ),
    (
        "whitespace normalised, empties dropped",
        [("p", "  One\xa0 two\n"), ("p", " \u200b "), ("p", "")],
        [("p", "One two")],
    ),
    ("unknown kind becomes p", [("li", "Item.")], [("p", "Item.")]),
    (
        "malformed items skipped",
        [("p",), "text", ("p", None), ("p", "Kept.")],  # type: ignore[list-item]
        [("p", "Kept.")],
    ),
    (
        "italic advertisement variant",
        [("p", "One."), ("p", "_Article continues after this advertisement_"), ("p", "Two.")],
        [("p", "One."), ("p", "Two.")],
    ),
    (
        "cookie banner dropped",
        [
            (
                "p",
                COOKIE_BANNER,
            ),
            ("p", "One."),
        ],
        [("p", "One.")],
    ),
    (
        "photo credit-only line dropped",
        [("p", "One."), ("p", "INQUIRER PHOTO / NIÑO JESUS ORBETA"), ("p", "Two.")],
        [("p", "One."), ("p", "Two.")],
    ),
    (
        "Taboola block dropped, body after it kept",
        [
            ("p", "One."),
            ("p", "You May Like"),
            ("p", "Sponsored Links"),
            ("p", "by Taboola"),
            ("p", "Two."),
        ],
        [("p", "One."), ("p", "Two.")],
    ),
    (
        "comments disclaimer is terminal",
        [
            ("p", "One."),
            (
                "p",
                (
                    "Disclaimer: The comments uploaded on this site do not necessarily"
                    " represent the views of management."
                ),
            ),
            ("p", "X"),
        ],
        [("p", "One.")],
    ),
]


@pytest.mark.parametrize(
    ("blocks", "expected"), [r[1:] for r in STRIP_ROWS], ids=[r[0] for r in STRIP_ROWS]
)
def test_strip_boilerplate(blocks: B, expected: B) -> None:
    assert strip_boilerplate(blocks) == expected
    assert strip_boilerplate(expected) == expected


# A whole newsinfo wire page body in the order of the 2023 text capture (§0).
PAGE = [
    (
        "p",
        COOKIE_BANNER,
    ),
    ("p", "BEIJING — China’s military said on Sunday it had completed drills around Taiwan."),
    ("p", "Article continues after this advertisement"),
    ("h", "‘Strong deterrent’"),
    ("p", "The drills tested joint operations, the statement said. READ: Taiwan scrambles jets"),
    ("p", "Your subscription could not be saved. Please try again."),
    ("p", "Your subscription has been successful."),
    ("p", "Subscribe to our daily newsletter"),
    (
        "p",
        BREVO_TERMS,
    ),
    ("p", "Taiwan said it would not be intimidated."),
    ("p", "TAGS: China, Taiwan, military drills, PLA, Asia"),
    ("p", "Taiwan scrambles jets as China holds drills"),
    ("p", "© Copyright 1997-2024 | All Rights Reserved"),
]


def test_whole_page_in_and_not_in() -> None:
    body = "\n\n".join(text for _, text in strip_boilerplate(PAGE))
    assert body.startswith("BEIJING — China’s military said on Sunday")
    assert body.endswith("Taiwan said it would not be intimidated.")
    assert "‘Strong deterrent’" in body
    assert "the statement said." in body
    for phrase in (*FURNITURE_PHRASES, "READ:", "TAGS:", "cookies", "Taiwan scrambles jets"):
        assert phrase not in body


@pytest.mark.parametrize("phrase", FURNITURE_PHRASES)
def test_no_furniture_phrase_survives(phrase: str) -> None:
    blocks = [("p", f"Before {phrase} after."), ("p", f"{phrase}"), ("p", f"Text. {phrase}")]
    out = strip_boilerplate([("p", "Start.")] + blocks)
    assert all(phrase not in text for _, text in out)


CONTRIBUTOR_ROWS: list[tuple[str, B, B, list[str]]] = [
    (
        "own block, one name",
        [("p", "Text."), ("p", "—With a report from Juan Dela Cruz")],
        [("p", "Text.")],
        ["Juan Dela Cruz"],
    ),
    (
        "caps, three names",
        [
            ("p", "Text."),
            ("p", ("—WITH REPORTS FROM JULIE M. AURELIO, TJ BURGONIO AND MARLON RAMOS")),
        ],
        [("p", "Text.")],
        ["JULIE M. AURELIO", "TJ BURGONIO", "MARLON RAMOS"],
    ),
    (
        "no dash, names checked",
        [("p", "Text."), ("p", "With reports from Jane Doe and John Roe")],
        [("p", "Text.")],
        ["Jane Doe", "John Roe"],
    ),
    (
        "suffix of the last paragraph",
        [("p", ("Rains will go on, he said. —With a report from Ana Cruz"))],
        [("p", "Rains will go on, he said.")],
        ["Ana Cruz"],
    ),
    (
        "suffix without space",
        [("p", "It ended.—With reports from A. Reyes and B. Lim")],
        [("p", "It ended.")],
        ["A. Reyes", "B. Lim"],
    ),
    (
        "suffix Jr. keeps its period",
        [("p", "X."), ("p", "—With a report from Delfin T. Mallari Jr.")],
        [("p", "X.")],
        ["Delfin T. Mallari Jr."],
    ),
    ("en dash", [("p", "X."), ("p", "– With a report from Ana Cruz")], [("p", "X.")], ["Ana Cruz"]),
    (
        "parenthesised",
        [("p", "X."), ("p", "(With a report from Ana Cruz)")],
        [("p", "X.")],
        ["Ana Cruz"],
    ),
    (
        "agencies kept as printed",
        [("p", "X."), ("p", "—With reports from AFP and Reuters")],
        [("p", "X.")],
        ["AFP", "Reuters"],
    ),
    (
        "Oxford comma",
        [("p", "X."), ("p", "—With reports from A Cruz, B Reyes, and C Lim")],
        [("p", "X.")],
        ["A Cruz", "B Reyes", "C Lim"],
    ),
    (
        "role dropped",
        [("p", "X."), ("p", "—With a report from Ana Cruz, Inquirer Mindanao")],
        [("p", "X.")],
        ["Ana Cruz"],
    ),
    (
        "before a wire credit block",
        [("p", "X."), ("p", "—With a report from Ana Cruz"), ("p", "—AFP")],
        [("p", "X."), ("p", "—AFP")],
        ["Ana Cruz"],
    ),
    (
        "Filipino form",
        [("p", "X."), ("p", "—May ulat ni Ervin Santiago")],
        [("p", "X.")],
        ["Ervin Santiago"],
    ),
    # negatives
    (
        "prose starting with the words",
        [
            (
                "p",
                (
                    "With reports from the field suggesting heavy"
                    " flooding, the NDRRMC raised the alert."
                ),
            )
        ],
        [
            (
                "p",
                (
                    "With reports from the field suggesting heavy flooding, the NDRRMC raised the"
                    " alert."
                ),
            )
        ],
        [],
    ),
    (
        "not at the end",
        [("p", "—With a report from Ana Cruz"), ("p", "More text."), ("p", "Even more.")],
        [("p", "—With a report from Ana Cruz"), ("p", "More text."), ("p", "Even more.")],
        [],
    ),
    (
        "mid-sentence mention",
        [("p", ("He came with reports from the field —with a report from nobody"))],
        [("p", "He came with reports from the field —with a report from nobody")],
        [],
    ),
    ("empty", [], [], []),
]


@pytest.mark.parametrize(
    ("blocks", "rest", "names"),
    [r[1:] for r in CONTRIBUTOR_ROWS],
    ids=[r[0] for r in CONTRIBUTOR_ROWS],
)
def test_split_contributors(blocks: B, rest: B, names: list[str]) -> None:
    assert split_contributors(blocks) == (rest, names)


WIRE_ROWS: list[tuple[str, B, B, str | None]] = [
    ("em dash block", [("p", "X."), ("p", "—AFP")], [("p", "X.")], "AFP"),
    ("spaced dash block", [("p", "X."), ("p", "— Reuters")], [("p", "X.")], "Reuters"),
    ("AP", [("p", "X."), ("p", "—AP")], [("p", "X.")], "AP"),
    ("parenthesised block", [("p", "X."), ("p", "(AFP)")], [("p", "X.")], "AFP"),
    ("bare caps block", [("p", "X."), ("p", "AFP")], [("p", "X.")], "AFP"),
    ("bare REUTERS", [("p", "X."), ("p", "REUTERS")], [("p", "X.")], "REUTERS"),
    ("Xinhua", [("p", "X."), ("p", "—Xinhua")], [("p", "X.")], "Xinhua"),
    ("Bloomberg", [("p", "X."), ("p", "—Bloomberg")], [("p", "X.")], "Bloomberg"),
    ("double hyphen", [("p", "X."), ("p", "--AP")], [("p", "X.")], "AP"),
    ("two agencies", [("p", "X."), ("p", "—AFP/Reuters")], [("p", "X.")], "AFP/Reuters"),
    (
        "suffix of last paragraph",
        [("p", "Talks ended on Friday. —AFP")],
        [("p", "Talks ended on Friday.")],
        "AFP",
    ),
    ("suffix without space", [("p", "Talks ended.—Reuters")], [("p", "Talks ended.")], "Reuters"),
    (
        "suffix after a quote",
        [("p", "“We won,” she said. — AP")],
        [("p", "“We won,” she said.")],
        "AP",
    ),
    ("suffix in parentheses", [("p", "Talks ended. (Xinhua)")], [("p", "Talks ended.")], "Xinhua"),
    (
        "attached dash, no sentence end",
        [("p", "the talks ended —AFP")],
        [("p", "the talks ended")],
        "AFP",
    ),
    (
        "full agency name",
        [("p", "X."), ("p", "—Agence France-Presse")],
        [("p", "X.")],
        "Agence France-Presse",
    ),
    (
        "after a contributors line",
        [("p", "X. —AFP"), ("p", "—With a report from Ana Cruz")],
        [("p", "X."), ("p", "—With a report from Ana Cruz")],
        "AFP",
    ),
    # negatives
    (
        "agency in prose",
        [("p", "The talks ended, AFP reported.")],
        [("p", "The talks ended, AFP reported.")],
        None,
    ),
    ("prose ending with AP", [("p", "He spoke to the AP")], [("p", "He spoke to the AP")], None),
    (
        "dash mid-sentence",
        [("p", "He said — Reuters confirmed — that talks ended.")],
        [("p", "He said — Reuters confirmed — that talks ended.")],
        None,
    ),
    (
        "not at the end",
        [("p", "—AFP"), ("p", "X."), ("p", "Y.")],
        [("p", "—AFP"), ("p", "X."), ("p", "Y.")],
        None,
    ),
    (
        "staff credit is not a wire",
        [("p", "X."), ("p", "—Inquirer Research")],
        [("p", "X."), ("p", "—Inquirer Research")],
        None,
    ),
    ("empty", [], [], None),
]


@pytest.mark.parametrize(
    ("blocks", "rest", "credit"), [r[1:] for r in WIRE_ROWS], ids=[r[0] for r in WIRE_ROWS]
)
def test_split_wire_credit(blocks: B, rest: B, credit: str | None) -> None:
    assert split_wire_credit(blocks) == (rest, credit)


@pytest.mark.parametrize("bad", [None, 3, "text", [None], [("p", None)]])
def test_splitters_total(bad: object) -> None:
    assert split_contributors(bad)[1] == []  # type: ignore[arg-type]
    assert split_wire_credit(bad)[1] is None  # type: ignore[arg-type]
    assert strip_boilerplate(bad) == []  # type: ignore[arg-type]


_kinds = st.sampled_from(["p", "h"])
_texts = st.one_of(
    st.text(),
    st.sampled_from(FURNITURE + PROSE),
    st.builds(
        lambda a, p, b: f"{a} {p} {b}", st.text(), st.sampled_from(FURNITURE_PHRASES), st.text()
    ),
)
_blocks = st.lists(st.tuples(_kinds, _texts), max_size=8)


@given(st.text())
def test_is_furniture_never_raises(text: str) -> None:
    assert isinstance(is_furniture(text), bool)


@given(_blocks)
def test_strip_boilerplate_idempotent_and_clean(blocks: B) -> None:
    once = strip_boilerplate(blocks)
    assert strip_boilerplate(once) == once
    for _, text in once:
        assert text and not is_furniture(text)
        assert not any(phrase in text for phrase in FURNITURE_PHRASES)


@given(_blocks)
def test_splitters_never_raise(blocks: B) -> None:
    rest, names = split_contributors(blocks)
    assert isinstance(names, list) and len(rest) <= len(blocks)
    rest, credit = split_wire_credit(blocks)
    assert credit is None or isinstance(credit, str)


def test_every_terminal_pattern_is_also_furniture() -> None:
    """strip_boilerplate only asks "terminal?" of blocks that are furniture: that holds
    only while the furniture table contains every terminal pattern, at the same length cap."""
    from crawler.cleaning import boilerplate

    assert all(p in boilerplate._ALL_FURNITURE for p in boilerplate.TERMINAL_PATTERNS)
    for text in (
        "RELATED STORIES",
        "Read Next: more",
        "TAGS: a, b",
        "© 2026 INQUIRER.net",
        "—————",
        "View comments",
    ):
        assert boilerplate._is_terminal(text) and boilerplate._is_furniture_clean(text), text


def test_the_at_sign_patterns_all_need_an_at_sign() -> None:
    """_is_furniture_clean tries the "@" patterns only on texts with an "@": each of them
    must be unable to match without one (checked on texts that match with one)."""
    from crawler.cleaning import boilerplate

    assert boilerplate._AT_FURNITURE and all(
        p in boilerplate._ALL_FURNITURE for p in boilerplate._AT_FURNITURE
    )
    samples = [
        "Comments to jdoe@inquirer.com.ph",
        "jdoe@example.com",
        "The author is a former bank economist. Comments to x@y.org",
        "@inquirerdotnet caption #tag",
    ]
    for pattern in boilerplate._AT_FURNITURE:
        hits = [s for s in samples if pattern.fullmatch(s)]
        assert hits, pattern.pattern
        for text in hits:
            assert not pattern.fullmatch(text.replace("@", " at ").replace("  ", " "))
        assert (
            "@" in pattern.pattern and "@?" not in pattern.pattern and "[@" not in pattern.pattern
        )


@pytest.mark.parametrize(
    "text",
    [
        "Comments to jdoe@inquirer.com.ph",
        "jdoe@example.com",
        "@handle some caption",
        "Subscribe",
        "Article continues after this advertisement",
        "A real sentence about @mentions in politics and more.",
        "The author is a former bank economist. Comments to x@y.org",
        "ordinary prose, nothing else",
    ],
)
def test_the_split_furniture_union_answers_like_one_union(text: str) -> None:
    import re

    from crawler.cleaning import boilerplate as b

    one = re.compile(b._WRAP + "(?:" + b._union(b._ALL_FURNITURE) + ")" + b._WRAP)
    assert b._is_furniture_clean(text) == (one.fullmatch(text) is not None)


_FURNITURE_WORDS = st.sampled_from(
    [
        "Comments",
        "to",
        "x@y.com",
        "@",
        "subscribe",
        "share",
        "the",
        "author",
        "is",
        "a",
        ".",
        "Photo",
        "AFP",
        "/",
        "READ:",
        "©",
        "*",
        " ",
        "—",
    ]
)


@given(st.lists(_FURNITURE_WORDS, max_size=12).map(" ".join))
def test_the_split_furniture_union_answers_like_one_union_on_any_mix(text: str) -> None:
    import re

    from crawler.cleaning import boilerplate as b

    one = re.compile(b._WRAP + "(?:" + b._union(b._ALL_FURNITURE) + ")" + b._WRAP)
    assert b._is_furniture_clean(text) == (one.fullmatch(text) is not None)
